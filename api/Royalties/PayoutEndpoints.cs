using Dapper;
using FluentValidation;
using Hangfire;
using MediaCoop.Api.Licensing;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Stripe;

namespace MediaCoop.Api.Royalties;

public sealed record PayoutAccountSummary(string Status, bool HoldPayouts);

public sealed record PayoutItem(Guid Id, Money Amount, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
    string? FailureReason, int Attempts, DateTimeOffset? NextAttemptAt);

public sealed record MyPayouts(PayoutAccountSummary Account, Money Threshold, DateTimeOffset? NextRunAt, IReadOnlyList<PayoutItem> Items);

public sealed record ConnectLink(Uri Url);

public sealed record HoldPayoutsRequest(bool? Hold);

public sealed class HoldPayoutsRequestValidator : AbstractValidator<HoldPayoutsRequest>
{
    public HoldPayoutsRequestValidator() =>
        RuleFor(r => r.Hold).NotNull().WithMessage("Send {\"hold\": true} to keep your royalties for now, or false to be paid again.");
}

public sealed record AdminPayoutItem(Guid Id, Guid UserId, string DisplayName, string Email, Money Amount, string Status, string Period,
    int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt, string? StripeTransferId, Guid? RunId);

public sealed record PayoutRunSummary(Guid Id, string Period, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int Created, int Paid, int Failed);

public sealed record AdminPayouts(IReadOnlyList<AdminPayoutItem> Items, IReadOnlyList<PayoutRunSummary> Runs);

/// <summary>Contributors connect a Stripe account, hold or release their payouts and see them; admins see all and run one now.</summary>
public static class PayoutEndpoints
{
    /// <summary>The threshold's currency until the co-op sells in more than one.</summary>
    private const string HomeCurrency = "USD";

    public static RouteGroupBuilder MapPayouts(this RouteGroupBuilder api)
    {
        api.MapGet("/me/payouts", GetMyPayouts).WithName("GetMyPayouts").WithTags("Royalties")
            .RequireAuthorization(Policies.Contributor)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/me/payouts/connect", ConnectPayoutAccount).WithName("ConnectPayoutAccount").WithTags("Royalties")
            .RequireAuthorization(Policies.Contributor)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        api.MapPut("/me/payouts/hold", HoldPayouts).WithName("HoldPayouts").WithTags("Royalties")
            .RequireAuthorization(Policies.Contributor).WithValidation<HoldPayoutsRequest>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/admin/payouts", ListPayouts).WithName("ListPayouts").WithTags("Royalties")
            .RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/admin/payouts/run", RunPayouts).WithName("RunPayouts").WithTags("Royalties")
            .RequireAuthorization(Policies.Admin).WithIdempotency()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private sealed record AccountRow
    {
        public string Status { get; init; } = "none";
        public bool Hold { get; init; }
    }

    private sealed record PayoutRow
    {
        public Guid Id { get; init; }
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime? SentAt { get; init; }
        public string? LastError { get; init; }
        public int Attempts { get; init; }
        public DateTime NextAttemptAt { get; init; }
    }

    [EndpointSummary("Get my payouts")]
    [EndpointDescription("Contributors: the payout account's state, the hold, the threshold, the next run and the payout history.")]
    private static async Task<Ok<MyPayouts>> GetMyPayouts(HttpContext http, NpgsqlDataSource db, JobStorage jobs, CancellationToken ct)
    {
        var userId = http.User.UserId();
        await using var connection = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await LoadMineAsync(connection, userId, jobs));
    }

    private static async Task<MyPayouts> LoadMineAsync(NpgsqlConnection connection, Guid userId, JobStorage jobs)
    {
        const string accountSql = "select status, hold from payout_accounts where user_id = @userId";
        var account = await connection.QuerySingleOrDefaultAsync<AccountRow>(accountSql, new { userId }) ?? new AccountRow();
        // Only this member's rows: another's payouts never show, whatever is asked.
        const string itemsSql = """
            select id, amount, currency, status, created_at, sent_at, last_error, attempts, next_attempt_at
            from payouts where user_id = @userId order by created_at desc, id desc limit 120
            """;
        var rows = await connection.QueryAsync<PayoutRow>(itemsSql, new { userId });
        var settings = await PayoutSettings.ReadAsync(connection);
        return new MyPayouts(new PayoutAccountSummary(account.Status, account.Hold), new Money(settings.ThresholdMinor, HomeCurrency),
            NextRunAt(jobs), [.. rows.Select(ToItem)]);
    }

    private static PayoutItem ToItem(PayoutRow r) => new(r.Id, new Money(r.Amount, r.Currency), r.Status, Utc(r.CreatedAt), Utc(r.SentAt),
        r.Status is "paid" ? null : r.LastError, r.Attempts, r.Status is "pending" or "sent" ? Utc(r.NextAttemptAt) : null);

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? Utc(value) : null;

    /// <summary>The scheduled run's next time, as Hangfire has it (none when the schedule is off).</summary>
    private static DateTimeOffset? NextRunAt(JobStorage jobs)
    {
        using var connection = jobs.GetConnection();
        var job = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection, [Payouts.RunJobId]).FirstOrDefault();
        return job?.NextExecution is { } next ? Utc(next) : null;
    }

    [EndpointSummary("Connect a payout account")]
    [EndpointDescription("Contributors: a Stripe onboarding link for the contributor's Express account.")]
    private static async Task<Results<Ok<ConnectLink>, ProblemHttpResult>> ConnectPayoutAccount(HttpContext http, NpgsqlDataSource db,
        PayoutAccounts accounts, ILoggerFactory logs, CancellationToken ct)
    {
        var userId = http.User.UserId();
        string email;
        await using (var connection = await db.OpenConnectionAsync(ct))
            email = await connection.ExecuteScalarAsync<string>("select email::text from users where id = @userId", new { userId }) ?? "";
        try
        {
            return TypedResults.Ok(new ConnectLink(await accounts.OnboardingLinkAsync(userId, email, ct)));
        }
        catch (Exception e) when (e is StripeException or PaymentProviderException or HttpRequestException)
        {
            logs.CreateLogger("MediaCoop.Api.Royalties.PayoutEndpoints").LogWarning(e, "Stripe Connect onboarding failed for {UserId}", userId);
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Stripe did not answer",
                detail: e is PaymentProviderException ? e.Message : "We could not reach Stripe to set up your payout account just now; try again in a minute.");
        }
    }

    [EndpointSummary("Hold or release my payouts")]
    [EndpointDescription("Contributors: while held, the balance stays with the co-op until released.")]
    private static async Task<Ok<PayoutAccountSummary>> HoldPayouts(HoldPayoutsRequest body, HttpContext http, NpgsqlDataSource db,
        TimeProvider time, CancellationToken ct)
    {
        var userId = http.User.UserId();
        await using var connection = await db.OpenConnectionAsync(ct);
        // A hold can be set before connecting: the row then starts as 'none'.
        const string sql = """
            insert into payout_accounts (user_id, hold, updated_at) values (@userId, @hold, @now)
            on conflict (user_id) do update set hold = excluded.hold, updated_at = excluded.updated_at
            returning status, hold
            """;
        var row = await connection.QuerySingleAsync<AccountRow>(sql, new { userId, hold = body.Hold!.Value, now = time.GetUtcNow() });
        return TypedResults.Ok(new PayoutAccountSummary(row.Status, row.Hold));
    }

    private sealed record AdminRow
    {
        public Guid Id { get; init; }
        public Guid UserId { get; init; }
        public string DisplayName { get; init; } = "";
        public string Email { get; init; } = "";
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public string Status { get; init; } = "";
        public string Period { get; init; } = "";
        public int Attempts { get; init; }
        public string? LastError { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? SentAt { get; init; }
        public DateTime NextAttemptAt { get; init; }
        public string? StripeTransferId { get; init; }
        public Guid? RunId { get; init; }
    }

    private sealed record RunRow
    {
        public Guid Id { get; init; }
        public string Period { get; init; } = "";
        public DateTime StartedAt { get; init; }
        public DateTime? FinishedAt { get; init; }
        public int Created { get; init; }
        public int Paid { get; init; }
        public int Failed { get; init; }
    }

    private static readonly string[] Statuses = ["pending", "sent", "paid", "failed"];

    /// <summary>All payouts, newest first (failures first with <c>?status=failed</c>), and the recent runs.</summary>
    [EndpointSummary("List payouts")]
    [EndpointDescription("Admins: every payout with its run and any failure.")]
    private static async Task<Results<Ok<AdminPayouts>, ProblemHttpResult>> ListPayouts(string? status, Guid? userId, NpgsqlDataSource db, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown status",
                detail: "Filter by one of pending, sent, paid or failed, or leave status out for all payouts.");
        await using var connection = await db.OpenConnectionAsync(ct);
        const string sql = """
            select p.id, p.user_id, u.display_name, u.email::text as email, p.amount, p.currency, p.status, p.period, p.attempts,
                   p.last_error, p.created_at, p.sent_at, p.next_attempt_at, p.stripe_transfer_id, p.run_id
            from payouts p join users u on u.id = p.user_id
            where (@status::text is null or p.status = @status) and (@userId::uuid is null or p.user_id = @userId)
            order by p.created_at desc, p.id desc
            limit 500
            """;
        var rows = await connection.QueryAsync<AdminRow>(sql, new { status, userId });
        const string runsSql = """
            select id, period, started_at, finished_at, created, paid, failed from payout_runs order by started_at desc limit 24
            """;
        var runs = await connection.QueryAsync<RunRow>(runsSql);
        return TypedResults.Ok(new AdminPayouts(
            [.. rows.Select(r => new AdminPayoutItem(r.Id, r.UserId, r.DisplayName, r.Email, new Money(r.Amount, r.Currency), r.Status, r.Period,
                r.Attempts, r.LastError, Utc(r.CreatedAt), Utc(r.SentAt), r.Status is "pending" or "sent" ? Utc(r.NextAttemptAt) : null,
                r.StripeTransferId, r.RunId))],
            [.. runs.Select(r => new PayoutRunSummary(r.Id, r.Period, Utc(r.StartedAt), Utc(r.FinishedAt), r.Created, r.Paid, r.Failed))]));
    }

    /// <summary>Runs the month's payouts now; members already paid this month are not paid again.</summary>
    [EndpointSummary("Run payouts now")]
    [EndpointDescription("Admins: starts the monthly payout run now instead of waiting for the schedule.")]
    private static async Task<Results<Ok<PayoutRunSummary>, ProblemHttpResult>> RunPayouts(HttpContext http, Payouts payouts, TimeProvider time)
    {
        var startedAt = time.GetUtcNow();
        PayoutRunResult result;
        try
        {
            // The run goes on even if the admin's browser gives up waiting: a half-made run would only be finished by retries.
            result = await payouts.RunAsync(http.User.UserId(), CancellationToken.None);
        }
        catch (PaymentProviderException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Payouts are not configured", detail: e.Message);
        }
        return TypedResults.Ok(new PayoutRunSummary(result.RunId, result.Period, startedAt, time.GetUtcNow(), result.Created, result.Paid, result.Failed));
    }
}
