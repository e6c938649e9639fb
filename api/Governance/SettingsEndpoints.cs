using System.Text.Json.Nodes;
using Dapper;
using FluentValidation;
using MediaCoop.Api.Licensing;
using MediaCoop.Api.Notifications;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Royalties;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Governance;

public sealed record LicensePriceSetting(string Code, string Kind, string Label, Money? Price);

public sealed record PatronagePoolSetting(int Year, Money Pool, bool Allocated, Guid ChangeId);

/// <summary>The co-op's settings in force. Rates and shares in basis points; money in minor units of <c>currency</c>.</summary>
public sealed record CoopSettingsResponse(
    string Currency, int RoyaltyRateStandardBp, int RoyaltyRateExtendedBp, long PayoutThresholdMinor, int PayoutHoldDays,
    IReadOnlyDictionary<string, int> PatronageClassShares, int PatronageCashBp, IReadOnlyList<LicensePriceSetting> LicensePrices,
    IReadOnlyList<PatronagePoolSetting> PatronagePools);

/// <summary>A setting's value: <c>number</c> for basis points and minor units, <c>money</c> for a price or pool, <c>shares</c> for class shares.</summary>
public sealed record SettingValue(long? Number, Money? Money, IReadOnlyDictionary<string, int>? Shares)
{
    internal static SettingValue? From(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v => new SettingValue(v.GetValue<long>(), null, null),
        JsonObject o when o["amount"] is JsonValue amount && o["currency"] is JsonValue currency =>
            new SettingValue(null, new Money(amount.GetValue<long>(), currency.GetValue<string>()), null),
        JsonObject o => new SettingValue(null, null, o.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.GetValue<int>())),
        _ => null,
    };
}

/// <summary>
/// One setting's move. <c>unit</c> says how to read from/to: <c>bp</c> (basis points in <c>number</c>), <c>minor</c>
/// (minor units of the history's currency in <c>number</c>), <c>money</c> (<c>money</c>), <c>classShares</c>
/// (<c>shares</c>: class → basis points). <c>from</c> is null when the setting had no value (a year's first patronage pool).
/// </summary>
public sealed record SettingsChangeLine(string Setting, string Label, string Unit, SettingValue? From, SettingValue? To);

public sealed record SettingsAdmin(Guid Id, string DisplayName);

/// <summary>
/// What authorised a change. <c>kind</c> "proposal": the proposal and its vote (outcome, votes for and against, turnout
/// in basis points of the electorate); <c>kind</c> "admin": the admin and the reason shown to every member.
/// </summary>
public sealed record SettingsChangeAuthority(
    string Kind, Guid? ProposalId, string? ProposalTitle, string? Outcome, int? VotesFor, int? VotesAgainst, int? TurnoutBp,
    SettingsAdmin? Admin, string? Reason);

public sealed record SettingsChangeEntry(Guid Id, DateTimeOffset At, IReadOnlyList<SettingsChangeLine> Changes, SettingsChangeAuthority Authority);

public sealed record SettingsChangeList(string Currency, IReadOnlyList<SettingsChangeEntry> Items, string? NextCursor);

public sealed record ChangeCoopSettingsRequest(SettingsChange? Change, string? Reason);

public sealed class ChangeCoopSettingsRequestValidator : AbstractValidator<ChangeCoopSettingsRequest>
{
    public ChangeCoopSettingsRequestValidator()
    {
        RuleFor(r => r.Change).NotNull().WithMessage("Give the change: the settings to change and their new values.");
        RuleFor(r => r.Reason).NotEmpty().WithMessage("Give the reason for changing the settings without a vote: every member reads it.")
            .MaximumLength(2000).WithMessage("Keep the reason to 2000 characters.");
    }
}

/// <summary>
/// The co-op's settings, their history (which vote or which admin changed what), and the admin's change with a
/// reason. Members only: the settings are the members' decisions.
/// </summary>
public static class SettingsEndpoints
{
    public static RouteGroupBuilder MapCoopSettings(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/coop/settings").WithTags("Governance").RequireAuthorization().RequireCurrentMember()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", GetCoopSettings).WithName("GetCoopSettings");
        group.MapGet("/history", ListSettingsChanges).WithName("ListSettingsChanges").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/changes", ChangeCoopSettings).WithName("ChangeCoopSettings").RequireAuthorization(Policies.Admin)
            .WithValidation<ChangeCoopSettingsRequest>().ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private sealed record PriceRow
    {
        public string Code { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Label { get; init; } = "";
        public long? Amount { get; init; }
        public string Currency { get; init; } = "";
    }

    private sealed record PoolRow
    {
        public int Year { get; init; }
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public bool Allocated { get; init; }
        public Guid ChangeId { get; init; }
    }

    [EndpointSummary("Get the co-op's settings")]
    [EndpointDescription("Members: the settings in force — royalty rates, payout threshold, patronage shares, licence prices and the patronage pools the members set.")]
    private static async Task<Ok<CoopSettingsResponse>> GetCoopSettings(HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        return TypedResults.Ok(await LoadSettingsAsync(connection));
    }

    internal static async Task<CoopSettingsResponse> LoadSettingsAsync(NpgsqlConnection connection)
    {
        var settings = await CoopSettings.LoadAsync(connection, null);
        const string pricesSql = "select code, kind, label, amount, currency from license_options order by sort, code";
        var prices = (await connection.QueryAsync<PriceRow>(pricesSql)).ToList();
        const string poolsSql = """
            select d.year, d.amount, d.currency, d.change_id, exists (select 1 from patronage_years y where y.year = d.year) as allocated
            from patronage_pool_decisions d order by d.year desc
            """;
        var pools = await connection.QueryAsync<PoolRow>(poolsSql);
        var currency = prices.FirstOrDefault()?.Currency ?? "USD";
        return new CoopSettingsResponse(currency, settings.RoyaltyRateStandardBp, settings.RoyaltyRateExtendedBp, settings.PayoutThresholdMinor,
            settings.PayoutHoldDays, settings.PatronageClassShares, settings.PatronageCashBp,
            prices.Select(p => new LicensePriceSetting(p.Code, p.Kind, p.Label, p.Amount is { } a ? new Money(a, p.Currency) : null)).ToList(),
            pools.Select(p => new PatronagePoolSetting(p.Year, new Money(p.Amount, p.Currency), p.Allocated, p.ChangeId)).ToList());
    }

    private sealed record ChangeRow
    {
        public Guid Id { get; init; }
        public DateTime At { get; init; }
        public Guid? ProposalId { get; init; }
        public Guid? AdminUserId { get; init; }
        public string? AdminName { get; init; }
        public string? Reason { get; init; }
        public string Changes { get; init; } = "[]";
    }

    private sealed record ProposalRow
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public string? Outcome { get; init; }
        public int? VotesFor { get; init; }
        public int? VotesAgainst { get; init; }
        public int? TurnoutBp { get; init; }
    }

    private const int PageSize = 50;

    [EndpointSummary("List the co-op's settings changes")]
    [EndpointDescription("Members: every settings change, newest first, with each setting's old and new value and its authority — the proposal and its vote, or the admin and the reason. `cursor` is the previous page's `nextCursor`.")]
    private static async Task<Results<Ok<SettingsChangeList>, ProblemHttpResult>> ListSettingsChanges(string? cursor, HttpContext http, NpgsqlDataSource dataSource)
    {
        Guid? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!Guid.TryParse(cursor, out var parsed))
                return TypedResults.Problem(statusCode: 400, title: "Invalid cursor", detail: "Pass the nextCursor of the previous page, or no cursor for the newest changes.");
            before = parsed;
        }
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        // Ids are UUIDv7 written at the change's time: id order is time order.
        const string sql = """
            select c.id, c.at, c.proposal_id, c.admin_user_id, u.display_name as admin_name, c.reason, c.changes::text as changes
            from settings_changes c left join users u on u.id = c.admin_user_id
            where @before::uuid is null or c.id < @before
            order by c.id desc limit @limit
            """;
        var rows = (await connection.QueryAsync<ChangeRow>(sql, new { before, limit = PageSize + 1 })).ToList();
        var page = rows.Take(PageSize).ToList();
        var proposals = await ProposalsAsync(connection, page.Where(r => r.ProposalId is not null).Select(r => r.ProposalId!.Value).Distinct().ToArray());
        var labels = (await connection.QueryAsync<(string Code, string Label)>("select code, label from license_options")).ToDictionary(l => l.Code, l => l.Label);
        var currency = await CoopMembers.CurrencyAsync(connection);

        var items = page.Select(r => new SettingsChangeEntry(r.Id, new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)),
            Lines(r.Changes, labels), Authority(r, proposals))).ToList();
        return TypedResults.Ok(new SettingsChangeList(currency, items, rows.Count > PageSize ? page[^1].Id.ToString() : null));
    }

    /// <summary>
    /// The proposals behind changes, with their votes. proposals belongs to the governance part (migration 31): until it
    /// exists in this database only the id is known.
    /// </summary>
    private static async Task<Dictionary<Guid, ProposalRow>> ProposalsAsync(NpgsqlConnection connection, Guid[] ids)
    {
        if (ids.Length == 0) return [];
        if (!await connection.ExecuteScalarAsync<bool>("select to_regclass('public.proposals') is not null")) return [];
        // For and against: the votes for the yes and no options of the recorded result.
        const string sql = """
            select p.id, p.title, p.result ->> 'outcome' as outcome, (p.result ->> 'turnoutBp')::int as turnout_bp,
                   (select (c ->> 'votes')::int from jsonb_array_elements(p.result -> 'counts') c
                    join proposal_options o on o.id = (c ->> 'optionId')::uuid and o.role = 'yes') as votes_for,
                   (select (c ->> 'votes')::int from jsonb_array_elements(p.result -> 'counts') c
                    join proposal_options o on o.id = (c ->> 'optionId')::uuid and o.role = 'no') as votes_against
            from proposals p where p.id = any(@ids)
            """;
        return (await connection.QueryAsync<ProposalRow>(sql, new { ids })).ToDictionary(p => p.Id);
    }

    private static SettingsChangeAuthority Authority(ChangeRow row, Dictionary<Guid, ProposalRow> proposals)
    {
        if (row.ProposalId is not { } proposalId)
            return new SettingsChangeAuthority("admin", null, null, null, null, null, null, new SettingsAdmin(row.AdminUserId!.Value, row.AdminName ?? ""), row.Reason);
        var p = proposals.GetValueOrDefault(proposalId);
        return new SettingsChangeAuthority("proposal", proposalId, p?.Title, p?.Outcome, p?.VotesFor, p?.VotesAgainst, p?.TurnoutBp, null, null);
    }

    private static List<SettingsChangeLine> Lines(string json, Dictionary<string, string> licenceLabels) =>
        (JsonNode.Parse(json)?.AsArray() ?? []).Where(n => n is not null).Select(n =>
        {
            var setting = n!["setting"]?.GetValue<string>() ?? "";
            var (label, unit) = Describe(setting, licenceLabels);
            return new SettingsChangeLine(setting, label, unit, SettingValue.From(n["from"]), SettingValue.From(n["to"]));
        }).ToList();

    /// <summary>Plain-language label and unit of a setting name recorded by <see cref="SettingsChanges"/>.</summary>
    internal static (string Label, string Unit) Describe(string setting, IReadOnlyDictionary<string, string> licenceLabels) => setting switch
    {
        "royaltyRateStandardBp" => ("Royalty on standard licences", "bp"),
        "royaltyRateExtendedBp" => ("Royalty on extended licences", "bp"),
        "payoutThresholdMinor" => ("Payout threshold", "minor"),
        "patronageCashBp" => ("Patronage dividends paid in cash", "bp"),
        "patronageClassShares" => ("Patronage pool shares by member class", "classShares"),
        _ when setting.StartsWith("licensePrice:", StringComparison.Ordinal) =>
            ($"Price of the {licenceLabels.GetValueOrDefault(setting["licensePrice:".Length..], setting["licensePrice:".Length..])} licence", "money"),
        _ when setting.StartsWith("patronagePool:", StringComparison.Ordinal) => ($"Patronage pool for {setting["patronagePool:".Length..]}", "money"),
        _ => (setting, "other"),
    };

    [EndpointSummary("Change the co-op's settings as an admin")]
    [EndpointDescription("Admins: changes settings without a vote, with a reason (required) that is recorded in the history and sent to every member. The members' normal way to change settings is a binding proposal.")]
    private static async Task<Results<Created<SettingsChangeEntry>, ProblemHttpResult>> ChangeCoopSettings(
        ChangeCoopSettingsRequest request, HttpContext http, NpgsqlDataSource dataSource, CoopSettings coopSettings, LicenseCatalog licenseCatalog)
    {
        var change = request.Change!;
        var reason = request.Reason!.Trim();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        if (await SettingsChanges.CheckAsync(connection, change, http.RequestAborted) is { } problem)
            return TypedResults.Problem(statusCode: 400, title: "This change cannot be made", detail: problem);

        var adminId = http.User.UserId();
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        Guid id;
        try
        {
            id = await SettingsChanges.ApplyAsync(connection, tx, change, SettingsAuthority.Admin(adminId, reason), http.RequestAborted);
        }
        catch (InvalidOperationException raced)
        {
            // Checked above, but something moved in between (a year allocated meanwhile): the same message applies.
            return TypedResults.Problem(statusCode: 400, title: "This change cannot be made", detail: raced.Message);
        }
        const string membersSql = "select user_id from memberships where ended_at is null";
        var members = (await connection.QueryAsync<Guid>(membersSql, transaction: tx)).ToList();
        var adminName = await connection.ExecuteScalarAsync<string>("select display_name from users where id = @adminId", new { adminId }, tx);
        await Notifier.NotifyManyAsync(connection, tx, members, "coop.settings.changed", "An admin changed the co-op's settings",
            $"{adminName} changed the co-op's settings without a vote. Their reason: {SafeMarkdown.ToPlainText(reason, 500)}", "/coop/settings");
        await tx.CommitAsync(http.RequestAborted);
        // This node reloads at once; other nodes within their cache time (30 s).
        SettingsChanges.ForgetCachedSettings();
        coopSettings.Invalidate();
        licenseCatalog.Invalidate();

        var list = await ListOneAsync(connection, id);
        return TypedResults.Created("/api/v1/coop/settings/history", list);
    }

    private static async Task<SettingsChangeEntry> ListOneAsync(NpgsqlConnection connection, Guid id)
    {
        const string sql = """
            select c.id, c.at, c.proposal_id, c.admin_user_id, u.display_name as admin_name, c.reason, c.changes::text as changes
            from settings_changes c left join users u on u.id = c.admin_user_id where c.id = @id
            """;
        var row = await connection.QuerySingleAsync<ChangeRow>(sql, new { id });
        var labels = (await connection.QueryAsync<(string Code, string Label)>("select code, label from license_options")).ToDictionary(l => l.Code, l => l.Label);
        var proposals = await ProposalsAsync(connection, row.ProposalId is { } p ? [p] : []);
        return new SettingsChangeEntry(row.Id, new DateTimeOffset(DateTime.SpecifyKind(row.At, DateTimeKind.Utc)), Lines(row.Changes, labels), Authority(row, proposals));
    }
}
