using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MediaCoop.Tests.Integrations;

/// <summary>Creates keys through the account API and calls the API the way a third-party script does: a bearer header, no cookies, no antiforgery.</summary>
public static class ApiKeySupport
{
    public static async Task<(Guid Id, string Key)> CreateKeyAsync(ApiClient owner, params string[] scopes)
    {
        var created = await (await owner.PostAsync("/api/v1/me/api-keys", new { name = "script " + Guid.NewGuid().ToString("N")[..6], scopes }))
            .JsonAsync(HttpStatusCode.Created);
        return (created["id"]!.GetValue<Guid>(), created["key"]!.GetValue<string>());
    }

    public static HttpClient ScriptClient(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = false,
            AllowAutoRedirect = false,
        });

    public static Task<HttpResponseMessage> SendWithKeyAsync(this HttpClient http, string key, HttpMethod method, string path, object? body = null,
        Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null) request.Content = JsonContent.Create(body);
        configure?.Invoke(request);
        return http.SendAsync(request);
    }
}
