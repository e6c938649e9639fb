using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaCoop.Tests.Integrations;

public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, string Path);

/// <summary>An HTTP server on 127.0.0.1 that records what it receives and answers what the test tells it to.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int calls;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Given the call number (1-based), the status to answer; headers and a body may be set on the response.</summary>
    public Func<int, HttpResponse, Task<int>> Respond { get; set; } = (_, _) => Task.FromResult(204);

    public Uri Url { get; private set; } = null!;

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var h = context.Request.Headers;
            Received.Enqueue(new ReceivedWebhook(h["webhook-id"].ToString(), h["webhook-timestamp"].ToString(),
                h["webhook-signature"].ToString(), body, context.Request.Path));
            var status = await Respond(Interlocked.Increment(ref calls), context.Response);
            if (!context.Response.HasStarted) context.Response.StatusCode = status;
        });
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hooks/" + Guid.NewGuid().ToString("N"));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
