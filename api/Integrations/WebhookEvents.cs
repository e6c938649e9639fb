using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Npgsql;

namespace MediaCoop.Api.Integrations;

/// <summary>An event a webhook endpoint can subscribe to, with what it means (shown in the SPA and the docs).</summary>
public sealed record WebhookEventType(string Type, string Description);

/// <summary>
/// Publishes webhook events from inside business transactions. The event row and one delivery per enabled endpoint of
/// the account subscribed to its type are written in the caller's transaction: they commit with the change they
/// describe or not at all. <see cref="WebhookDeliveryJob"/> sends them after the commit.
/// </summary>
/// <remarks>
/// Every body is the envelope <c>{"id", "type", "created_at", "data"}</c> in snake_case JSON; <c>id</c> is also the
/// <c>webhook-id</c> header (the same on every retry and redelivery, so receivers can drop duplicates); amounts are
/// minor units with an ISO currency; urls are absolute.
/// </remarks>
public static class WebhookEvents
{
    public const string AssetPublished = "asset.published";
    public const string SubmissionReviewed = "submission.reviewed";
    public const string LicenseCreated = "license.created";
    public const string LicenseRevoked = "license.revoked";
    public const string OrderPaid = "order.paid";
    public const string PayoutSent = "payout.sent";
    public const string ProposalOpened = "proposal.opened";
    public const string ProposalClosed = "proposal.closed";
    /// <summary>Sent on request to one endpoint only, whatever it subscribes to.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<WebhookEventType> Types =
    [
        new(AssetPublished, "One of your photos was published in the catalogue."),
        new(SubmissionReviewed, "An editor decided on one of your submissions (published, sent back or declined)."),
        new(LicenseCreated, "A licence was issued to you (one per photo of a paid order)."),
        new(LicenseRevoked, "A licence of yours was revoked (refund or payment dispute)."),
        new(OrderPaid, "One of your orders was paid."),
        new(PayoutSent, "A royalty payout was sent to your payout account."),
        new(ProposalOpened, "A co-op proposal opened for voting."),
        new(ProposalClosed, "A co-op proposal closed."),
    ];

    public static bool IsKnown(string type) => Types.Any(t => t.Type == type);

    /// <summary>snake_case, the webhook convention (Stripe, GitHub, Standard Webhooks examples): what receivers expect.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// Records the event for <paramref name="ownerUserId"/> and queues it to that account's enabled endpoints
    /// subscribed to <paramref name="type"/>. Returns the event id, or null when no endpoint wants it (nothing is
    /// stored then: most accounts have no webhooks, and their business transactions pay one indexed query).
    /// </summary>
    public static async Task<Guid?> PublishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string type,
        Guid ownerUserId, object data)
    {
        var id = Guid.CreateVersion7();
        var payload = Envelope(id, type, DateTimeOffset.UtcNow, data);
        // Delivery ids come from the app (UUIDv7), one per target, so the targets are read first.
        const string targetsSql = "select id from webhook_endpoints where user_id = @ownerUserId and enabled and @type = any(events)";
        var targets = (await connection.QueryAsync<Guid>(targetsSql, new { ownerUserId, type }, transaction)).AsList();
        if (targets.Count == 0) return null;
        await InsertEventAsync(connection, transaction, id, ownerUserId, type, payload);
        await InsertDeliveriesAsync(connection, transaction, id, targets, manual: false);
        return id;
    }

    internal static string Envelope(Guid id, string type, DateTimeOffset createdAt, object data) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = id,
            ["type"] = type,
            ["created_at"] = createdAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = data,
        }, Json);

    internal static Task InsertEventAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, Guid ownerUserId, string type, string payload)
    {
        const string sql = "insert into webhook_events (id, user_id, type, payload) values (@id, @ownerUserId, @type, @payload::jsonb)";
        return connection.ExecuteAsync(sql, new { id, ownerUserId, type, payload }, transaction);
    }

    internal static async Task<Guid[]> InsertDeliveriesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid eventId,
        IReadOnlyList<Guid> endpointIds, bool manual)
    {
        var ids = endpointIds.Select(_ => Guid.CreateVersion7()).ToArray();
        const string sql = """
            insert into webhook_deliveries (id, endpoint_id, event_id, manual)
            select d.id, d.endpoint_id, @eventId, @manual from unnest(@ids, @endpointIds) as d (id, endpoint_id)
            """;
        await connection.ExecuteAsync(sql, new { ids, endpointIds = endpointIds.ToArray(), eventId, manual }, transaction);
        return ids;
    }
}
