using System.Security.Claims;
using System.Text.Json;
using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Royalties;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Governance;

/// <summary>Proposals and ballots: members draft, the board opens, the electorate votes, the close job records the result.</summary>
public static class ProposalEndpoints
{
    private const string MembersOnly = "Proposals and votes are open to the co-op's members. Apply for membership to take part.";

    public static RouteGroupBuilder MapProposals(this RouteGroupBuilder api)
    {
        var proposals = api.MapGroup("/proposals").WithTags("Governance").RequireAuthorization().RequireMemberOrBoard()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        proposals.MapGet("/", ListProposals).WithName("ListProposals");
        proposals.MapPost("/", DraftProposal).WithName("DraftProposal").WithValidation<DraftProposalRequest>();
        proposals.MapGet("/{id:guid}", GetProposal).WithName("GetProposal");
        proposals.MapPut("/{id:guid}", UpdateProposal).WithName("UpdateProposal").WithValidation<DraftProposalRequest>();
        proposals.MapPost("/{id:guid}/open", OpenProposal).WithName("OpenProposal").RequireAuthorization(Policies.Board)
            .WithValidation<OpenProposalRequest>();
        proposals.MapPost("/{id:guid}/withdraw", WithdrawProposal).WithName("WithdrawProposal");
        proposals.MapPut("/{id:guid}/votes/me", CastVote).WithName("CastVote").WithValidation<CastVoteRequest>();
        return api;
    }

    /// <summary>Current members, and the board and admins (who run the votes) even when they hold no membership.</summary>
    private static RouteGroupBuilder RequireMemberOrBoard(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (Proposals.IsBoard(http.User)) return await next(context);
            var dataSource = http.RequestServices.GetRequiredService<NpgsqlDataSource>();
            await using (var connection = await dataSource.OpenConnectionAsync(http.RequestAborted))
            {
                if (!await CoopMembers.IsCurrentMemberAsync(connection, http.User.UserId()))
                    return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Members only", detail: MembersOnly);
            }
            return await next(context);
        });

    [EndpointSummary("List proposals")]
    [EndpointDescription("Members: the co-op's proposals, optionally by `status` (draft, open, closed, withdrawn). Open votes first (closing soonest first), then drafts, then closed and withdrawn ones, newest first. Open votes show live turnout only, never counts per option; closed ones their outcome.")]
    private static async Task<Results<Ok<ProposalList>, ProblemHttpResult>> ListProposals(HttpContext http, NpgsqlDataSource dataSource, string? status = null)
    {
        if (status is not null && !ProposalStatuses.All.Contains(status))
            return TypedResults.Problem(statusCode: 400, title: "Unknown status", detail: "Filter by draft, open, closed or withdrawn.");
        const string sql = """
            select p.id, p.title, p.kind, p.status, p.author_id, u.display_name as author_name, p.opens_at, p.closes_at, p.created_at,
                   p.closed_at, p.result ->> 'outcome' as outcome,
                   (select count(*) from proposal_electorate e where e.proposal_id = p.id)::int as eligible,
                   (select count(*) from ballots b where b.proposal_id = p.id)::int as voted,
                   exists (select 1 from ballots b where b.proposal_id = p.id and b.voter_id = @me) as voted_me
            from proposals p join users u on u.id = p.author_id
            where (@status::text is null or p.status = @status)
            order by case p.status when 'open' then 0 when 'draft' then 1 else 2 end,
                     case when p.status = 'open' then p.closes_at end,
                     coalesce(p.closed_at, p.withdrawn_at, p.created_at) desc
            limit 200
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await connection.QueryAsync<SummaryRow>(sql, new { status, me = http.User.UserId() });
        return TypedResults.Ok(new ProposalList(rows.Select(r => new ProposalSummary(r.Id, r.Title, r.Kind, r.Status,
            new ProposalPerson(r.AuthorId, r.AuthorName), Opt(r.OpensAt), Opt(r.ClosesAt), Proposals.Utc(r.CreatedAt), Opt(r.ClosedAt),
            r.Status == ProposalStatuses.Draft ? null : new ProposalTurnout(r.Eligible, r.Voted), r.Outcome, r.VotedMe)).ToList()));
    }

    private sealed record SummaryRow
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public Guid AuthorId { get; init; }
        public string AuthorName { get; init; } = "";
        public DateTime? OpensAt { get; init; }
        public DateTime? ClosesAt { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? ClosedAt { get; init; }
        public string? Outcome { get; init; }
        public int Eligible { get; init; }
        public int Voted { get; init; }
        public bool VotedMe { get; init; }
    }

    private static DateTimeOffset? Opt(DateTime? value) => value is { } v ? Proposals.Utc(v) : null;

    [EndpointSummary("Draft a proposal")]
    [EndpointDescription("Members (and the board): drafts an ordinary resolution (simple majority), a special resolution (two-thirds) or a board election (candidates, approval voting). The body is Markdown, stored with its safe HTML. A yes/no resolution may carry a `settingsChange`, applied only if it carries. Secret ballot unless `secretBallot` is false.")]
    private static async Task<Results<Created<Proposal>, ProblemHttpResult>> DraftProposal(DraftProposalRequest request, HttpContext http,
        Proposals proposals, NpgsqlDataSource dataSource)
    {
        var (id, problem) = await proposals.DraftAsync(request, http.User, http.RequestAborted);
        if (problem is not null) return problem;
        var proposal = await ReadAsync(dataSource, id!.Value, http.User, http.RequestAborted);
        return TypedResults.Created($"/api/v1/proposals/{id}", proposal!);
    }

    [EndpointSummary("Get a proposal")]
    [EndpointDescription("Members: a proposal with its options, live turnout while open (never counts per option before close), your own ballot (`myVote`), and after close the recorded result. A secret ballot never shows who chose what; after close `myVote.optionIds` is empty because the choices were separated from the voters. Non-secret proposals list `ballots` after close.")]
    private static async Task<Results<Ok<Proposal>, NotFound>> GetProposal(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        var proposal = await ReadAsync(dataSource, id, http.User, http.RequestAborted);
        return proposal is null ? TypedResults.NotFound() : TypedResults.Ok(proposal);
    }

    [EndpointSummary("Edit a draft proposal")]
    [EndpointDescription("The author or the board: replaces a draft's text, options, quorum, window and eligible classes. Only drafts can be edited (409 once opened).")]
    private static async Task<Results<Ok<Proposal>, ProblemHttpResult>> UpdateProposal(Guid id, DraftProposalRequest request, HttpContext http,
        Proposals proposals, NpgsqlDataSource dataSource)
    {
        if (await proposals.UpdateAsync(id, request, http.User, http.RequestAborted) is { } problem) return problem;
        return TypedResults.Ok((await ReadAsync(dataSource, id, http.User, http.RequestAborted))!);
    }

    [EndpointSummary("Open a proposal for voting")]
    [EndpointDescription("The board or an admin: puts a draft to the vote. Voting opens now (or at a later `opensAt`) and closes at `closesAt` (from the request or the draft), at least the co-op's minimum window later and at most 90 days. The electorate is fixed now: the current members of the eligible classes. They are notified and `proposal.opened` webhooks are sent.")]
    private static async Task<Results<Ok<Proposal>, ProblemHttpResult>> OpenProposal(Guid id, OpenProposalRequest request, HttpContext http,
        Proposals proposals, NpgsqlDataSource dataSource)
    {
        if (await proposals.OpenAsync(id, request, http.RequestAborted) is { } problem) return problem;
        return TypedResults.Ok((await ReadAsync(dataSource, id, http.User, http.RequestAborted))!);
    }

    [EndpointSummary("Withdraw a proposal")]
    [EndpointDescription("The author or the board: withdraws a draft or an open vote. No result is recorded and nothing is applied; ballots already cast keep who voted but not how.")]
    private static async Task<Results<Ok<Proposal>, ProblemHttpResult>> WithdrawProposal(Guid id, HttpContext http, Proposals proposals,
        NpgsqlDataSource dataSource)
    {
        if (await proposals.WithdrawAsync(id, http.User, http.RequestAborted) is { } problem) return problem;
        return TypedResults.Ok((await ReadAsync(dataSource, id, http.User, http.RequestAborted))!);
    }

    [EndpointSummary("Cast or change your vote")]
    [EndpointDescription("Members of the electorate (the eligible classes' members when the vote opened): records your ballot, replacing any earlier one until the vote closes — one counted vote per member. Exactly one option for ordinary and special resolutions; one or more candidates for elections (approval voting). 409 before the window opens or after it closes.")]
    private static async Task<Results<Ok<MyBallot>, ProblemHttpResult>> CastVote(Guid id, CastVoteRequest request, HttpContext http, Proposals proposals)
    {
        var (ballot, problem) = await proposals.CastAsync(id, request, http.User.UserId(), http.RequestAborted);
        return problem is not null ? problem : TypedResults.Ok(ballot!);
    }

    private sealed record ProposalRow
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public string BodyMarkdown { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public Guid AuthorId { get; init; }
        public string AuthorName { get; init; } = "";
        public int QuorumBp { get; init; }
        public DateTime? OpensAt { get; init; }
        public DateTime? ClosesAt { get; init; }
        public string[] EligibleClasses { get; init; } = [];
        public bool SecretBallot { get; init; }
        public int? Seats { get; init; }
        public string? SettingsChange { get; init; }
        public Guid? MeetingId { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? OpenedAt { get; init; }
        public DateTime? ClosedAt { get; init; }
        public string? Result { get; init; }
        public int Eligible { get; init; }
        public int Voted { get; init; }
        public bool InElectorate { get; init; }
        public Guid[]? MyOptionIds { get; init; }
        public DateTime? MyCastAt { get; init; }
        public DateTime Now { get; init; }
    }

    private sealed record OptionRow
    {
        public Guid Id { get; init; }
        public string Label { get; init; } = "";
        public string Role { get; init; } = "";
        public Guid? CandidateUserId { get; init; }
        public string? CandidateName { get; init; }
    }

    private sealed record BallotRow
    {
        public Guid VoterId { get; init; }
        public string VoterName { get; init; } = "";
        public Guid[] OptionIds { get; init; } = [];
    }

    /// <summary>The proposal as <paramref name="user"/> may see it: their own ballot only, counts only after close.</summary>
    internal static async Task<Proposal?> ReadAsync(NpgsqlDataSource dataSource, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        const string sql = """
            select p.id, p.title, p.body_markdown, p.body_html, p.kind, p.status, p.author_id, u.display_name as author_name, p.quorum_bp,
                   p.opens_at, p.closes_at, p.eligible_classes, p.secret_ballot, p.seats, p.settings_change::text as settings_change,
                   p.meeting_id, p.created_at, p.opened_at, p.closed_at, p.result::text as result,
                   (select count(*) from proposal_electorate e where e.proposal_id = p.id)::int as eligible,
                   (select count(*) from ballots b where b.proposal_id = p.id)::int as voted,
                   exists (select 1 from proposal_electorate e where e.proposal_id = p.id and e.user_id = @me) as in_electorate,
                   mine.option_ids as my_option_ids, mine.cast_at as my_cast_at, now() as now
            from proposals p
            join users u on u.id = p.author_id
            left join ballots mine on mine.proposal_id = p.id and mine.voter_id = @me
            where p.id = @id
            """;
        var me = user.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ProposalRow>(sql, new { id, me });
        if (row is null) return null;
        const string optionsSql = """
            select o.id, o.label, o.role, o.candidate_user_id, c.display_name as candidate_name
            from proposal_options o left join users c on c.id = o.candidate_user_id
            where o.proposal_id = @id order by o.sort
            """;
        var options = (await connection.QueryAsync<OptionRow>(optionsSql, new { id })).Select(o => new ProposalOption(o.Id, o.Label, o.Role,
            o.CandidateUserId is { } c ? new ProposalPerson(c, o.CandidateName!) : null)).ToList();

        var results = row.Result is null ? null : JsonSerializer.Deserialize<ProposalResults>(row.Result, Proposals.Json);
        IReadOnlyList<RecordedBallot>? ballots = null;
        if (row.Status == ProposalStatuses.Closed && !row.SecretBallot)
        {
            const string ballotsSql = """
                select b.voter_id, u.display_name as voter_name, b.option_ids
                from ballots b join users u on u.id = b.voter_id
                where b.proposal_id = @id and b.option_ids is not null
                order by u.display_name, b.voter_id
                """;
            ballots = (await connection.QueryAsync<BallotRow>(ballotsSql, new { id }))
                .Select(b => new RecordedBallot(new ProposalPerson(b.VoterId, b.VoterName), b.OptionIds)).ToList();
        }

        var isBoard = Proposals.IsBoard(user);
        var isAuthor = row.AuthorId == me;
        var isDraft = row.Status == ProposalStatuses.Draft;
        var isOpen = row.Status == ProposalStatuses.Open;
        return new Proposal(row.Id, row.Title, row.BodyMarkdown, row.BodyHtml, row.Kind, row.Status, new ProposalPerson(row.AuthorId, row.AuthorName),
            options, row.QuorumBp, Opt(row.OpensAt), Opt(row.ClosesAt), row.EligibleClasses, row.SecretBallot, row.Seats,
            row.SettingsChange is null ? null : JsonSerializer.Deserialize<SettingsChange>(row.SettingsChange, Proposals.Json), row.MeetingId,
            isDraft || row.OpenedAt is null ? null : new ProposalTurnout(row.Eligible, row.Voted),
            row.MyCastAt is { } castAt ? new MyBallot(row.MyOptionIds ?? [], Proposals.Utc(castAt)) : null,
            results, ballots,
            CanVote: isOpen && row.InElectorate && row.Now >= row.OpensAt && row.Now < row.ClosesAt,
            CanEdit: isDraft && (isAuthor || isBoard),
            CanOpen: isDraft && isBoard,
            CanWithdraw: (isDraft || isOpen) && (isAuthor || isBoard),
            Proposals.Utc(row.CreatedAt), Opt(row.OpenedAt), Opt(row.ClosedAt));
    }
}
