using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Curation;

public sealed record MembershipSampleUploaded(Guid AssetId);

public sealed record MembershipApplication(Guid Id, string Status, string Statement, string[] Links, Guid[] SampleAssetIds,
    string? DeclineReason, DateTimeOffset? ReapplyAfter, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

public sealed record ApplicationSample(Guid AssetId, RenditionLink? Thumbnail);

public sealed record ApplicationQueueItem(Guid Id, Guid ApplicantId, string ApplicantName, string Statement, string[] Links,
    IReadOnlyList<ApplicationSample> Samples, int Approvals, int ApprovalsRequired, bool VotedByMe, DateTimeOffset CreatedAt, long WaitingSeconds);

public sealed record ApplicationList(IReadOnlyList<ApplicationQueueItem> Items);

public sealed record ApplicationDecisionResult(Guid ApplicationId, string Status, int Approvals, int ApprovalsRequired, DateTimeOffset? ReapplyAfter);

/// <summary>
/// Membership applications: anyone signed in applies with 10 private samples, links and a statement;
/// the board votes in its own queue. One decline declines; N approvals by different editors accept.
/// </summary>
public static class ApplicationEndpoints
{
    public static RouteGroupBuilder MapApplications(this RouteGroupBuilder api)
    {
        var membership = api.MapGroup("/membership").WithTags("Curation").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        membership.MapPost("/samples", UploadMembershipSample).WithName("UploadMembershipSample")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        membership.MapPost("/applications", ApplyForMembership).WithName("ApplyForMembership")
            .WithValidation<MembershipApplicationRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        membership.MapGet("/applications/mine", GetMyMembershipApplication).WithName("GetMyMembershipApplication")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var editors = api.MapGroup("/review/applications").WithTags("Curation").RequireAuthorization(Policies.Editor)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        editors.MapGet("/", ListMembershipApplications).WithName("ListMembershipApplications");
        editors.MapPost("/{id:guid}/decision", DecideMembershipApplication).WithName("DecideMembershipApplication")
            .WithValidation<ApplicationDecisionRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    [EndpointSummary("Upload a membership sample")]
    [EndpointDescription("multipart/form-data with one field `file`: one sample photo per request for a membership application; checked like any upload and kept private.")]
    private static async Task<Results<Created<MembershipSampleUploaded>, ProblemHttpResult>> UploadMembershipSample(
        HttpContext http, UploadPipeline pipeline, IOptions<UploadOptions> options)
    {
        // An ordinary private upload of the applicant: the same checks as any original, never published by applying.
        var (assetId, problem) = await UploadEndpoints.AcceptOriginalAsync(http, pipeline, options.Value, http.User.UserId());
        if (problem is not null) return problem;
        return TypedResults.Created($"/api/v1/me/assets/{assetId}", new MembershipSampleUploaded(assetId));
    }

    private sealed record ApplicationRow
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
        public string Statement { get; init; } = "";
        public string[] Links { get; init; } = [];
        public Guid[] SampleAssetIds { get; init; } = [];
        public string? DeclineReason { get; init; }
        public DateTime? ReapplyAfter { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? DecidedAt { get; init; }

        public MembershipApplication ToApi() => new(Id, Status, Statement, Links, SampleAssetIds, DeclineReason,
            Utc(ReapplyAfter), Utc(CreatedAt)!.Value, Utc(DecidedAt));
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    [EndpointSummary("Apply for membership")]
    [EndpointDescription("Applies to join the co-op as a contributor with the uploaded samples. 409 while an application is pending, for existing contributors, or before the reapply date.")]
    private static async Task<Results<Created<MembershipApplication>, ProblemHttpResult>> ApplyForMembership(
        MembershipApplicationRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var userId = http.User.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        // The user row is locked so two applications sent at once are checked one after the other.
        var isContributor = await connection.ExecuteScalarAsync<bool>("""
            select exists(select 1 from user_roles r where r.user_id = u.id and r.role = 'contributor')
            from users u where u.id = @userId for update of u
            """, new { userId }, tx);
        if (isContributor)
            return TypedResults.Problem(statusCode: 409, title: "Already a contributor", detail: "You are already a contributor-member of the co-op.");

        const string previous = """
            select
                exists(select 1 from membership_applications where user_id = @userId and status = 'pending') as pending,
                (select max(reapply_after) from membership_applications where user_id = @userId and status = 'declined') as reapply_after
            """;
        var (pending, reapplyAfter) = await connection.QuerySingleAsync<(bool, DateTime?)>(previous, new { userId }, tx);
        if (pending)
            return TypedResults.Problem(statusCode: 409, title: "Application pending",
                detail: "Your application is with the board; you can apply again only once it is decided.");
        if (Utc(reapplyAfter) is { } date && date > DateTimeOffset.UtcNow)
            return TypedResults.Problem(statusCode: 409, title: "Too early to reapply",
                detail: $"Your last application was declined; you can apply again after {date:yyyy-MM-dd}.",
                extensions: new Dictionary<string, object?> { ["reapplyAfter"] = date });

        // Samples are the applicant's own uploads that passed the pipeline's checks.
        const string owned = "select count(*) from assets where id = any(@ids) and owner_id = @userId and status <> 'failed'";
        var ids = request.SampleAssetIds.Distinct().ToArray();
        if (await connection.ExecuteScalarAsync<int>(owned, new { ids, userId }, tx) != ApplicationDecisions.SampleCount)
            return TypedResults.Problem(statusCode: 400, title: "Unknown samples",
                detail: "Every sample must be a photo you uploaded that passed its checks.");

        var id = Guid.CreateVersion7();
        const string insert = """
            insert into membership_applications (id, user_id, statement, links) values (@id, @userId, @statement, @links);
            insert into membership_application_samples (application_id, asset_id) select @id, unnest(@ids);
            """;
        await connection.ExecuteAsync(insert, new { id, userId, statement = request.Statement.Trim(), links = request.Links.Select(l => l.Trim()).ToArray(), ids }, tx);
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.Created("/api/v1/membership/applications/mine", (await LoadLatestAsync(connection, userId))!);
    }

    [EndpointSummary("Get my membership application")]
    [EndpointDescription("The caller's latest membership application and the board's votes so far; 404 when there is none.")]
    private static async Task<Results<Ok<MembershipApplication>, NotFound>> GetMyMembershipApplication(HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var application = await LoadLatestAsync(connection, http.User.UserId());
        return application is null ? TypedResults.NotFound() : TypedResults.Ok(application);
    }

    private static async Task<MembershipApplication?> LoadLatestAsync(NpgsqlConnection connection, Guid userId)
    {
        const string sql = """
            select a.id, a.status, a.statement, a.links, a.decline_reason, a.reapply_after, a.created_at, a.decided_at,
                   array(select s.asset_id from membership_application_samples s where s.application_id = a.id order by s.asset_id) as sample_asset_ids
            from membership_applications a
            where a.user_id = @userId
            order by a.created_at desc, a.id desc
            limit 1
            """;
        return (await connection.QuerySingleOrDefaultAsync<ApplicationRow>(sql, new { userId }))?.ToApi();
    }

    private sealed record QueueRow
    {
        public Guid Id { get; init; }
        public Guid ApplicantId { get; init; }
        public string ApplicantName { get; init; } = "";
        public string Statement { get; init; } = "";
        public string[] Links { get; init; } = [];
        public int Approvals { get; init; }
        public bool VotedByMe { get; init; }
        public DateTime CreatedAt { get; init; }
    }

    private sealed record SampleRow
    {
        public Guid ApplicationId { get; init; }
        public Guid AssetId { get; init; }
        public string? ThumbnailKey { get; init; }
        public int? ThumbnailWidth { get; init; }
        public int? ThumbnailHeight { get; init; }
    }

    [EndpointSummary("List membership applications")]
    [EndpointDescription("Editors: membership applications waiting for the board's votes.")]
    private static async Task<Ok<ApplicationList>> ListMembershipApplications(
        HttpContext http, NpgsqlDataSource dataSource, IConfiguration configuration, TimeProvider time)
    {
        var editorId = http.User.UserId();
        // Oldest first; never the editor's own application.
        const string sql = """
            select a.id, a.user_id as applicant_id, u.display_name as applicant_name, a.statement, a.links, a.created_at,
                   (select count(*)::int from membership_application_votes v where v.application_id = a.id and v.vote = 'approve') as approvals,
                   exists(select 1 from membership_application_votes v where v.application_id = a.id and v.editor_id = @editorId) as voted_by_me
            from membership_applications a
            join users u on u.id = a.user_id
            where a.status = 'pending' and a.user_id <> @editorId
            order by a.created_at, a.id
            limit 200
            """;
        const string samples = """
            select s.application_id, s.asset_id, r.blob_key as thumbnail_key, r.width as thumbnail_width, r.height as thumbnail_height
            from membership_application_samples s
            left join asset_renditions r on r.asset_id = s.asset_id and r.kind = 'thumbnail'
            where s.application_id = any(@ids)
            order by s.asset_id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = (await connection.QueryAsync<QueueRow>(sql, new { editorId })).ToList();
        var byApplication = (await connection.QueryAsync<SampleRow>(samples, new { ids = rows.Select(r => r.Id).ToArray() }))
            .ToLookup(s => s.ApplicationId, s => new ApplicationSample(s.AssetId,
                s.ThumbnailKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(s.ThumbnailKey), s.ThumbnailWidth!.Value, s.ThumbnailHeight!.Value)));
        var required = ApplicationDecisions.ApprovalsRequired(configuration);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new ApplicationList(rows.Select(r =>
        {
            var createdAt = Utc(r.CreatedAt)!.Value;
            return new ApplicationQueueItem(r.Id, r.ApplicantId, r.ApplicantName, r.Statement, r.Links, byApplication[r.Id].ToList(),
                r.Approvals, required, r.VotedByMe, createdAt, (long)Math.Max(0, (now - createdAt).TotalSeconds));
        }).ToList()));
    }

    [EndpointSummary("Vote on a membership application")]
    [EndpointDescription("Editors: votes to accept or decline an application; the application is decided when enough votes agree. 409 once it is decided.")]
    private static async Task<Results<Ok<ApplicationDecisionResult>, NotFound, ProblemHttpResult>> DecideMembershipApplication(
        Guid id, ApplicationDecisionRequest request, HttpContext http, NpgsqlDataSource dataSource, IConfiguration configuration)
    {
        var editorId = http.User.UserId();
        var required = ApplicationDecisions.ApprovalsRequired(configuration);
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        // The row lock serialises concurrent votes: exactly one of them sees the N-th approval and grants membership.
        var application = await connection.QuerySingleOrDefaultAsync<(Guid UserId, string Status)?>(
            "select user_id, status from membership_applications where id = @id for update", new { id }, tx);
        if (application is not { } found) return TypedResults.NotFound();
        if (found.UserId == editorId)
            return TypedResults.Problem(statusCode: 403, title: "Your own application", detail: "Editors never vote on their own application.");
        var voted = await connection.ExecuteScalarAsync<bool>(
            "select exists(select 1 from membership_application_votes where application_id = @id and editor_id = @editorId)", new { id, editorId }, tx);
        if (voted)
            return TypedResults.Problem(statusCode: 409, title: "Already voted", detail: "Each editor votes once on an application.");
        if (found.Status != "pending")
            return TypedResults.Problem(statusCode: 409, title: "Already decided", detail: $"This application was already {found.Status}.");

        await connection.ExecuteAsync("""
            insert into membership_application_votes (application_id, editor_id, vote, note) values (@id, @editorId, @vote, @note)
            """, new { id, editorId, vote = request.Vote, note = request.Note?.Trim() }, tx);
        var approvals = await connection.ExecuteScalarAsync<int>(
            "select count(*)::int from membership_application_votes where application_id = @id and vote = 'approve'", new { id }, tx);

        var status = "pending";
        DateTime? reapplyAfter = null;
        if (request.Vote == ApplicationDecisions.Decline)
        {
            // One decline by any editor decides: the applicant learns why and when they may apply again.
            const string decline = """
                update membership_applications
                set status = 'declined', decline_reason = @reason, decided_at = now(), reapply_after = now() + make_interval(days => @days)
                where id = @id
                returning reapply_after
                """;
            reapplyAfter = await connection.ExecuteScalarAsync<DateTime>(decline,
                new { id, reason = request.Reason!.Trim(), days = ApplicationDecisions.ReapplyAfterDays(configuration) }, tx);
            status = "declined";
            await Notifications.Notifier.NotifyAsync(connection, tx, found.UserId, "membership.application.declined",
                "Your application to join MediaCoop", $"The editorial board declined it: {request.Reason!.Trim()}\nYou can apply again after {reapplyAfter:yyyy-MM-dd}.",
                "/apply");
        }
        else if (approvals >= required)
        {
            const string accept = """
                update membership_applications set status = 'accepted', decided_at = now() where id = @id;
                insert into user_roles (user_id, role) values (@userId, 'contributor') on conflict do nothing;
                insert into memberships (id, user_id, member_class) values (@membershipId, @userId, 'contributor')
                    on conflict (user_id) where ended_at is null do nothing;
                """;
            await connection.ExecuteAsync(accept, new { id, userId = found.UserId, membershipId = Guid.CreateVersion7() }, tx);
            status = "accepted";
            await Notifications.Notifier.NotifyAsync(connection, tx, found.UserId, "membership.application.accepted",
                "Welcome to MediaCoop", "The editorial board accepted your application: you are now a contributor member with one voting share.",
                "/upload");
        }
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.Ok(new ApplicationDecisionResult(id, status, approvals, required, Utc(reapplyAfter)));
    }
}
