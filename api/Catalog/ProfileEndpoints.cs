using System.Security.Cryptography;
using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using MediaCoop.Api.Uploads.Imaging;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace MediaCoop.Api.Catalog;

/// <summary>The signed-in person's public profile: handle (their portfolio's address), display name, bio and avatar.</summary>
public static class ProfileEndpoints
{
    public const long MaxAvatarBytes = 10L * 1024 * 1024;
    public const int AvatarSize = 256;
    public const int AvatarMinSide = 128;

    public static RouteGroupBuilder MapProfile(this RouteGroupBuilder api)
    {
        var profile = api.MapGroup("/me/profile").WithTags("Catalog").RequireAuthorization();
        profile.MapGet("/", GetMyProfile).WithName("GetMyProfile")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        profile.MapPut("/", UpdateMyProfile).WithName("UpdateMyProfile").WithValidation<UpdateProfileRequest>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict);
        profile.MapPost("/avatar", UploadAvatar).WithName("UploadAvatar")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private sealed record ProfileRow
    {
        public string Handle { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? Bio { get; init; }
        public string? AvatarKey { get; init; }
    }

    /// <summary>Avatars are always <see cref="AvatarSize"/> px square, so the key alone makes the link.</summary>
    internal static RenditionLink? AvatarLink(string? key) => key is null ? null : new RenditionLink(MediaEndpoints.UrlFor(key), AvatarSize, AvatarSize);

    private static async Task<MyProfile> LoadAsync(NpgsqlConnection connection, Guid userId)
    {
        const string sql = "select handle, display_name, bio, avatar_key from users where id = @userId";
        var row = await connection.QuerySingleAsync<ProfileRow>(sql, new { userId });
        return new MyProfile(row.Handle, row.DisplayName, row.Bio, AvatarLink(row.AvatarKey));
    }

    [EndpointSummary("Get my public profile")]
    [EndpointDescription("The public face of the signed-in account: handle, display name, bio and avatar.")]
    private static async Task<Ok<MyProfile>> GetMyProfile(HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        return TypedResults.Ok(await LoadAsync(connection, http.User.UserId()));
    }

    [EndpointSummary("Update my public profile")]
    [EndpointDescription("Changes the handle, display name or bio. 400 with field errors for a malformed or reserved handle or over-long fields; 409 when another account has the handle.")]
    private static async Task<Results<Ok<MyProfile>, ValidationProblem, ProblemHttpResult>> UpdateMyProfile(
        UpdateProfileRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var userId = http.User.UserId();
        var handle = ProfileRules.Normalize(request.Handle);
        var bio = string.IsNullOrWhiteSpace(request.Bio) ? null : request.Bio.Trim();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var current = await connection.ExecuteScalarAsync<string>("select handle from users where id = @userId", new { userId });
        // Checked only on change: a word reserved later must not stop someone who already has it from saving their bio.
        if (!string.Equals(current, handle, StringComparison.Ordinal) && ProfileRules.Reserved.Contains(handle))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["handle"] = [$"\"{handle}\" is reserved for the co-op's own pages. Choose another handle."],
            });

        const string sql = """
            update users set handle = @handle, display_name = @displayName, bio = @bio, updated_at = now()
            where id = @userId
            """;
        try
        {
            await connection.ExecuteAsync(sql, new { userId, handle, displayName = request.DisplayName.Trim(), bio });
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == "users_handle")
        {
            // The unique index decides, so two people claiming the same handle at once cannot both get it.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Handle taken",
                detail: $"The handle \"{handle}\" is already taken. Choose another one.",
                extensions: new Dictionary<string, object?> { ["field"] = "handle" });
        }
        return TypedResults.Ok(await LoadAsync(connection, userId));
    }

    /// <summary>
    /// One JPEG or PNG (field "file", at most 10 MB) becomes a 256 × 256 JPEG without metadata, stored by content
    /// like renditions so /media serves it. A refused file stores nothing. The previous avatar's object is left for
    /// the orphan sweep: identical pictures share one object, so only the sweep can tell when nobody uses it.
    /// </summary>
    [EndpointSummary("Upload my avatar")]
    [EndpointDescription("multipart/form-data with one field `file` (JPEG or PNG, at most 10 MB). The server crops it to a 256 px square and re-encodes it; the updated profile is returned.")]
    private static async Task<Results<Ok<MyProfile>, ProblemHttpResult>> UploadAvatar(
        HttpContext http, NpgsqlDataSource dataSource, IBlobStore store, RenditionBuilder builder, IOptions<UploadOptions> uploadOptions)
    {
        var userId = http.User.UserId();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = MaxAvatarBytes + 1024 * 1024;

        var spoolDirectory = Path.GetFullPath(uploadOptions.Value.SpoolDirectory);
        Directory.CreateDirectory(spoolDirectory);
        var spool = Path.Combine(spoolDirectory, Guid.NewGuid().ToString("N") + ".avatar");
        RenditionImage avatar;
        try
        {
            if (await SpoolAsync(http, spool) is { } refused) return refused;
            try
            {
                avatar = builder.BuildAvatar(spool, AvatarSize, AvatarMinSide);
            }
            catch (ImageRejectedException ex)
            {
                return ex.Code == "unsupported-type"
                    ? Problem(StatusCodes.Status415UnsupportedMediaType, "Not a JPEG or PNG picture", ex.Message)
                    : Problem(StatusCodes.Status400BadRequest, "Unusable picture", ex.Message);
            }
            catch (TimeoutException)
            {
                Auth.SetRetryAfter(http, TimeSpan.FromSeconds(30));
                return Problem(StatusCodes.Status503ServiceUnavailable, "Busy",
                    "The server is processing many pictures right now. Nothing was changed; try again in a moment.");
            }
        }
        finally
        {
            File.Delete(spool);
        }

        var key = $"renditions/{Convert.ToHexStringLower(SHA256.HashData(avatar.Jpeg))}.jpg";
        if (!await store.ExistsAsync(key, http.RequestAborted))
        {
            try
            {
                await store.PutAsync(key, new MemoryStream(avatar.Jpeg, writable: false), "image/jpeg", http.RequestAborted);
            }
            catch (BlobAlreadyExistsException)
            {
                // The same picture stored a moment ago: content-addressed, so it is the one we want.
            }
        }
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await connection.ExecuteAsync("update users set avatar_key = @key, updated_at = now() where id = @userId", new { key, userId });
        return TypedResults.Ok(await LoadAsync(connection, userId));
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>Streams the "file" field to <paramref name="spool"/>, stopping at the first byte over the limit.</summary>
    private static async Task<ProblemHttpResult?> SpoolAsync(HttpContext http, string spool)
    {
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send the picture as multipart/form-data",
                "Upload the picture as a multipart/form-data request with the file in a field named \"file\".");
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
            return Problem(StatusCodes.Status400BadRequest, "Malformed multipart body", "The multipart boundary is missing or too long.");
        if (request.ContentLength > MaxAvatarBytes + 64 * 1024) return TooLarge(http);

        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data") || !disposition.Name.Equals("file"))
                    continue;
                long total = 0;
                var buffer = new byte[1 << 16];
                await using var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                int read;
                while ((read = await section.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
                {
                    total += read;
                    if (total > MaxAvatarBytes) return TooLarge(http);
                    await file.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
                }
                return total == 0 ? Problem(StatusCodes.Status400BadRequest, "Empty file", "The file is empty (0 bytes). Choose the picture again.") : null;
            }
        }
        catch (InvalidDataException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed multipart body", $"The upload could not be read: {ex.Message}");
        }
        return Problem(StatusCodes.Status400BadRequest, "No file", "The request has no file. Put the picture in a form field named \"file\".");
    }

    private static ProblemHttpResult TooLarge(HttpContext http)
    {
        // Unread bytes of a refused body are not drained: the connection is closed instead.
        http.Response.Headers.Connection = "close";
        return Problem(StatusCodes.Status413PayloadTooLarge, "Picture too large",
            $"A profile picture can be at most {MaxAvatarBytes / (1024 * 1024)} MB. Choose a smaller file.");
    }
}
