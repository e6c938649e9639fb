using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Integrations;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Allow http:// endpoints. Development and Local only (set there by default): events travel in clear otherwise.</summary>
    public bool AllowHttp { get; set; }
    /// <summary>Allow loopback and private addresses. Development and Local (and the tests' local receivers) only: this is the SSRF guard.</summary>
    public bool AllowPrivateNetworks { get; set; }
    /// <summary>When the delivery job runs (Hangfire cron, seconds allowed); empty leaves it unscheduled (the tests run it themselves).</summary>
    public string DeliveryCron { get; set; } = "*/5 * * * * *";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A delivery is retried with exponential backoff for this long after the event, then marked failed.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(3);
    /// <summary>Requests in flight at once per job run.</summary>
    public int MaxParallelDeliveries { get; set; } = 16;
    /// <summary>Deliveries to one endpoint per claim: a slow endpoint with a backlog cannot take every slot.</summary>
    public int MaxPerEndpointPerBatch { get; set; } = 4;
    public int MaxEndpointsPerAccount { get; set; } = 16;
}

/// <summary>The outcome of one POST: the status code when one came back, else why not.</summary>
public sealed record WebhookSendResult(int? StatusCode, string? Error, string? ResponseExcerpt)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Posts signed webhook bodies: no redirects followed (a 3xx is a failure), no proxy, no cookies, a hard timeout over
/// the whole exchange, at most 64 KB of the response read, and the SSRF guard at connect time.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const int MaxResponseBytes = 64 * 1024;
    public const int ExcerptChars = 1024;
    public const string UserAgent = "MediaCoop-Webhooks/1.0";

    private readonly HttpClient client;
    private readonly TimeSpan timeout;

    public WebhookSender(IOptions<WebhookOptions> options)
    {
        var o = options.Value;
        timeout = o.Timeout;
        var allowPrivate = o.AllowPrivateNetworks;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = o.Timeout,
            // Short-lived pooled connections: a DNS change is picked up, and rechecked by the connect callback.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = (context, ct) => WebhookAddressGuard.ConnectAsync(context, allowPrivate, ct),
        };
        client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public async Task<WebhookSendResult> SendAsync(Uri url, string messageId, long timestamp, string signature, string body, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var excerpt = await ReadExcerptAsync(response, cts.Token);
            var code = (int)response.StatusCode;
            string? error = code switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => $"Redirects are not followed (answered {code}{(response.Headers.Location is { } l ? " to " + l : "")}); register the final address.",
                410 => "The endpoint answered 410 Gone, so it was disabled.",
                _ => $"The endpoint answered {code}.",
            };
            return new WebhookSendResult(code, error, excerpt);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookSendResult(null, $"No complete answer within {timeout.TotalSeconds:0} s.", null);
        }
        catch (HttpRequestException e)
        {
            var refused = FindRefusal(e);
            return new WebhookSendResult(null, refused?.Message ?? $"Could not connect: {e.Message}", null);
        }
    }

    private static WebhookAddressRefusedException? FindRefusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is WebhookAddressRefusedException refused) return refused;
        return null;
    }

    /// <summary>Reads at most <see cref="MaxResponseBytes"/> of the body; the rest is never downloaded.</summary>
    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxResponseBytes];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        if (read == 0) return null;
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length <= ExcerptChars ? text : text[..ExcerptChars];
    }

    public void Dispose() => client.Dispose();
}
