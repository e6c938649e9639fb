using System.Buffers.Text;
using System.Security.Cryptography;
using Dapper;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Catalog;

/// <summary>
/// Lightboxes: named sets of published photos that anyone signed in keeps, and may share read-only by link.
/// Somebody else's lightbox answers 404 to every route, exactly like one that does not exist.
/// </summary>
public static class LightboxEndpoints
{
    public static RouteGroupBuilder MapLightboxes(this RouteGroupBuilder api)
    {
        var lightboxes = api.MapGroup("/lightboxes").WithTags("Catalog");
        var owned = lightboxes.MapGroup("").RequireAuthorization();
        owned.MapGet("/", ListLightboxes).WithName("ListLightboxes")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        owned.MapPost("/", CreateLightbox).WithName("CreateLightbox").WithValidation<CreateLightboxRequest>().WithIdempotency()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict);
        owned.MapGet("/{id:guid}", GetLightbox).WithName("GetLightbox")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        owned.MapPatch("/{id:guid}", RenameLightbox).WithName("RenameLightbox").WithValidation<RenameLightboxRequest>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        owned.MapDelete("/{id:guid}", DeleteLightbox).WithName("DeleteLightbox")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        owned.MapPut("/{id:guid}/assets/{assetId:guid}", AddToLightbox).WithName("AddToLightbox")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        owned.MapDelete("/{id:guid}/assets/{assetId:guid}", RemoveFromLightbox).WithName("RemoveFromLightbox")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        owned.MapPost("/{id:guid}/share", ShareLightbox).WithName("ShareLightbox")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        owned.MapDelete("/{id:guid}/share", UnshareLightbox).WithName("UnshareLightbox")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        lightboxes.MapGet("/shared/{token}", GetSharedLightbox).WithName("GetSharedLightbox").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Where the storefront shows a shared lightbox; the SPA owns the page.</summary>
    public static string SharePath(string token) => "/l/" + token;

    // 24 random bytes: 192 bits, 32 base64url characters.
    private const int TokenBytes = 24;

    private static ProblemHttpResult NoSuchLightbox() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No such lightbox", detail: "There is no lightbox of yours with this id. It may have been deleted.");

    private sealed record SummaryRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? ShareToken { get; init; }
        public DateTime UpdatedAt { get; init; }
        public int AssetCount { get; init; }
        public bool ContainsAsset { get; init; }
    }

    private sealed record CoverRow
    {
        public Guid LightboxId { get; init; }
        public string BlobKey { get; init; } = "";
        public int Width { get; init; }
        public int Height { get; init; }
    }

    /// <summary>The owner's lightboxes (or just <paramref name="only"/>), most recently changed first.</summary>
    private static async Task<List<LightboxSummary>> LoadSummariesAsync(NpgsqlConnection connection, Guid ownerId, Guid? only, Guid? asset)
    {
        // Counts and covers only take photos that are still published: what the owner would see on opening it.
        const string summariesSql = """
            select l.id, l.name, l.share_token, l.updated_at,
                   (select count(*) from lightbox_assets la join catalog c on c.asset_id = la.asset_id
                    where la.lightbox_id = l.id and la.removed_at is null)::int as asset_count,
                   (@asset::uuid is not null and exists(
                        select 1 from lightbox_assets la join catalog c on c.asset_id = la.asset_id
                        where la.lightbox_id = l.id and la.asset_id = @asset and la.removed_at is null)) as contains_asset
            from lightboxes l
            where l.owner_id = @ownerId and (@only::uuid is null or l.id = @only)
            order by l.updated_at desc, l.id desc
            """;
        const string coversSql = """
            select l.id as lightbox_id, cv.blob_key, cv.width, cv.height
            from lightboxes l
            cross join lateral (
                select t.blob_key, t.width, t.height, la.added_at, la.asset_id
                from lightbox_assets la
                join catalog c on c.asset_id = la.asset_id
                join asset_renditions t on t.asset_id = la.asset_id and t.kind = 'thumbnail'
                where la.lightbox_id = l.id and la.removed_at is null
                order by la.added_at desc, la.asset_id desc
                limit @maxCovers
            ) cv
            where l.owner_id = @ownerId and (@only::uuid is null or l.id = @only)
            order by l.id, cv.added_at desc, cv.asset_id desc
            """;
        var parameters = new { ownerId, only, asset, maxCovers = LightboxRules.MaxCovers };
        var rows = await connection.QueryAsync<SummaryRow>(summariesSql, parameters);
        var covers = (await connection.QueryAsync<CoverRow>(coversSql, parameters)).ToLookup(c => c.LightboxId);
        return rows.Select(r => new LightboxSummary(r.Id, r.Name, r.AssetCount,
            covers[r.Id].Select(c => new RenditionLink(MediaEndpoints.UrlFor(c.BlobKey), c.Width, c.Height)).ToList(),
            r.ShareToken is not null, r.ShareToken, Utc(r.UpdatedAt), r.ContainsAsset)).ToList();
    }

    [EndpointSummary("List my lightboxes")]
    [EndpointDescription("The signed-in user's lightboxes, most recently changed first. With `asset`, each lightbox says whether it holds that photo.")]
    private static async Task<Ok<LightboxList>> ListLightboxes(HttpContext http, NpgsqlDataSource dataSource, Guid? asset = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        return TypedResults.Ok(new LightboxList(await LoadSummariesAsync(connection, http.User.UserId(), null, asset)));
    }

    [EndpointSummary("Create a lightbox")]
    [EndpointDescription("Creates an empty, private lightbox with the given name. 409 when the per-user limit is reached.")]
    private static async Task<Results<Created<LightboxSummary>, ProblemHttpResult>> CreateLightbox(
        CreateLightboxRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var ownerId = http.User.UserId();
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        // The owner's row serialises their concurrent creates, so the limit holds under a burst of requests.
        await connection.ExecuteAsync("select 1 from users where id = @ownerId for no key update", new { ownerId }, tx);
        var count = await connection.ExecuteScalarAsync<int>("select count(*)::int from lightboxes where owner_id = @ownerId", new { ownerId }, tx);
        if (count >= LightboxRules.MaxLightboxesPerUser)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many lightboxes",
                detail: $"You can keep up to {LightboxRules.MaxLightboxesPerUser} lightboxes. Delete one you no longer need, then create this one.");
        await connection.ExecuteAsync("insert into lightboxes (id, owner_id, name) values (@id, @ownerId, @name)",
            new { id, ownerId, name = request.Name.Trim() }, tx);
        await tx.CommitAsync(http.RequestAborted);
        var summary = (await LoadSummariesAsync(connection, ownerId, id, null)).Single();
        return TypedResults.Created($"/api/v1/lightboxes/{id}", summary);
    }

    private sealed record HeaderRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? ShareToken { get; init; }
        public DateTime UpdatedAt { get; init; }
        public string OwnerDisplayName { get; init; } = "";
    }

    [EndpointSummary("Get one of my lightboxes")]
    [EndpointDescription("The lightbox with its photos, newest added first. Somebody else's lightbox answers 404, exactly like one that does not exist.")]
    private static async Task<Results<Ok<LightboxDetail>, ProblemHttpResult>> GetLightbox(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        const string sql = "select id, name, share_token, updated_at from lightboxes where id = @id and owner_id = @ownerId";
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var header = await connection.QuerySingleOrDefaultAsync<HeaderRow>(sql, new { id, ownerId = http.User.UserId() });
        if (header is null) return NoSuchLightbox();
        var items = await LoadItemsAsync(connection, id);
        return TypedResults.Ok(new LightboxDetail(header.Id, header.Name, header.ShareToken, Utc(header.UpdatedAt), items));
    }

    [EndpointSummary("Rename a lightbox")]
    [EndpointDescription("Renames one of the caller's lightboxes.")]
    private static async Task<Results<NoContent, ProblemHttpResult>> RenameLightbox(
        Guid id, RenameLightboxRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        const string sql = "update lightboxes set name = @name, updated_at = now() where id = @id and owner_id = @ownerId";
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var changed = await connection.ExecuteAsync(sql, new { id, ownerId = http.User.UserId(), name = request.Name.Trim() });
        return changed == 0 ? NoSuchLightbox() : TypedResults.NoContent();
    }

    [EndpointSummary("Delete a lightbox")]
    [EndpointDescription("Deletes one of the caller's lightboxes; the photos themselves are untouched and a share link stops working.")]
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteLightbox(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        const string sql = "delete from lightboxes where id = @id and owner_id = @ownerId";
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var deleted = await connection.ExecuteAsync(sql, new { id, ownerId = http.User.UserId() });
        return deleted == 0 ? NoSuchLightbox() : TypedResults.NoContent();
    }

    [EndpointSummary("Add a photo to a lightbox")]
    [EndpointDescription("Adds a published photo to one of the caller's lightboxes. Adding a photo twice is harmless; 409 when the lightbox is full.")]
    private static async Task<Results<NoContent, ProblemHttpResult>> AddToLightbox(
        Guid id, Guid assetId, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time)
    {
        var ownerId = http.User.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        // Locking the lightbox serialises adds to it: the item limit and "count popularity once" hold under races.
        var owned = await connection.ExecuteScalarAsync<int?>(
            "select 1 from lightboxes where id = @id and owner_id = @ownerId for update", new { id, ownerId }, tx);
        if (owned is null) return NoSuchLightbox();
        if (!await connection.ExecuteScalarAsync<bool>("select exists(select 1 from catalog where asset_id = @assetId)", new { assetId }, tx))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not in the catalogue",
                detail: "Only published photos can be added to a lightbox; this one is not (or no longer) published.");

        const string existingSql = "select removed_at is null from lightbox_assets where lightbox_id = @id and asset_id = @assetId";
        var live = await connection.ExecuteScalarAsync<bool?>(existingSql, new { id, assetId }, tx);
        if (live == true) return TypedResults.NoContent();

        const string countSql = """
            select count(*)::int from lightbox_assets la join catalog c on c.asset_id = la.asset_id
            where la.lightbox_id = @id and la.removed_at is null
            """;
        if (await connection.ExecuteScalarAsync<int>(countSql, new { id }, tx) >= LightboxRules.MaxItemsPerLightbox)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Lightbox full",
                detail: $"A lightbox holds up to {LightboxRules.MaxItemsPerLightbox:N0} photos. Remove some, or start another lightbox.");

        if (live is null)
        {
            await connection.ExecuteAsync("insert into lightbox_assets (lightbox_id, asset_id) values (@id, @assetId)", new { id, assetId }, tx);
            // One person's interest counts once, however many lightboxes they make, empty or delete.
            const string firstInterest = "insert into catalog_interest (user_id, asset_id) values (@ownerId, @assetId) on conflict do nothing";
            if (await connection.ExecuteAsync(firstInterest, new { ownerId, assetId }, tx) == 1)
                await Popularity.AddInterestAsync(connection, tx, assetId, Popularity.LightboxAdd, time.GetUtcNow());
        }
        else
        {
            // Back after being removed: it goes to the top again, but it is not a first add, so no new popularity.
            await connection.ExecuteAsync("update lightbox_assets set removed_at = null, added_at = now() where lightbox_id = @id and asset_id = @assetId",
                new { id, assetId }, tx);
        }
        await connection.ExecuteAsync("update lightboxes set updated_at = now() where id = @id", new { id }, tx);
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Idempotent: removing a photo that is not there succeeds. Popularity is not taken back: the interest was
    /// shown (people clear lightboxes once they have chosen or licensed), and subtracting today's larger weight
    /// would push the photo below where it stood before the add.
    /// </summary>
    [EndpointSummary("Remove a photo from a lightbox")]
    [EndpointDescription("Removes the photo from the lightbox; removing one that is not there is harmless.")]
    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveFromLightbox(
        Guid id, Guid assetId, HttpContext http, NpgsqlDataSource dataSource)
    {
        // The lightbox is locked first, as in AddToLightbox, so an add and a remove racing never deadlock.
        const string removeSql = """
            with owned as (select id from lightboxes where id = @id and owner_id = @ownerId for update),
            removed as (
                update lightbox_assets la set removed_at = now()
                from owned where la.lightbox_id = owned.id and la.asset_id = @assetId and la.removed_at is null
                returning la.lightbox_id
            ),
            touched as (update lightboxes l set updated_at = now() from removed where l.id = removed.lightbox_id)
            select exists(select 1 from owned)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var owned = await connection.ExecuteScalarAsync<bool>(removeSql, new { id, assetId, ownerId = http.User.UserId() });
        return owned ? TypedResults.NoContent() : NoSuchLightbox();
    }

    /// <summary>Repeated calls return the same link until <paramref name="rotate"/> replaces it (the old one stops working).</summary>
    [EndpointSummary("Share a lightbox by link")]
    [EndpointDescription("Returns the read-only share link of the lightbox (the same token each time until it is revoked).")]
    private static async Task<Results<Ok<LightboxShare>, ProblemHttpResult>> ShareLightbox(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, bool? rotate = null)
    {
        const string sql = """
            update lightboxes set share_token = case when @rotate or share_token is null then @token else share_token end
            where id = @id and owner_id = @ownerId
            returning share_token
            """;
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var current = await connection.ExecuteScalarAsync<string?>(sql, new { id, ownerId = http.User.UserId(), token, rotate = rotate == true });
        return current is null ? NoSuchLightbox() : TypedResults.Ok(new LightboxShare(current, SharePath(current)));
    }

    [EndpointSummary("Stop sharing a lightbox")]
    [EndpointDescription("Revokes the share link: the old link answers 404 from now on.")]
    private static async Task<Results<NoContent, ProblemHttpResult>> UnshareLightbox(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        const string sql = "update lightboxes set share_token = null where id = @id and owner_id = @ownerId";
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var changed = await connection.ExecuteAsync(sql, new { id, ownerId = http.User.UserId() });
        return changed == 0 ? NoSuchLightbox() : TypedResults.NoContent();
    }

    [EndpointSummary("Open a shared lightbox")]
    [EndpointDescription("What a share link shows, to anyone holding it, signed in or not. 404 once the owner stops sharing.")]
    private static async Task<Results<Ok<SharedLightbox>, ProblemHttpResult>> GetSharedLightbox(string token, HttpContext http, NpgsqlDataSource dataSource)
    {
        // A revoked link must stop working at once, so no cache may keep the answer.
        http.Response.Headers.CacheControl = "no-store";
        var notFound = TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Link not found",
            detail: "This lightbox link does not exist or is no longer shared. Ask whoever sent it for a new one.");
        if (token.Length is < 22 or > 64 || !Base64Url.IsValid(token)) return notFound;

        const string sql = """
            select l.id, l.name, u.display_name as owner_display_name
            from lightboxes l join users u on u.id = l.owner_id
            where l.share_token = @token
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var header = await connection.QuerySingleOrDefaultAsync<HeaderRow>(sql, new { token });
        if (header is null) return notFound;
        return TypedResults.Ok(new SharedLightbox(header.Name, header.OwnerDisplayName, await LoadItemsAsync(connection, header.Id)));
    }

    private sealed record ItemRow
    {
        public Guid Id { get; init; }
        public string? Title { get; init; }
        public int Width { get; init; }
        public int Height { get; init; }
        public string Handle { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string ThumbKey { get; init; } = "";
        public int ThumbWidth { get; init; }
        public int ThumbHeight { get; init; }
        public string PreviewKey { get; init; } = "";
        public int PreviewWidth { get; init; }
        public int PreviewHeight { get; init; }
        public string? BlurPlaceholder { get; init; }
        public DateTime AddedAt { get; init; }
    }

    /// <summary>Newest added first; the catalogue join drops photos that are no longer published.</summary>
    private static async Task<List<LightboxItem>> LoadItemsAsync(NpgsqlConnection connection, Guid lightboxId)
    {
        const string sql = """
            select c.asset_id as id, c.title, c.width, c.height, u.handle, u.display_name,
                   t.blob_key as thumb_key, t.width as thumb_width, t.height as thumb_height,
                   p.blob_key as preview_key, p.width as preview_width, p.height as preview_height,
                   a.blur_placeholder, la.added_at
            from lightbox_assets la
            join catalog c on c.asset_id = la.asset_id
            join assets a on a.id = la.asset_id
            join users u on u.id = c.owner_id
            join asset_renditions t on t.asset_id = la.asset_id and t.kind = 'thumbnail'
            join asset_renditions p on p.asset_id = la.asset_id and p.kind = 'preview'
            where la.lightbox_id = @lightboxId and la.removed_at is null
            order by la.added_at desc, la.asset_id desc
            """;
        var rows = await connection.QueryAsync<ItemRow>(sql, new { lightboxId });
        return rows.Select(r => new LightboxItem(r.Id, r.Title, r.Width, r.Height, new LightboxContributor(r.Handle, r.DisplayName),
            new RenditionLink(MediaEndpoints.UrlFor(r.ThumbKey), r.ThumbWidth, r.ThumbHeight),
            new RenditionLink(MediaEndpoints.UrlFor(r.PreviewKey), r.PreviewWidth, r.PreviewHeight),
            r.BlurPlaceholder, Utc(r.AddedAt))).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
