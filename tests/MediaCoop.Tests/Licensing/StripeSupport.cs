using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Api.Licensing;
using MediaCoop.Tests.Curation;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;
using Stripe;

namespace MediaCoop.Tests.Licensing;

public sealed record SeededOrder(Guid Id, Guid BuyerId, Guid[] LineIds, long Total, string PaymentIntent);

/// <summary>An API host whose Stripe calls go to a local fake, and helpers to seed orders and sign events.</summary>
public static class StripeSupport
{
    public const string WebhookSecret = "whsec_test_5f1c0ffee0ddba11";
    public const string ConnectWebhookSecret = "whsec_test_c0nnec7ed0ddba11";

    private static readonly Lazy<(ApiFactory Api, FakeStripe Stripe)> Host = new(() =>
    {
        var stripe = new FakeStripe();
        var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Payments:Provider"] = "stripe",
            ["Payments:PublicOrigin"] = "https://coop.test",
            ["Payments:Stripe:SecretKey"] = "sk_test_fake",
            ["Payments:Stripe:WebhookSecret"] = WebhookSecret,
            ["Payments:Stripe:ConnectWebhookSecret"] = ConnectWebhookSecret,
            ["Payments:Stripe:ApiBase"] = stripe.BaseUrl,
            ["Payments:Stripe:MaxNetworkRetries"] = "0",
        });
        _ = api.Server;
        return (api, stripe);
    });

    public static ApiFactory StripeHost => Host.Value.Api;

    public static FakeStripe FakeStripeApi => Host.Value.Stripe;

    /// <summary>A pending order straight in the tables (lic-core's POST /orders builds the same rows).</summary>
    public static async Task<SeededOrder> OrderAsync(Guid buyerId, long[] amounts, string? provider = "stripe", string currency = "USD",
        string? checkoutReference = null)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        // The buyer is the photos' contributor too: any published photo will do.
        var ownerId = buyerId;
        var orderId = Guid.CreateVersion7();
        var total = amounts.Sum();
        await connection.ExecuteAsync("""
            insert into orders (id, buyer_id, currency, total, idempotency_key, request_hash, expires_at, provider, checkout_reference)
            values (@orderId, @buyerId, @currency, @total, @key, '\x00', now() + interval '1 hour', @provider, @checkoutReference)
            """, new { orderId, buyerId, currency, total, key = Guid.NewGuid().ToString(), provider, checkoutReference });
        var lineIds = new List<Guid>();
        for (var i = 0; i < amounts.Length; i++)
        {
            var assetId = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, ownerId, status: "published");
            var lineId = Guid.CreateVersion7();
            await connection.ExecuteAsync("""
                insert into order_lines (id, order_id, line_no, asset_id, size, width, height, editorial_only, amount)
                values (@lineId, @orderId, @no, @assetId, 'medium', 2500, 1667, false, @amount)
                """, new { lineId, orderId, no = i + 1, assetId, amount = amounts[i] });
            lineIds.Add(lineId);
        }
        return new SeededOrder(orderId, buyerId, [.. lineIds], total, $"pi_test_{Guid.NewGuid():N}");
    }

    /// <summary>Pays an order through the one fulfilment path (as a verified webhook would).</summary>
    public static async Task PayAsync(SeededOrder order, string provider = "stripe")
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var outcome = await Fulfilment.MarkPaidAsync(connection, transaction, order.Id, provider, order.PaymentIntent, order.Total, "USD", DateTimeOffset.UtcNow);
        Assert.That(outcome, Is.EqualTo(FulfilmentOutcome.Fulfilled));
        await transaction.CommitAsync();
    }

    public static async Task<OrderState> StateAsync(Guid orderId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.QuerySingleAsync<OrderState>("""
            select o.status, o.amount_refunded,
                   (select count(*) from licenses l join order_lines ol on ol.id = l.order_line_id where ol.order_id = o.id)::int as licences,
                   (select count(*) from licenses l join order_lines ol on ol.id = l.order_line_id where ol.order_id = o.id and l.revoked_at is not null)::int as revoked,
                   (select count(*) from refunds r where r.order_id = o.id)::int as refund_rows
            from orders o where o.id = @orderId
            """, new { orderId });
    }

    public sealed record OrderState
    {
        public string Status { get; init; } = "";
        public long AmountRefunded { get; init; }
        public int Licences { get; init; }
        public int Revoked { get; init; }
        public int RefundRows { get; init; }
    }

    public static async Task<string?> EventOutcomeAsync(string eventId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.QuerySingleOrDefaultAsync<string?>(
            "select coalesce(outcome, '(none)') from payment_events where provider = 'stripe' and event_id = @eventId", new { eventId });
    }

    public static string NewEventId() => $"evt_test_{Guid.NewGuid():N}";

    /// <summary>An event as Stripe sends it: pretty-printed JSON with our pinned API version.</summary>
    public static string Event(string id, string type, JsonObject dataObject) => new JsonObject
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
    }.ToJsonString(new() { WriteIndented = true });

    public static JsonObject Session(SeededOrder order, string paymentStatus = "paid", long? amount = null) => new()
    {
        ["id"] = $"cs_test_{Guid.NewGuid():N}",
        ["object"] = "checkout.session",
        ["mode"] = "payment",
        ["status"] = paymentStatus == "paid" ? "complete" : "open",
        ["payment_status"] = paymentStatus,
        ["amount_total"] = amount ?? order.Total,
        ["currency"] = "usd",
        ["client_reference_id"] = order.Id.ToString(),
        ["metadata"] = new JsonObject { ["order_id"] = order.Id.ToString() },
        ["payment_intent"] = order.PaymentIntent,
    };

    public static JsonObject Charge(SeededOrder order, long amountRefunded, params (string Id, long Amount)[] refunds) => new()
    {
        ["id"] = "ch_" + order.PaymentIntent[3..],
        ["object"] = "charge",
        ["amount"] = order.Total,
        ["amount_refunded"] = amountRefunded,
        ["currency"] = "usd",
        ["refunded"] = amountRefunded >= order.Total,
        ["payment_intent"] = order.PaymentIntent,
        ["metadata"] = new JsonObject { ["order_id"] = order.Id.ToString() },
        ["refunds"] = refunds.Length == 0 ? null : new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. refunds.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id, ["object"] = "refund", ["amount"] = r.Amount, ["status"] = "succeeded", ["payment_intent"] = order.PaymentIntent,
            })]),
            ["has_more"] = false,
        },
    };

    public static JsonObject Dispute(SeededOrder order, string status, long? amount = null) => new()
    {
        ["id"] = "dp_" + order.PaymentIntent[3..],
        ["object"] = "dispute",
        ["amount"] = amount ?? order.Total,
        ["currency"] = "usd",
        ["status"] = status,
        ["reason"] = "fraudulent",
        ["charge"] = "ch_" + order.PaymentIntent[3..],
        ["payment_intent"] = order.PaymentIntent,
        ["metadata"] = new JsonObject(),
    };

    public static string Sign(string payload, DateTimeOffset? at = null) =>
        EventUtility.GenerateSignatureHeader(payload, WebhookSecret, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());

    /// <summary>POSTs exactly these bytes, as Stripe does: no cookies, no antiforgery token.</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(string payload, string? signatureHeader)
    {
        using var http = StripeHost.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/stripe")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        if (signatureHeader is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", signatureHeader);
        return await http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> DeliverSignedAsync(string payload) => DeliverAsync(payload, Sign(payload));

    public static async Task<string> OutcomeOfAsync(HttpResponseMessage response)
    {
        var body = await response.JsonAsync(HttpStatusCode.OK);
        return body["outcome"]!.GetValue<string>();
    }
}
