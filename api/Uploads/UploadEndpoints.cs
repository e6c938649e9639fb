using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Uploads;

public static class UploadEndpoints
{
    public static RouteGroupBuilder MapUploadRoutes(this RouteGroupBuilder api)
    {
        api.MapPost("/uploads", Upload).WithName("UploadOriginal").WithTags("Uploads")
            .RequireAuthorization(Policies.Contributor)
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    [EndpointSummary("Upload a photo")]
    [EndpointDescription("Contributors: multipart/form-data with one field `file` (a JPEG or PNG original). Returns 201 with the new asset, whose renditions are made in the background (`status` `processing`, then `draft`). Fill in its metadata, then submit it for review.")]
    private static async Task<Results<Created<AssetDetail>, ProblemHttpResult>> Upload(
        HttpContext http, UploadPipeline pipeline, NpgsqlDataSource dataSource, Microsoft.Extensions.Options.IOptions<UploadOptions> options)
    {
        var ownerId = http.User.UserId();
        var (assetId, problem) = await AcceptOriginalAsync(http, pipeline, options.Value, ownerId);
        if (problem is not null) return problem;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var asset = await AssetReader.LoadAsync(connection, ownerId, assetId);
        return TypedResults.Created($"/api/v1/me/assets/{assetId}", asset!);
    }

    /// <summary>
    /// Streams one multipart original through the safe pipeline as a private upload of <paramref name="ownerId"/>;
    /// a refusal comes back as the problem to return. Shared by every route that takes photos.
    /// </summary>
    internal static async Task<(Guid AssetId, ProblemHttpResult? Problem)> AcceptOriginalAsync(
        HttpContext http, UploadPipeline pipeline, UploadOptions options, Guid ownerId)
    {
        // The server-wide body limit is lifted for this route only; the pipeline enforces the per-file limit itself.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = options.MaxFileBytes + 1024 * 1024;

        try
        {
            return (await pipeline.AcceptAsync(http.Request, ownerId, http.RequestAborted), null);
        }
        catch (UploadRejectedException rejected)
        {
            if (rejected.RetryAfter is { } wait) Auth.SetRetryAfter(http, wait);
            // Unread bytes of a refused body are not drained: the connection is closed instead.
            if (rejected.Status == StatusCodes.Status413PayloadTooLarge) http.Response.Headers.Connection = "close";
            return (Guid.Empty, TypedResults.Problem(statusCode: rejected.Status, title: rejected.Title, detail: rejected.Message, extensions: rejected.Extensions));
        }
        catch (TimeoutException)
        {
            // Every decode slot stayed busy: the server is overloaded, the file is not at fault.
            Auth.SetRetryAfter(http, TimeSpan.FromSeconds(30));
            return (Guid.Empty, TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy",
                detail: "The server is checking many photos right now. Your file was not stored; try again in a moment."));
        }
    }
}
