using Dapper;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// Orders (prices fixed at creation, one per Idempotency-Key), their receipts, starting a checkout with the configured
/// payment provider, and the demo provider's completion (never mapped in Production). Somebody else's order answers
/// 404 to every route, exactly like one that does not exist.
/// </summary>
public static class OrderEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Licensing").RequireAuthorization();
        orders.MapPost("/", CreateOrder).WithName("CreateOrder").WithValidation<CreateOrderRequest>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        orders.MapPost("/{id:guid}/checkout", StartCheckout).WithName("StartCheckout")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);

        var mine = api.MapGroup("/me/orders").WithTags("Licensing").RequireAuthorization();
        mine.MapGet("/", ListMyOrders).WithName("ListMyOrders").ProducesProblem(StatusCodes.Status401Unauthorized);
        mine.MapGet("/{id:guid}", GetMyOrder).WithName("GetMyOrder")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

        // The demo checkout issues licences without payment: a Production node does not even have the route.
        if (!((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction())
            api.MapPost("/demo-payments/{orderId:guid}/complete", CompleteDemoPayment).WithName("CompleteDemoPayment").WithTags("Licensing")
                .RequireAuthorization()
                .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static ProblemHttpResult NoSuchOrder() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No such order", detail: "There is no order of yours with this id.");

    [EndpointSummary("Create an order")]
    [EndpointDescription("Prices the chosen photos and sizes now and creates a pending order (201). Requires an `Idempotency-Key` header: a retry with the same key returns the same order (200) instead of a second one; the same key with different items is refused (422). Then start the checkout.")]
    private static async Task<Results<Created<Order>, Ok<Order>, ProblemHttpResult>> CreateOrder(
        CreateOrderRequest request, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, HttpContext http, LicenseSale sale)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > LicensingRules.MaxIdempotencyKeyLength)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Idempotency-Key header required",
                detail: $"Send an {IdempotencyHeader} header of 1 to {LicensingRules.MaxIdempotencyKeyLength} characters (e.g. a new UUID per order), and the same one when retrying it.");
        var (order, outcome, problem) = await sale.CreateAsync(http.User.UserId(), idempotencyKey, request, http.RequestAborted);
        if (problem is not null) return problem;
        return outcome == SaleOutcome.Created
            ? TypedResults.Created($"/api/v1/me/orders/{order!.Id}", order)
            : TypedResults.Ok(order!);
    }

    [EndpointSummary("List my orders")]
    [EndpointDescription("The signed-in buyer's orders, newest first.")]
    private static async Task<Ok<OrderList>> ListMyOrders(HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        return TypedResults.Ok(new OrderList(await Orders.LoadAsync(connection, http.User.UserId(), null, http.RequestAborted)));
    }

    [EndpointSummary("Get one of my orders")]
    [EndpointDescription("The order as a receipt: its lines, totals, status and, once paid, its licences.")]
    private static async Task<Results<Ok<Order>, ProblemHttpResult>> GetMyOrder(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var order = (await Orders.LoadAsync(connection, http.User.UserId(), id, http.RequestAborted)).SingleOrDefault();
        return order is null ? NoSuchOrder() : TypedResults.Ok(order);
    }

    private sealed record CheckoutRow
    {
        public string Status { get; init; } = "";
        public DateTime ExpiresAt { get; init; }
        public string Email { get; init; } = "";
    }

    [EndpointSummary("Start checkout for an order")]
    [EndpointDescription("Returns where to send the buyer to pay (the payment provider's page, or the demo page in local runs). 409 when the order is no longer pending.")]
    private static async Task<Results<Ok<CheckoutRedirect>, ProblemHttpResult>> StartCheckout(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, PaymentProviders providers, TimeProvider time)
    {
        var buyerId = http.User.UserId();
        const string orderSql = """
            select o.status, o.expires_at, u.email::text as email from orders o join users u on u.id = o.buyer_id
            where o.id = @id and o.buyer_id = @buyerId
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<CheckoutRow>(orderSql, new { id, buyerId });
        if (row is null) return NoSuchOrder();
        var now = time.GetUtcNow();
        if (row.Status != "pending" || Orders.Utc(row.ExpiresAt) <= now)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Order cannot be paid",
                detail: row.Status switch
                {
                    "paid" => "This order is already paid: its licences are in your account.",
                    "refunded" => "This order was refunded.",
                    _ => "This order expired before it was paid, so its prices are no longer held. Order the photos again.",
                });
        var order = (await Orders.LoadAsync(connection, buyerId, id, http.RequestAborted)).Single();

        // A photo withdrawn or frozen since the order was made cannot be sold now.
        var assets = await LicenseChoices.LoadAssetsAsync(connection, order.Lines.Select(l => l.AssetId).Distinct().ToList());
        foreach (var line in order.Lines)
            if (LicenseChoices.Unavailable(assets[line.AssetId], now) is { } reason)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Photo not on sale", detail: reason + " Remove it and order again.");

        if (order.Total.Amount == 0)
        {
            // Nothing to charge (card processors refuse zero amounts): the licences are issued now, through the same
            // fulfilment path a payment takes.
            await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
            await Fulfilment.MarkPaidAsync(connection, tx, id, NoCharge, $"none_{id:N}", 0, order.Currency, now);
            await tx.CommitAsync(http.RequestAborted);
            return TypedResults.Ok(new CheckoutRedirect(NoCharge, $"/orders/{id}"));
        }

        var provider = providers.Current;
        CheckoutStart start;
        try
        {
            start = await provider.StartCheckoutAsync(new CheckoutOrder(order.Id, buyerId, row.Email, order.Currency, order.Total.Amount, order.ExpiresAt,
                order.Lines.Select(l => new CheckoutLine(l.Id, Describe(l), l.Amount.Amount)).ToList()), http.RequestAborted);
        }
        catch (PaymentProviderException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The payment provider did not answer",
                detail: e.Message + " Nothing was charged; try again in a minute.");
        }
        const string recordSql = """
            update orders set provider = @provider, checkout_reference = @reference where id = @id and status = 'pending'
            """;
        await connection.ExecuteAsync(recordSql, new { id, provider = provider.Name, reference = start.Reference });
        return TypedResults.Ok(new CheckoutRedirect(provider.Name, start.RedirectUrl.ToString()));
    }

    /// <summary>orders.provider of an order that had nothing to pay (migration 25).</summary>
    private const string NoCharge = "none";

    /// <summary>What the payment page lists for a line, e.g. "Harbour at dawn — Large licence + Unlimited print runs".</summary>
    private static string Describe(OrderLine line) =>
        $"{(string.IsNullOrWhiteSpace(line.Title) ? "Photo " + line.AssetId : line.Title)} \u2014 {line.SizeLabel} licence"
        + (line.Extended.Count > 0 ? " + " + string.Join(" + ", line.Extended) : "")
        + (line.UpgradeOf is not null ? " (upgrade)" : "");

    private sealed record DemoRow
    {
        public string Status { get; init; } = "";
        public string? Provider { get; init; }
        public DateTime ExpiresAt { get; init; }
        public long Total { get; init; }
        public string Currency { get; init; } = "";
    }

    [EndpointSummary("Complete a demo payment")]
    [EndpointDescription("Local and demo runs only (absent in production): the demo payment provider marks the order paid and issues its licences.")]
    private static async Task<Results<Ok<Order>, ProblemHttpResult>> CompleteDemoPayment(
        Guid orderId, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time)
    {
        var buyerId = http.User.UserId();
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using (var tx = await connection.BeginTransactionAsync(http.RequestAborted))
        {
            // The row lock makes a double click (or two tabs) wait, then find the order paid.
            const string sql = "select status, provider, expires_at, total, currency from orders where id = @orderId and buyer_id = @buyerId for update";
            var row = await connection.QuerySingleOrDefaultAsync<DemoRow>(sql, new { orderId, buyerId }, tx);
            if (row is null) return NoSuchOrder();
            if (row.Status != "paid")
            {
                if (row.Provider != DemoPaymentProvider.ProviderName)
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not a demo checkout",
                        detail: "This order's checkout was not started with the demo provider. Start it with POST /api/v1/orders/{id}/checkout.");
                if (row.Status != "pending" || Orders.Utc(row.ExpiresAt) <= now)
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Order cannot be paid",
                        detail: row.Status == "refunded" ? "This order was refunded." : "This order expired before it was paid. Order the photos again.");
                var outcome = await Fulfilment.MarkPaidAsync(connection, tx, orderId, DemoPaymentProvider.ProviderName, $"demo_{orderId:N}",
                    row.Total, row.Currency, now);
                if (outcome is not (FulfilmentOutcome.Fulfilled or FulfilmentOutcome.AlreadyFulfilled))
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Order cannot be paid", detail: $"The payment was not applied ({outcome}).");
            }
            await tx.CommitAsync(http.RequestAborted);
        }
        return TypedResults.Ok((await Orders.LoadAsync(connection, buyerId, orderId, http.RequestAborted)).Single());
    }
}
