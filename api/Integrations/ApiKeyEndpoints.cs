using Dapper;
using FluentValidation;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Integrations;

/// <summary>An API key as its owner sees it in their list: never the key itself.</summary>
public sealed record ApiKeySummary(Guid Id, string Name, string Prefix, string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

public sealed record ApiKeyList(IReadOnlyList<ApiKeySummary> Keys);

/// <summary>A new key: <see cref="Key"/> is shown this once and cannot be recovered.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Prefix, string[] Scopes, DateTimeOffset CreatedAt, string Key);

public sealed record CreateApiKeyRequest(string Name, string[] Scopes);

public sealed class CreateApiKeyRequestValidator : AbstractValidator<CreateApiKeyRequest>
{
    public CreateApiKeyRequestValidator()
    {
        RuleFor(r => r.Name).Must(n => n is not null && n.Trim().Length is >= 1 and <= 100)
            .WithMessage("Give the key a name of 1 to 100 characters, e.g. the tool that will use it.");
        RuleFor(r => r.Scopes).NotEmpty().WithMessage("Choose at least one scope: a key without scopes cannot call anything.");
        RuleForEach(r => r.Scopes).Must(s => s is not null && ApiScopes.IsKnown(s))
            .WithMessage((_, s) => $"Unknown scope \"{s}\". Scopes are: {string.Join(", ", ApiScopes.All)}.");
    }
}

/// <summary>
/// A member's API keys. Session-only (see <see cref="ApiScopes.SessionOnly"/>): a leaked key must not be able to
/// mint more keys or revoke the member's others.
/// </summary>
public static class ApiKeyEndpoints
{
    public const int MaxActiveKeysPerUser = 25;

    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/me/api-keys").WithTags("Integrations").RequireAuthorization();
        keys.MapGet("/", ListMyApiKeys).WithName("ListMyApiKeys")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        // Not under Idempotency-Key: a stored response would keep the new key in clear in the database for a day.
        keys.MapPost("/", CreateApiKey).WithName("CreateApiKey").WithValidation<CreateApiKeyRequest>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        keys.MapDelete("/{id:guid}", RevokeApiKey).WithName("RevokeApiKey")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private sealed record KeyRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Prefix { get; init; } = "";
        public string[] Scopes { get; init; } = [];
        public DateTime CreatedAt { get; init; }
        public DateTime? LastUsedAt { get; init; }
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    [EndpointSummary("List my API keys")]
    [EndpointDescription("Your API keys: prefix, name, scopes, when created and last used, and whether revoked. The full key is never shown again after creation.")]
    private static async Task<Ok<ApiKeyList>> ListMyApiKeys(HttpContext http, NpgsqlDataSource dataSource)
    {
        const string sql = """
            select id, name, prefix, scopes, created_at, last_used_at
            from api_keys
            where user_id = @userId and revoked_at is null
            order by created_at desc, id desc
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await connection.QueryAsync<KeyRow>(sql, new { userId = http.User.UserId() });
        return TypedResults.Ok(new ApiKeyList(rows.Select(r => new ApiKeySummary(r.Id, r.Name, r.Prefix, r.Scopes,
            Utc(r.CreatedAt), r.LastUsedAt is { } used ? Utc(used) : null)).ToList()));
    }

    [EndpointSummary("Create an API key")]
    [EndpointDescription("Creates a key (mcp_ + 32 characters + a 6-character checksum) with the chosen scopes, which your role must allow. The full key is in this answer only; only its SHA-256 hash is kept. Use it as Authorization: Bearer <key>. Signed-in sessions only: a key cannot create keys.")]
    private static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateApiKey(
        CreateApiKeyRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        // Granting a scope the owner's role cannot use would only make a key that fails later: refuse it now.
        var scopes = ApiScopes.All.Where(s => request.Scopes.Contains(s, StringComparer.Ordinal)).ToArray();
        var missing = scopes.Where(s => ApiScopes.RoleNeeded(s) is { } role && !http.User.IsInRole(role)).ToArray();
        if (missing.Length > 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Scope not available to your account",
                detail: $"{string.Join(" and ", missing)} {(missing.Length == 1 ? "needs" : "need")} the contributor role, which your account does not have. Choose other scopes, or apply to contribute first.");

        var userId = http.User.UserId();
        var id = Guid.CreateVersion7();
        var key = ApiKeyFormat.Generate();
        var name = request.Name.Trim();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        // The owner's row serialises their concurrent creates, so the limit holds under a burst.
        await connection.ExecuteAsync("select 1 from users where id = @userId for no key update", new { userId }, tx);
        const string countSql = "select count(*)::int from api_keys where user_id = @userId and revoked_at is null";
        if (await connection.ExecuteScalarAsync<int>(countSql, new { userId }, tx) >= MaxActiveKeysPerUser)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many API keys",
                detail: $"You can have up to {MaxActiveKeysPerUser} active API keys. Revoke one you no longer use, then create this one.");

        const string insertSql = """
            insert into api_keys (id, user_id, name, prefix, key_hash, scopes)
            values (@id, @userId, @name, @prefix, @hash, @scopes)
            returning created_at
            """;
        var createdAt = await connection.ExecuteScalarAsync<DateTime>(insertSql,
            new { id, userId, name, prefix = ApiKeyFormat.Prefix(key), hash = ApiKeyFormat.Hash(key), scopes }, tx);
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.Created($"/api/v1/me/api-keys/{id}",
            new CreatedApiKey(id, name, ApiKeyFormat.Prefix(key), scopes, Utc(createdAt), key));
    }

    [EndpointSummary("Revoke an API key")]
    [EndpointDescription("Revokes one of your keys at once, on every node: requests with it get 401 from then on. Someone else's key id answers 404.")]
    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeApiKey(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        // Revoking twice is harmless; the first revocation time stays.
        const string sql = "update api_keys set revoked_at = coalesce(revoked_at, now()) where id = @id and user_id = @userId";
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var changed = await connection.ExecuteAsync(sql, new { id, userId = http.User.UserId() });
        return changed == 0
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API key",
                detail: "You have no API key with this id.")
            : TypedResults.NoContent();
    }
}
