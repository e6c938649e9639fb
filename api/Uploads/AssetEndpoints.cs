using Dapper;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Uploads;

/// <summary>A contributor's own assets: portfolio listing, metadata edits (one or many), CSV import and submission.</summary>
public static class AssetEndpoints
{
    public static RouteGroupBuilder MapAssetRoutes(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/me/assets").WithTags("Uploads").RequireAuthorization(Policies.Contributor)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        mine.MapGet("/", ListMyAssets).WithName("ListMyAssets");
        mine.MapGet("/{id:guid}", GetMyAsset).WithName("GetMyAsset");
        mine.MapPatch("/{id:guid}", UpdateMyAsset).WithName("UpdateMyAsset").WithValidation<UpdateAssetRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPatch("/", UpdateMyAssets).WithName("UpdateMyAssets").WithValidation<BatchUpdateAssetsRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:guid}/submit", SubmitMyAsset).WithName("SubmitMyAsset").WithIdempotency().ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/submit", SubmitMyAssets).WithName("SubmitMyAssets").WithIdempotency();
        mine.MapPost("/import-metadata", ImportMetadata).WithName("ImportAssetMetadata")
            .Accepts<IFormFile>("multipart/form-data").ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    [EndpointSummary("List my photos")]
    [EndpointDescription("Contributors: the caller's photos in every state, newest first; filter by `status`; cursor-paged.")]
    private static async Task<Results<Ok<AssetPage>, ProblemHttpResult>> ListMyAssets(
        HttpContext http, NpgsqlDataSource dataSource, string? status = null, string? cursor = null, int limit = 48)
    {
        if (limit is < 1 or > 200)
            return TypedResults.Problem(statusCode: 400, title: "Invalid limit", detail: "limit must be between 1 and 200.");
        string[]? statuses = null;
        if (status is not null && (statuses = AssetStatus.FromApi(status)) is null)
            return TypedResults.Problem(statusCode: 400, title: "Invalid status",
                detail: $"status must be one of: {string.Join(", ", AssetStatus.ApiValues)}.");
        Guid? before = null;
        if (cursor is not null)
        {
            if (!Guid.TryParse(cursor, out var parsed))
                return TypedResults.Problem(statusCode: 400, title: "Invalid cursor", detail: "Pass back the nextCursor of a previous page unchanged.");
            before = parsed;
        }
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        return TypedResults.Ok(await AssetReader.PageAsync(connection, http.User.UserId(), statuses, before, limit));
    }

    [EndpointSummary("Get one of my photos")]
    [EndpointDescription("Contributors: one of the caller's photos with its metadata, review state and renditions (404 for anyone else's).")]
    private static async Task<Results<Ok<AssetDetail>, NotFound>> GetMyAsset(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var asset = await AssetReader.LoadAsync(connection, http.User.UserId(), id);
        return asset is null ? TypedResults.NotFound() : TypedResults.Ok(asset);
    }

    [EndpointSummary("Update one of my photos")]
    [EndpointDescription("Contributors: changes only the members sent (title, description, keywords, editorial use, people, releases). 409 unless the photo is a draft or sent back.")]
    private static async Task<Results<Ok<AssetDetail>, NotFound, ProblemHttpResult>> UpdateMyAsset(
        Guid id, UpdateAssetRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var ownerId = http.User.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        try
        {
            if (!await AssetEditing.ApplyAsync(connection, tx, ownerId, id, request)) return TypedResults.NotFound();
        }
        catch (AssetEditing.EditRejectedException rejected)
        {
            return Problem(rejected);
        }
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.Ok((await AssetReader.LoadAsync(connection, ownerId, id))!);
    }

    [EndpointSummary("Update several of my photos")]
    [EndpointDescription("Contributors: the same change to many photos at once (add or remove keywords, editorial-only, releases).")]
    private static async Task<Results<Ok<AssetList>, NotFound, ProblemHttpResult>> UpdateMyAssets(
        BatchUpdateAssetsRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var ownerId = http.User.UserId();
        var ids = request.AssetIds.Distinct().ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        const string keywordsSql = "select id, keywords from assets where id = any(@ids) and owner_id = @ownerId";
        var current = (await connection.QueryAsync<(Guid Id, string[] Keywords)>(keywordsSql, new { ids, ownerId }, tx)).ToDictionary(r => r.Id, r => r.Keywords);
        if (current.Count != ids.Length) return TypedResults.NotFound();
        try
        {
            // All or nothing: one asset that cannot take the change leaves every asset as it was.
            foreach (var id in ids)
            {
                string[]? keywords = null;
                if (request.AddKeywords is not null || request.RemoveKeywords is not null)
                {
                    var remove = (request.RemoveKeywords ?? []).Select(k => k.Trim().ToLowerInvariant()).ToHashSet();
                    keywords = AssetEditing.NormalizeKeywords(current[id].Concat(request.AddKeywords ?? []))
                        .Where(k => !remove.Contains(k.ToLowerInvariant())).ToArray();
                    if (keywords.Length > SubmissionRules.MaxKeywords)
                        throw new AssetEditing.EditRejectedException(400, "Too many keywords",
                            $"An asset can have at most {SubmissionRules.MaxKeywords} keywords; this change would give one {keywords.Length}.");
                }
                var edit = new UpdateAssetRequest(null, null, keywords, request.EditorialOnly, null, null, null, null);
                await AssetEditing.ApplyAsync(connection, tx, ownerId, id, edit);
                if (request.ReleaseIds is { Length: > 0 })
                    await AssetEditing.SetReleasesAsync(connection, tx, id, ownerId, request.ReleaseIds, replace: false);
            }
        }
        catch (AssetEditing.EditRejectedException rejected)
        {
            return Problem(rejected);
        }
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.Ok(new AssetList(await AssetReader.LoadManyAsync(connection, ownerId, ids)));
    }

    [EndpointSummary("Submit a photo for review")]
    [EndpointDescription("Contributors: sends a complete draft to the review queue. 409 when it is not a draft or misses required metadata (the problem says what).")]
    private static async Task<Results<Ok<AssetDetail>, NotFound, ProblemHttpResult>> SubmitMyAsset(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        var result = await Submission.SubmitAsync(dataSource, http.User.UserId(), [id], http.RequestAborted);
        if (result.Rejected is [var rejected, ..])
        {
            if (rejected.Missing.Count == 0) return TypedResults.NotFound();
            return TypedResults.Problem(statusCode: 409, title: "Not ready for review",
                detail: "Complete the asset first: " + string.Join(" ", rejected.Missing),
                extensions: new Dictionary<string, object?> { ["missing"] = rejected.Missing });
        }
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        return TypedResults.Ok((await AssetReader.LoadAsync(connection, http.User.UserId(), id))!);
    }

    [EndpointSummary("Submit several photos for review")]
    [EndpointDescription("Contributors: submits the complete ones and says for each other one what is missing.")]
    private static async Task<Results<Ok<SubmitAssetsResult>, ProblemHttpResult>> SubmitMyAssets(
        SubmitAssetsRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        if (request.AssetIds is not { Length: > 0 and <= 500 })
            return TypedResults.Problem(statusCode: 400, title: "Choose assets", detail: "Submit between 1 and 500 assets at once.");
        return TypedResults.Ok(await Submission.SubmitAsync(dataSource, http.User.UserId(), request.AssetIds, http.RequestAborted));
    }

    [EndpointSummary("Import metadata from CSV")]
    [EndpointDescription("Contributors: multipart/form-data with one field `file`, a CSV with a header row and the columns filename, title, description, keywords and editorial; each row edits the caller's upload with that file name. The result lists the rows that did not apply and why.")]
    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportMetadata(HttpContext http, NpgsqlDataSource dataSource)
    {
        if (!http.Request.HasFormContentType)
            return TypedResults.Problem(statusCode: 415, title: "Send the CSV as multipart/form-data", detail: "Put the CSV file in a form field named \"file\".");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
            return TypedResults.Problem(statusCode: 400, title: "No CSV file", detail: "Put the CSV file in a form field named \"file\".");
        if (file.Length > 10 * 1024 * 1024)
            return TypedResults.Problem(statusCode: 413, title: "CSV too large", detail: "A metadata CSV can be at most 10 MB.");
        await using var stream = file.OpenReadStream();
        return TypedResults.Ok(await MetadataImport.ApplyAsync(dataSource, http.User.UserId(), MetadataCsv.Parse(stream), http.RequestAborted));
    }

    private static ProblemHttpResult Problem(AssetEditing.EditRejectedException rejected) =>
        TypedResults.Problem(statusCode: rejected.Status, title: rejected.Title, detail: rejected.Message,
            extensions: rejected.Errors is null ? null : new Dictionary<string, object?> { ["errors"] = rejected.Errors });
}
