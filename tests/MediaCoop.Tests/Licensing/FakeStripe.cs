using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace MediaCoop.Tests.Licensing;

/// <summary>One request the API sent to Stripe: the form body decoded, the headers as sent.</summary>
public sealed record StripeCall(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? Authorization);

/// <summary>How the fake answers a transfer: the transfer is made but the answer is lost; refused; or Stripe is down.</summary>
public enum TransferFault
{
    LostAnswer,
    Declined,
    Unavailable,
}

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
    private readonly ConcurrentDictionary<string, JsonObject> accounts = new();
    private readonly ConcurrentDictionary<string, string> accountsByKey = new();
    private readonly ConcurrentDictionary<string, JsonObject> transfers = new();
    private readonly ConcurrentDictionary<string, string> transfersByKey = new();
    private readonly ConcurrentDictionary<string, JsonObject> reversalsByKey = new();
    private readonly Lock transferLock = new();
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

    /// <summary>What the next transfers to a destination account meet, in order (then success).</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<TransferFault>> TransferFaults { get; } = new();

    /// <summary>Transfers whose reversal Stripe refuses (e.g. the connected account's balance is short).</summary>
    public ConcurrentDictionary<string, bool> RefusedReversals { get; } = new();

    public void FailTransfers(string destination, params TransferFault[] faults) =>
        TransferFaults[destination] = new ConcurrentQueue<TransferFault>(faults);

    /// <summary>Stripe forgets idempotency keys after 24 hours: the same key then makes a new object.</summary>
    public void ForgetIdempotencyKey(string key)
    {
        transfersByKey.TryRemove(key, out _);
        reversalsByKey.TryRemove(key, out _);
    }

    public IReadOnlyList<JsonObject> TransfersInGroup(string group) =>
        [.. transfers.Values.Where(t => t["transfer_group"]?.GetValue<string>() == group)];

    public IReadOnlyList<JsonObject> TransfersTo(string destination) =>
        [.. transfers.Values.Where(t => t["destination"]?.GetValue<string>() == destination)];

    public JsonObject Transfer(string id) => transfers[id];

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
        foreach (var pair in request.Url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)))
            form.TryAdd(Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "");
        var key = request.Headers["Idempotency-Key"];
        calls.Enqueue(new StripeCall(request.HttpMethod, path, form, key, request.Headers["Authorization"]));

        var (status, json) = (request.HttpMethod, path) switch
        {
            ("POST", "/v1/checkout/sessions") => (200, CreateSession(form, key)),
            ("GET", _) when path.StartsWith("/v1/checkout/sessions/", StringComparison.Ordinal) =>
                sessions.TryGetValue(path["/v1/checkout/sessions/".Length..], out var s) ? (200, s.ToJsonString()) : (404, Error("No such checkout.session")),
            ("POST", "/v1/refunds") => CreateRefund(form, key),
            ("GET", _) when path.StartsWith("/v1/payment_intents/", StringComparison.Ordinal) => PaymentIntent(path["/v1/payment_intents/".Length..]),
            ("POST", "/v1/accounts") => (200, CreateAccount(form, key)),
            ("POST", "/v1/account_links") => (200, CreateAccountLink(form)),
            ("POST", "/v1/transfers") => CreateTransfer(form, key),
            ("GET", "/v1/transfers") => (200, ListTransfers(form)),
            ("GET", _) when path.StartsWith("/v1/transfers/", StringComparison.Ordinal) && path.EndsWith("/reversals", StringComparison.Ordinal) =>
                ListReversals(path["/v1/transfers/".Length..^"/reversals".Length]),
            ("POST", _) when path.StartsWith("/v1/transfers/", StringComparison.Ordinal) && path.EndsWith("/reversals", StringComparison.Ordinal) =>
                CreateReversal(path["/v1/transfers/".Length..^"/reversals".Length], form, key),
            _ => (404, Error($"Unrecognized request URL ({request.HttpMethod}: {path})")),
        };
        if (status == LostAnswer)
        {
            // The work is done but the answer never arrives: the caller sees a broken connection.
            context.Response.Abort();
            return;
        }
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

    private const int LostAnswer = -1;

    private static Dictionary<string, string> Metadata(Dictionary<string, string> form) =>
        form.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal)).ToDictionary(p => p.Key["metadata[".Length..^1], p => p.Value);

    private static JsonObject Json(Dictionary<string, string> values) =>
        new(values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));

    private string CreateAccount(Dictionary<string, string> form, string? key)
    {
        var id = accountsByKey.GetOrAdd(key ?? Guid.NewGuid().ToString(), _ => $"acct_test_{Guid.NewGuid():N}"[..26]);
        var account = accounts.GetOrAdd(id, _ => new JsonObject
        {
            ["id"] = id, ["object"] = "account", ["type"] = "express", ["email"] = form.GetValueOrDefault("email"),
            ["payouts_enabled"] = false, ["charges_enabled"] = false, ["details_submitted"] = false,
            ["controller"] = new JsonObject { ["stripe_dashboard"] = new JsonObject { ["type"] = form.GetValueOrDefault("controller[stripe_dashboard][type]") } },
            ["metadata"] = Json(Metadata(form)),
        });
        return account.ToJsonString();
    }

    private static string CreateAccountLink(Dictionary<string, string> form) => new JsonObject
    {
        ["object"] = "account_link", ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["expires_at"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(),
        ["url"] = $"https://connect.stripe.test/setup/e/{form.GetValueOrDefault("account")}/{Guid.NewGuid():N}",
    }.ToJsonString();

    private (int, string) CreateTransfer(Dictionary<string, string> form, string? key)
    {
        var destination = form.GetValueOrDefault("destination") ?? "";
        if (!accounts.ContainsKey(destination) && !destination.StartsWith("acct_", StringComparison.Ordinal))
            return (400, Error($"No such destination: '{destination}'"));
        lock (transferLock)
        {
            if (key is not null && transfersByKey.TryGetValue(key, out var existing)) return (200, transfers[existing].ToJsonString());
            var fault = TransferFaults.TryGetValue(destination, out var queue) && queue.TryDequeue(out var f) ? f : (TransferFault?)null;
            if (fault == TransferFault.Declined)
                return (400, new JsonObject { ["error"] = new JsonObject
                {
                    ["type"] = "invalid_request_error", ["code"] = "account_invalid",
                    ["message"] = "The destination account needs to finish onboarding before it can receive transfers.",
                } }.ToJsonString());
            if (fault == TransferFault.Unavailable) return (503, Error("Stripe is temporarily unavailable.", "api_error"));
            var id = $"tr_test_{Guid.NewGuid():N}";
            var transfer = new JsonObject
            {
                ["id"] = id, ["object"] = "transfer", ["amount"] = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture),
                ["amount_reversed"] = 0L, ["currency"] = form.GetValueOrDefault("currency"), ["destination"] = destination,
                ["transfer_group"] = form.GetValueOrDefault("transfer_group"), ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["livemode"] = false, ["reversed"] = false, ["metadata"] = Json(Metadata(form)),
                ["reversals"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(), ["has_more"] = false, ["url"] = $"/v1/transfers/{id}/reversals" },
            };
            transfers[id] = transfer;
            if (key is not null) transfersByKey[key] = id;
            return (fault == TransferFault.LostAnswer ? LostAnswer : 200, transfer.ToJsonString());
        }
    }

    private string ListTransfers(Dictionary<string, string> query)
    {
        var group = query.GetValueOrDefault("transfer_group");
        var found = transfers.Values.Where(t => group is null || t["transfer_group"]?.GetValue<string>() == group)
            .OrderByDescending(t => t["created"]!.GetValue<long>()).Select(t => (JsonNode)t.DeepClone());
        return new JsonObject { ["object"] = "list", ["data"] = new JsonArray([.. found]), ["has_more"] = false, ["url"] = "/v1/transfers" }.ToJsonString();
    }

    private (int, string) ListReversals(string transferId)
    {
        lock (transferLock)
        {
            return transfers.TryGetValue(transferId, out var transfer)
                ? (200, transfer["reversals"]!.ToJsonString())
                : (404, Error($"No such transfer: '{transferId}'"));
        }
    }

    /// <summary>Reversals whose answer is lost after Stripe made them.</summary>
    public ConcurrentDictionary<string, bool> LostReversalAnswers { get; } = new();

    private (int, string) CreateReversal(string transferId, Dictionary<string, string> form, string? key)
    {
        lock (transferLock)
        {
            if (!transfers.TryGetValue(transferId, out var transfer)) return (404, Error($"No such transfer: '{transferId}'"));
            if (key is not null && reversalsByKey.TryGetValue(key, out var existing)) return (200, existing.ToJsonString());
            if (RefusedReversals.ContainsKey(transferId))
                return (400, new JsonObject { ["error"] = new JsonObject
                {
                    ["type"] = "invalid_request_error",
                    ["message"] = "This transfer cannot be reversed: the connected account's balance is too low.",
                } }.ToJsonString());
            var amount = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture);
            var left = transfer["amount"]!.GetValue<long>() - transfer["amount_reversed"]!.GetValue<long>();
            if (amount > left) return (400, Error($"Amount {amount} exceeds what is left of the transfer ({left})."));
            transfer["amount_reversed"] = transfer["amount_reversed"]!.GetValue<long>() + amount;
            var reversal = new JsonObject
            {
                ["id"] = $"trr_test_{Guid.NewGuid():N}", ["object"] = "transfer_reversal", ["amount"] = amount,
                ["currency"] = transfer["currency"]?.GetValue<string>(), ["transfer"] = transferId,
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["metadata"] = Json(Metadata(form)),
            };
            transfer["reversals"]!["data"]!.AsArray().Add(reversal.DeepClone());
            if (key is not null) reversalsByKey[key] = reversal;
            return (LostReversalAnswers.TryRemove(transferId, out _) ? LostAnswer : 200, reversal.ToJsonString());
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
    }
}
