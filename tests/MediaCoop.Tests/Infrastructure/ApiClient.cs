using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MediaCoop.Tests.Infrastructure;

public sealed record Me(Guid Id, string Email, string DisplayName, string[] Roles, MeMembership? Membership);

public sealed record MeMembership(string MemberClass, int Shares);

/// <summary>Talks to the API the way the SPA does: JSON, cookies, and the antiforgery header on writes.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public const string StrongPassword = "violet tugboat orchestra 1987";
    private string? antiforgeryToken;

    public HttpClient Http => http;

    public static string UniqueEmail(string who = "user") => $"{who}-{Guid.NewGuid():N}@example.test";

    public async Task RefreshAntiforgeryAsync()
    {
        var body = await http.GetFromJsonAsync<JsonObject>("/api/v1/auth/antiforgery");
        antiforgeryToken = body!["token"]!.GetValue<string>();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, bool withAntiforgery = true)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (withAntiforgery && method != HttpMethod.Get)
        {
            if (antiforgeryToken is null) await RefreshAntiforgeryAsync();
            request.Headers.Add("X-XSRF-TOKEN", antiforgeryToken);
        }
        return await http.SendAsync(request);
    }

    /// <summary>Sends a body exactly as given (malformed JSON, odd content types), with the antiforgery header.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent content)
    {
        if (antiforgeryToken is null) await RefreshAntiforgeryAsync();
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-XSRF-TOKEN", antiforgeryToken);
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<HttpResponseMessage> PutAsync(string path, object? body = null) => SendAsync(HttpMethod.Put, path, body);

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path);

    public Task<HttpResponseMessage> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, body);

    /// <summary>A browser-style multipart upload of one file in the field "file".</summary>
    public async Task<HttpResponseMessage> UploadAsync(string path, byte[] bytes, string filename, string contentType = "image/jpeg",
        IDictionary<string, string>? fields = null)
    {
        if (antiforgeryToken is null) await RefreshAntiforgeryAsync();
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields ?? new Dictionary<string, string>()) content.Add(new StringContent(value), name);
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Add(file, "file", filename);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-XSRF-TOKEN", antiforgeryToken);
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> UploadPhotoAsync(byte[] bytes, string filename = "photo.jpg", string contentType = "image/jpeg") =>
        UploadAsync("/api/v1/uploads", bytes, filename, contentType);

    public string? AntiforgeryToken => antiforgeryToken;

    public async Task<HttpResponseMessage> RegisterAsync(string email, string password = StrongPassword, string displayName = "Test Person")
    {
        var response = await PostAsync("/api/v1/auth/register", new { email, password, displayName });
        if (response.IsSuccessStatusCode) await RefreshAntiforgeryAsync();
        return response;
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password = StrongPassword)
    {
        var response = await PostAsync("/api/v1/auth/login", new { email, password });
        if (response.IsSuccessStatusCode) await RefreshAntiforgeryAsync();
        return response;
    }

    public async Task<HttpResponseMessage> LogoutAsync()
    {
        var response = await PostAsync("/api/v1/auth/logout");
        if (response.IsSuccessStatusCode) await RefreshAntiforgeryAsync();
        return response;
    }

    public async Task<Me> MeAsync()
    {
        var response = await GetAsync("/api/v1/me");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Me>(JsonSerializerOptions.Web))!;
    }

    public void Dispose() => http.Dispose();
}

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 problem with the given status and returns its body.</summary>
    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo((int)status));
        Assert.That(text, Does.Not.Contain("   at "), "no stack trace may reach a client");
        return problem;
    }
}
