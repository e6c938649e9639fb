using Dapper;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Integrations;

/// <summary>
/// A member's outgoing webhook endpoints, their deliveries log, test events and manual redelivery. Someone else's
/// endpoint answers 404 to every route, exactly like one that does not exist.
/// </summary>
public static class WebhookEndpoints
{
    public const string Tag = "Integrations";
    /// <summary>How long a rotated-out secret keeps signing, so receivers can switch without losing events.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);
    private const int DeliveriesShown = 100;

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/me/webhooks").WithTags(Tag).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        hooks.MapGet("/", ListWebhookEndpoints).WithName("ListWebhookEndpoints");
        hooks.MapPost("/", CreateWebhookEndpoint).WithName("CreateWebhookEndpoint").WithValidation<CreateWebhookEndpointRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        hooks.MapPatch("/{id:guid}", UpdateWebhookEndpoint).WithName("UpdateWebhookEndpoint").WithValidation<UpdateWebhookEndpointRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapDelete("/{id:guid}", DeleteWebhookEndpoint).WithName("DeleteWebhookEndpoint")
            .ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapPost("/{id:guid}/rotate-secret", RotateWebhookSecret).WithName("RotateWebhookSecret")
            .ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapPost("/{id:guid}/test", SendTestWebhook).WithName("SendTestWebhook")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        hooks.MapGet("/{id:guid}/deliveries", ListWebhookDeliveries).WithName("ListWebhookDeliveries")
            .ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", RedeliverWebhook).WithName("RedeliverWebhook")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static ProblemHttpResult NoSuchEndpoint() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No such webhook endpoint", detail: "There is no webhook endpoint of yours with this id. It may have been deleted.");

    private sealed record EndpointRow
    {
        public Guid Id { get; init; }
        public string Url { get; init; } = "";
        public string? Description { get; init; }
        public string[] Events { get; init; } = [];
        public bool Enabled { get; init; }
        public DateTime? DisabledAt { get; init; }
        public string? DisabledReason { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? PreviousSecretExpiresAt { get; init; }
    }

    private const string EndpointColumns = """
        id, url, description, events, enabled, disabled_at, disabled_reason, created_at,
        case when previous_secret_expires_at > now() then previous_secret_expires_at end as previous_secret_expires_at
        """;

    private static WebhookEndpointItem ToItem(EndpointRow r) => new(r.Id, r.Url, r.Description, r.Events, r.Enabled,
        Utc(r.DisabledAt), r.DisabledReason, Utc(r.CreatedAt), Utc(r.PreviousSecretExpiresAt));

    [EndpointSummary("List my webhook endpoints")]
    [EndpointDescription("Your registered endpoints (address, events, on/off and why it was turned off) and every event type an endpoint can subscribe to. Secrets are never listed.")]
    private static async Task<Ok<WebhookEndpointList>> ListWebhookEndpoints(HttpContext http, NpgsqlDataSource dataSource)
    {
        const string sql = $"select {EndpointColumns} from webhook_endpoints where user_id = @userId order by created_at, id";
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await connection.QueryAsync<EndpointRow>(sql, new { userId = http.User.UserId() });
        return TypedResults.Ok(new WebhookEndpointList(rows.Select(ToItem).ToList(), WebhookEvents.Types));
    }

    /// <summary>The DNS part of the SSRF guard: the url's form was checked by the validator.</summary>
    private static async Task<ValidationProblem?> RefuseAddressAsync(string url, WebhookOptions options, CancellationToken ct)
    {
        if (options.AllowPrivateNetworks) return null;
        var why = await WebhookAddressGuard.RefuseHostAsync(new Uri(url.Trim()), ct);
        return why is null ? null : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [why] });
    }

    [EndpointSummary("Register a webhook endpoint")]
    [EndpointDescription("Registers an https address (outside development) for the chosen events. Addresses on private, loopback, link-local and metadata networks are refused, here and again when connecting. The signing secret (whsec_…) is in this answer only: store it to verify the webhook-signature header.")]
    private static async Task<Results<Created<CreatedWebhookEndpoint>, ValidationProblem, ProblemHttpResult>> CreateWebhookEndpoint(
        CreateWebhookEndpointRequest request, HttpContext http, NpgsqlDataSource dataSource, WebhookSecrets secrets, IOptions<WebhookOptions> options)
    {
        var ct = http.RequestAborted;
        var url = request.Url!.Trim();
        if (await RefuseAddressAsync(url, options.Value, ct) is { } refused) return refused;

        var userId = http.User.UserId();
        var id = Guid.CreateVersion7();
        var secret = WebhookSignature.NewSecret();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The owner's row serialises their concurrent creates, so the limit holds under a burst.
        await connection.ExecuteAsync("select 1 from users where id = @userId for no key update", new { userId }, tx);
        var count = await connection.ExecuteScalarAsync<int>("select count(*)::int from webhook_endpoints where user_id = @userId", new { userId }, tx);
        var max = options.Value.MaxEndpointsPerAccount;
        if (count >= max)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many webhook endpoints",
                detail: $"An account can have up to {max} webhook endpoints. Delete one you no longer use, or subscribe an existing one to more events.");
        const string sql = $"""
            insert into webhook_endpoints (id, user_id, url, description, events, secret_protected)
            values (@id, @userId, @url, @description, @events, @secret)
            returning {EndpointColumns}
            """;
        var row = await connection.QuerySingleAsync<EndpointRow>(sql, new
        {
            id, userId, url, description = Blank(request.Description), events = request.Events!.Distinct().ToArray(), secret = secrets.Protect(secret),
        }, tx);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/me/webhooks/{id}", new CreatedWebhookEndpoint(ToItem(row), secret));
    }

    [EndpointSummary("Change a webhook endpoint")]
    [EndpointDescription("Changes the address, description or events, or turns the endpoint on or off. Turning it on again clears the reason it was turned off (e.g. a 410 Gone).")]
    private static async Task<Results<Ok<WebhookEndpointItem>, ValidationProblem, ProblemHttpResult>> UpdateWebhookEndpoint(
        Guid id, UpdateWebhookEndpointRequest request, HttpContext http, NpgsqlDataSource dataSource, IOptions<WebhookOptions> options)
    {
        var ct = http.RequestAborted;
        var url = request.Url?.Trim();
        if (url is not null && await RefuseAddressAsync(url, options.Value, ct) is { } refused) return refused;
        // Turning an endpoint off records who did it; turning it on clears why it was off (a 410, or its owner).
        const string sql = $"""
            update webhook_endpoints set
                url = coalesce(@url, url),
                description = case when @description::text is null then description else nullif(@description, '') end,
                events = coalesce(@events, events),
                enabled = coalesce(@enabled, enabled),
                disabled_at = case when @enabled is null then disabled_at when @enabled then null
                                   when enabled then now() else disabled_at end,
                disabled_reason = case when @enabled is null then disabled_reason when @enabled then null
                                       when enabled then 'Turned off by you.' else disabled_reason end,
                updated_at = now()
            where id = @id and user_id = @userId
            returning {EndpointColumns}
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<EndpointRow>(sql, new
        {
            id, userId = http.User.UserId(), url, description = request.Description?.Trim(),
            events = request.Events?.Distinct().ToArray(), enabled = request.Enabled,
        });
        return row is null ? NoSuchEndpoint() : TypedResults.Ok(ToItem(row));
    }

    [EndpointSummary("Delete a webhook endpoint")]
    [EndpointDescription("Deletes the endpoint and its deliveries log; nothing more is sent to it.")]
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteWebhookEndpoint(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var deleted = await connection.ExecuteAsync("delete from webhook_endpoints where id = @id and user_id = @userId",
            new { id, userId = http.User.UserId() });
        return deleted == 0 ? NoSuchEndpoint() : TypedResults.NoContent();
    }

    [EndpointSummary("Rotate a webhook signing secret")]
    [EndpointDescription("Issues a new secret, shown in this answer only. For the next 24 hours every delivery carries signatures by both the old and the new secret, so receivers can switch without missing one.")]
    private static async Task<Results<Ok<RotatedWebhookSecret>, ProblemHttpResult>> RotateWebhookSecret(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, WebhookSecrets secrets, TimeProvider time)
    {
        var secret = WebhookSignature.NewSecret();
        var expires = time.GetUtcNow() + RotationOverlap;
        // The current secret becomes the previous one; a secret rotated out earlier and still overlapping is dropped,
        // so at most two signatures are ever sent.
        const string sql = """
            update webhook_endpoints set previous_secret_protected = secret_protected, previous_secret_expires_at = @expires,
                   secret_protected = @secret, updated_at = now()
            where id = @id and user_id = @userId
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var updated = await connection.ExecuteAsync(sql, new { id, userId = http.User.UserId(), secret = secrets.Protect(secret), expires });
        return updated == 0 ? NoSuchEndpoint() : TypedResults.Ok(new RotatedWebhookSecret(secret, expires));
    }

    [EndpointSummary("Send a test event")]
    [EndpointDescription("Queues a webhook.test event to this endpoint only, signed like any other; its delivery appears in the deliveries log.")]
    private static async Task<Results<Accepted<WebhookDeliveryItem>, ProblemHttpResult>> SendTestWebhook(
        Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        var ct = http.RequestAborted;
        var userId = http.User.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var enabled = await connection.ExecuteScalarAsync<bool?>(
            "select enabled from webhook_endpoints where id = @id and user_id = @userId", new { id, userId }, tx);
        if (enabled is null) return NoSuchEndpoint();
        if (enabled == false) return EndpointOff();
        var eventId = Guid.CreateVersion7();
        var payload = WebhookEvents.Envelope(eventId, WebhookEvents.Test, DateTimeOffset.UtcNow, new
        {
            endpoint_id = id,
            message = "A test event from MediaCoop. Verify its signature with your endpoint's secret, then answer 2xx.",
        });
        await WebhookEvents.InsertEventAsync(connection, tx, eventId, userId, WebhookEvents.Test, payload);
        var deliveryId = (await WebhookEvents.InsertDeliveriesAsync(connection, tx, eventId, [id], manual: true)).Single();
        var item = await LoadDeliveryAsync(connection, tx, deliveryId);
        await tx.CommitAsync(ct);
        return TypedResults.Accepted($"/api/v1/me/webhooks/{id}/deliveries", item);
    }

    private static ProblemHttpResult EndpointOff() => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "Endpoint turned off", detail: "This endpoint is turned off, so nothing is sent to it. Turn it on first.");

    private sealed record DeliveryRow
    {
        public Guid Id { get; init; }
        public Guid EventId { get; init; }
        public string EventType { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public int? LastStatusCode { get; init; }
        public string? LastError { get; init; }
        public string? ResponseExcerpt { get; init; }
        public bool Manual { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? LastAttemptAt { get; init; }
        public DateTime NextAttemptAt { get; init; }
        public DateTime? DeliveredAt { get; init; }
    }

    private const string DeliveryColumns = """
        d.id, d.event_id, ev.type as event_type, d.status, d.attempts, d.last_status_code, d.last_error, d.response_excerpt,
        d.manual, d.created_at, d.last_attempt_at, d.next_attempt_at, d.delivered_at
        """;

    private static WebhookDeliveryItem ToItem(DeliveryRow r) => new(r.Id, r.EventId, r.EventType, r.Status, r.Attempts, r.LastStatusCode,
        r.LastError, r.ResponseExcerpt, r.Manual, Utc(r.CreatedAt), Utc(r.LastAttemptAt),
        r.Status == "pending" ? Utc(r.NextAttemptAt) : null, Utc(r.DeliveredAt));

    private static async Task<WebhookDeliveryItem> LoadDeliveryAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid deliveryId)
    {
        const string sql = $"select {DeliveryColumns} from webhook_deliveries d join webhook_events ev on ev.id = d.event_id where d.id = @deliveryId";
        return ToItem(await connection.QuerySingleAsync<DeliveryRow>(sql, new { deliveryId }, tx));
    }

    [EndpointSummary("List an endpoint's deliveries")]
    [EndpointDescription("The endpoint's latest deliveries, newest first: event, status, attempts, the receiver's response code and an excerpt, and when the next attempt is due.")]
    private static async Task<Results<Ok<WebhookDeliveryList>, ProblemHttpResult>> ListWebhookDeliveries(
        Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var owned = await connection.ExecuteScalarAsync<bool>(
            "select exists (select 1 from webhook_endpoints where id = @id and user_id = @userId)", new { id, userId = http.User.UserId() });
        if (!owned) return NoSuchEndpoint();
        const string sql = $"""
            select {DeliveryColumns}
            from webhook_deliveries d join webhook_events ev on ev.id = d.event_id
            where d.endpoint_id = @id
            order by d.created_at desc, d.id desc
            limit @limit
            """;
        var rows = await connection.QueryAsync<DeliveryRow>(sql, new { id, limit = DeliveriesShown });
        return TypedResults.Ok(new WebhookDeliveryList(rows.Select(ToItem).ToList()));
    }

    [EndpointSummary("Redeliver a webhook")]
    [EndpointDescription("Sends a delivery's event to the endpoint again as a new delivery with the same webhook-id, so a receiver that deduplicates by id handles it once.")]
    private static async Task<Results<Accepted<WebhookDeliveryItem>, ProblemHttpResult>> RedeliverWebhook(
        Guid id, Guid deliveryId, HttpContext http, NpgsqlDataSource dataSource)
    {
        var ct = http.RequestAborted;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        const string sql = """
            select d.event_id, d.status, e.enabled
            from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
            where d.id = @deliveryId and d.endpoint_id = @id and e.user_id = @userId
            for update of e
            """;
        var found = await connection.QuerySingleOrDefaultAsync<RedeliverRow>(sql, new { id, deliveryId, userId = http.User.UserId() }, tx);
        if (found is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such delivery",
                detail: "This endpoint of yours has no delivery with this id.");
        if (!found.Enabled) return EndpointOff();
        if (found.Status == "pending")
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already on its way",
                detail: "This delivery is still being retried; its next attempt is shown in the log. Redeliver it once it has failed or succeeded.");
        // A new delivery of the same event: the webhook-id stays the event's, so a receiver that already has it can drop it.
        var newId = (await WebhookEvents.InsertDeliveriesAsync(connection, tx, found.EventId, [id], manual: true)).Single();
        var item = await LoadDeliveryAsync(connection, tx, newId);
        await tx.CommitAsync(ct);
        return TypedResults.Accepted($"/api/v1/me/webhooks/{id}/deliveries", item);
    }

    private sealed record RedeliverRow
    {
        public Guid EventId { get; init; }
        public string Status { get; init; } = "";
        public bool Enabled { get; init; }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
