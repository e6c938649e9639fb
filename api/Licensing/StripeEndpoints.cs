using System.Text;
using Dapper;
using FluentValidation;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Stripe;
using Stripe.Checkout;

namespace MediaCoop.Api.Licensing;

public sealed record WebhookReceipt(string EventId, string Outcome);

public sealed record RefundOrderRequest(Guid? LineId, string Reason);

public sealed class RefundOrderRequestValidator : AbstractValidator<RefundOrderRequest>
{
    public RefundOrderRequestValidator() =>
        RuleFor(r => r.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= 500)
            .WithMessage("Say why, in 1 to 500 characters: the buyer's licence page and the refund record show it.");
}

public sealed record RefundReceipt(Guid Id, Guid OrderId, Guid? LineId, Money Amount, string Reason, Order Order);

/// <summary>Stripe's side of licensing: its webhook, the buyer's return from Checkout, and refunds.</summary>
public static class StripeEndpoints
{
    /// <summary>Stripe's events are a few kilobytes; anything far larger is not from Stripe.</summary>
    private const int MaxWebhookBytes = 1 << 20;

    public static RouteGroupBuilder MapStripePayments(this RouteGroupBuilder api)
    {
        // Called by Stripe, not a browser: authenticated by its signature, so no session and no antiforgery token.
        api.MapPost("/webhooks/stripe", ReceiveStripeEvent).WithName("ReceiveStripeEvent").WithTags("Licensing")
            .AllowAnonymous().DisableAntiforgeryCheck()
            .Accepts<string>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/orders/{id:guid}/confirm", ConfirmOrder).WithName("ConfirmOrder").WithTags("Licensing")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        api.MapPost("/admin/orders/{id:guid}/refunds", RefundOrder).WithName("RefundOrder").WithTags("Licensing")
            .RequireAuthorization(Policies.Admin).WithValidation<RefundOrderRequest>().WithIdempotency()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return api;
    }

    [EndpointSummary("Receive a Stripe event")]
    [EndpointDescription("Called by Stripe, not by clients: payment events, authenticated by the `Stripe-Signature` header.")]
    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveStripeEvent(
        HttpRequest request, StripeWebhook webhook, IOptions<StripeOptions> options, ILoggerFactory logs, CancellationToken ct)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrWhiteSpace(secret))
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Stripe webhooks are not configured",
                detail: "Set Payments:Stripe:WebhookSecret to the endpoint's signing secret.");
        if (request.ContentLength > MaxWebhookBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Event too large",
                detail: "A Stripe event is at most a few hundred kilobytes.");
        var header = request.Headers["Stripe-Signature"].ToString();
        if (string.IsNullOrWhiteSpace(header))
            return BadSignature("The Stripe-Signature header is missing.");

        // The signature covers the exact bytes Stripe sent: read them as they are, never through a model binder.
        string json;
        using (var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: false)))
            json = await reader.ReadToEndAsync(ct);
        if (json.Length > MaxWebhookBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Event too large",
                detail: "A Stripe event is at most a few hundred kilobytes.");

        Event stripeEvent;
        try
        {
            // Our pinned Stripe.net parses events of other API versions well enough for the fields we read.
            stripeEvent = EventUtility.ConstructEvent(json, header, secret, tolerance: options.Value.WebhookToleranceSeconds,
                throwOnApiVersionMismatch: false);
        }
        catch (StripeException e) when (options.Value.ConnectWebhookSecret is { Length: > 0 } connectSecret)
        {
            // Events about connected accounts (payout accounts' account.updated) come from the Connect endpoint,
            // which Stripe signs with that endpoint's own secret.
            try
            {
                stripeEvent = EventUtility.ConstructEvent(json, header, connectSecret, tolerance: options.Value.WebhookToleranceSeconds,
                    throwOnApiVersionMismatch: false);
            }
            catch (StripeException)
            {
                return BadSignature(e.Message);
            }
        }
        catch (StripeException e)
        {
            return BadSignature(e.Message);
        }
        catch (Exception e) when (e is FormatException or OverflowException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            // A garbled header (t=abc) or a signed body that is not an event.
            return BadSignature("The Stripe-Signature header or the event body is malformed.");
        }

        var outcome = await webhook.HandleAsync(stripeEvent, json, ct);
        if (outcome is "unknown-order" or "amount-mismatch")
            logs.CreateLogger("MediaCoop.Api.Licensing.StripeWebhook")
                .LogWarning("Stripe event {EventId} ({Type}) needs a person: {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
        return TypedResults.Ok(new WebhookReceipt(stripeEvent.Id, outcome));
    }

    private static ProblemHttpResult BadSignature(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Stripe signature", detail: detail);

    private sealed record ConfirmRow
    {
        public Guid BuyerId { get; init; }
        public string Status { get; init; } = "";
        public string? Provider { get; init; }
        public string? CheckoutReference { get; init; }
    }

    /// <summary>
    /// The SPA calls this when the buyer comes back from Stripe: the redirect itself proves nothing, so we ask Stripe.
    /// Demo orders, unpaid ones without a session and settled ones are returned as they are.
    /// </summary>
    [EndpointSummary("Confirm an order after payment")]
    [EndpointDescription("Call when the buyer returns from the payment page: the server asks the payment provider and, once paid, issues the licences. Returns the order as it now stands (`status` `paid` with its licences, or still `pending`).")]
    private static async Task<Results<Ok<Order>, ProblemHttpResult>> ConfirmOrder(Guid id, HttpContext http,
        NpgsqlDataSource db, StripeGateway stripe, StripeWebhook webhook, CancellationToken ct)
    {
        var userId = http.User.UserId();
        ConfirmRow? order;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            const string sql = "select buyer_id, status, provider, checkout_reference from orders where id = @id";
            order = await connection.QuerySingleOrDefaultAsync<ConfirmRow>(sql, new { id });
        }
        if (order is null || order.BuyerId != userId) return NotYourOrder();

        if (order.Provider == StripePayments.ProviderName && order.CheckoutReference is { } sessionId && order.Status is "pending" or "expired")
        {
            Session session;
            try
            {
                session = await new SessionService(stripe.Client).GetAsync(sessionId, cancellationToken: ct);
            }
            catch (Exception e) when (e is StripeException or PaymentProviderException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Stripe did not answer",
                    detail: "We could not ask Stripe about this payment just now. Your payment is safe; try again in a minute.");
            }
            if (!SessionBelongsTo(session, id)) return NotYourOrder();
            await webhook.ConfirmSessionAsync(session, ct);
        }

        await using var reader = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await Orders.LoadAsync(reader, userId, id, ct)).Single());
    }

    private static bool SessionBelongsTo(Session session, Guid orderId) =>
        (session.Metadata?.GetValueOrDefault("order_id") ?? session.ClientReferenceId) == orderId.ToString();

    private static ProblemHttpResult NotYourOrder() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Order not found", detail: "You have no order with this id.");

    [EndpointSummary("Refund an order")]
    [EndpointDescription("Admins: refunds a paid order (all or some lines) through the payment provider and revokes the refunded licences.")]
    private static async Task<Results<Created<RefundReceipt>, ProblemHttpResult>> RefundOrder(Guid id, RefundOrderRequest body,
        HttpContext http, Refunds refunds, NpgsqlDataSource db, CancellationToken ct)
    {
        var result = await refunds.RefundByAdminAsync(id, body.LineId, body.Reason.Trim(), http.User.UserId(), ct);
        switch (result.Status)
        {
            case RefundStatus.NotFound:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: result.Detail);
            case RefundStatus.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot refund", detail: result.Detail);
            case RefundStatus.ProviderFailed:
                return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The payment provider refused the refund",
                    detail: $"{result.Detail} Nothing was changed here; try again or refund in the Stripe dashboard.");
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        const string sql = """
            select r.id, r.order_id, r.order_line_id as line_id, r.amount, r.currency, r.reason, o.buyer_id
            from refunds r join orders o on o.id = r.order_id where r.id = @refundId
            """;
        var row = await connection.QuerySingleAsync<RefundRow>(sql, new { refundId = result.RefundId });
        var order = (await Orders.LoadAsync(connection, row.BuyerId, id, ct)).Single();
        return TypedResults.Created($"/api/v1/me/orders/{id}",
            new RefundReceipt(row.Id, row.OrderId, row.LineId, new Money(row.Amount, row.Currency), row.Reason, order));
    }

    private sealed record RefundRow
    {
        public Guid Id { get; init; }
        public Guid OrderId { get; init; }
        public Guid? LineId { get; init; }
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public string Reason { get; init; } = "";
        public Guid BuyerId { get; init; }
    }
}
