using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace MediaCoop.Tests.Licensing;

/// <summary>One request the API sent to Stripe: the form body decoded, the headers as sent.</summary>
public sealed record StripeCall(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? Authorization);

/// <summary>
/// A local stand-in for api.stripe.com, reached through Stripe.net's own client (ApiBase). It answers Checkout
/// Session creation and retrieval and refunds the way Stripe does (form-encoded in, JSON out) and records every
/// call so tests can assert the parameters and idempotency keys.
/// </summary>
public sealed class FakeStripe : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<StripeCall> calls = new();
    private readonly ConcurrentDictionary<string, JsonObject> sessions = new();
    private readonly ConcurrentDictionary<string, string> refundsByKey = new();
    private int counter;

    public FakeStripe()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(BaseUrl + "/");
        listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Payment intents whose refunds Stripe declines (e.g. already disputed).</summary>
    public ConcurrentDictionary<string, bool> RefusedRefunds { get; } = new();

    /// <summary>The fee on each payment intent's charge, as its balance transaction reports it (minor units).</summary>
    public ConcurrentDictionary<string, long> Fees { get; } = new();

    /// <summary>Payment intents whose retrieval fails with a server error (Stripe down).</summary>
    public ConcurrentDictionary<string, bool> FailingRetrievals { get; } = new();

    public IReadOnlyList<StripeCall> Calls => [.. calls];

    public IEnumerable<StripeCall> CallsFor(string orderOrIntent) =>
        calls.Where(c => c.Form.Values.Any(v => v.Contains(orderOrIntent, StringComparison.Ordinal)) || c.Path.Contains(orderOrIntent, StringComparison.Ordinal));

    /// <summary>What a later GET /v1/checkout/sessions/{id} returns (a test decides it was paid).</summary>
    public void SetSession(string id, Action<JsonObject> change) => change(sessions[id]);

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");
        var path = request.Url!.AbsolutePath;
        var key = request.Headers["Idempotency-Key"];
        calls.Enqueue(new StripeCall(request.HttpMethod, path, form, key, request.Headers["Authorization"]));

        var (status, json) = (request.HttpMethod, path) switch
        {
            ("POST", "/v1/checkout/sessions") => (200, CreateSession(form, key)),
            ("GET", _) when path.StartsWith("/v1/checkout/sessions/", StringComparison.Ordinal) =>
                sessions.TryGetValue(path["/v1/checkout/sessions/".Length..], out var s) ? (200, s.ToJsonString()) : (404, Error("No such checkout.session")),
            ("POST", "/v1/refunds") => CreateRefund(form, key),
            ("GET", _) when path.StartsWith("/v1/payment_intents/", StringComparison.Ordinal) => PaymentIntent(path["/v1/payment_intents/".Length..]),
            _ => (404, Error($"Unrecognized request URL ({request.HttpMethod}: {path})")),
        };
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = $"req_{Interlocked.Increment(ref counter)}";
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static string Error(string message, string type = "invalid_request_error") =>
        new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }.ToJsonString();

    private string CreateSession(Dictionary<string, string> form, string? key)
    {
        // Stripe answers a repeated idempotency key with the first response.
        var existing = sessions.Values.FirstOrDefault(s => s["idempotency_key"]?.GetValue<string>() == key);
        if (key is not null && existing is not null) return existing.ToJsonString();
        var id = $"cs_test_{Guid.NewGuid():N}";
        var amount = form.Where(p => p.Key.EndsWith("[price_data][unit_amount]", StringComparison.Ordinal)).Sum(p => long.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture));
        var session = new JsonObject
        {
            ["id"] = id, ["object"] = "checkout.session", ["mode"] = "payment", ["status"] = "open", ["payment_status"] = "unpaid",
            ["url"] = $"https://checkout.stripe.test/c/pay/{id}", ["amount_total"] = amount,
            ["currency"] = form.GetValueOrDefault("line_items[0][price_data][currency]"),
            ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"),
            ["metadata"] = new JsonObject { ["order_id"] = form.GetValueOrDefault("metadata[order_id]") },
            ["payment_intent"] = null, ["idempotency_key"] = key,
        };
        sessions[id] = session;
        return session.ToJsonString();
    }

    /// <summary>A payment intent with its latest charge and that charge's balance transaction expanded.</summary>
    private (int, string) PaymentIntent(string id)
    {
        if (FailingRetrievals.ContainsKey(id)) return (500, Error("An unknown error occurred", "api_error"));
        if (!Fees.TryGetValue(id, out var fee)) return (404, Error($"No such payment_intent: '{id}'"));
        return (200, new JsonObject
        {
            ["id"] = id, ["object"] = "payment_intent", ["status"] = "succeeded", ["currency"] = "usd",
            ["latest_charge"] = new JsonObject
            {
                ["id"] = "ch_" + id[3..], ["object"] = "charge", ["payment_intent"] = id, ["currency"] = "usd",
                ["balance_transaction"] = new JsonObject
                {
                    ["id"] = "txn_" + id[3..], ["object"] = "balance_transaction", ["fee"] = fee, ["currency"] = "usd",
                    ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["type"] = "charge",
                },
            },
        }.ToJsonString());
    }

    private (int, string) CreateRefund(Dictionary<string, string> form, string? key)
    {
        var intent = form.GetValueOrDefault("payment_intent") ?? "";
        if (RefusedRefunds.ContainsKey(intent)) return (400, Error("Charge has been disputed; it cannot be refunded."));
        var id = refundsByKey.GetOrAdd(key ?? Guid.NewGuid().ToString(), _ => $"re_test_{Guid.NewGuid():N}");
        return (200, new JsonObject
        {
            ["id"] = id, ["object"] = "refund", ["amount"] = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture),
            ["payment_intent"] = intent, ["status"] = "succeeded", ["currency"] = "usd",
        }.ToJsonString());
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
    }
}
