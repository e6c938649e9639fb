using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Hangfire;
using MediaCoop.Api.Platform;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Npgsql;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MediaCoop.Api.Integrations;

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";
    /// <summary>How long a stored response is replayed for its key.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
    /// <summary>
    /// A claim whose request never finished (its node died mid-request) may be taken over by a retry after this long.
    /// Longer than any request runs, so a slow first request is never run twice.
    /// </summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>When the recurring job deletes expired records; empty = never.</summary>
    public string PurgeCron { get; set; } = "23 * * * *";
}

/// <summary>
/// <c>Idempotency-Key</c> on creating and money-moving POSTs, the way Stripe does it: the first response to a key is
/// stored for 24 hours per caller (user) and replayed with <c>Idempotent-Replayed: true</c>; the same key with another
/// method, path or body is refused (422); while the first request runs, others with its key get 409 with
/// <c>Retry-After: 1</c> rather than waiting, so no request holds a connection or a lock for another's duration.
/// Only responses under 500 are stored: after a server error the client may retry with the same key. Requests that
/// fail validation never reach the filter (it runs after the validator), so a corrected body can reuse the key.
/// POST /api/v1/orders keeps its own, older idempotency (<see cref="Licensing.LicenseSale"/>) and is not wrapped.
/// For handlers that return a result (JSON bodies or none): the request is fingerprinted from the bound arguments,
/// so a multipart endpoint that reads its form itself would look the same whatever file it gets, and must not use it.
/// </summary>
public static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section)
            .Validate(o => o.Retention > TimeSpan.Zero && o.AbandonedAfter > TimeSpan.Zero, "Idempotency: Retention and AbandonedAfter must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<IdempotencyPurgeJob>();
        services.ConfigureSwaggerGen(options => options.OperationFilter<IdempotencyDocumentation>());
        return services;
    }

    /// <summary>Put after <c>WithValidation</c>: filters run in the order added, and invalid bodies are not worth storing.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder)
    {
        builder.AddEndpointFilter<IdempotencyFilter>().WithMetadata(IdempotentOperation.Instance);
        // Last, so a route's own 400 (validation problems) or 409 keeps its documentation.
        builder.Finally(endpoint =>
        {
            foreach (var status in (int[])[StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity])
                ProblemResponses.AddIfAbsent(endpoint, status);
        });
        return builder;
    }

    public static WebApplication ScheduleIdempotencyPurge(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<IdempotencyOptions>>().Value;
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrRemove<IdempotencyPurgeJob>(IdempotencyPurgeJob.JobId, j => j.RunAsync(CancellationToken.None), options.PurgeCron);
        return app;
    }

    /// <summary>1 to 255 printable ASCII characters (a UUID is the usual choice).</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= ' ' and <= '~');

    internal sealed class IdempotentOperation
    {
        public static readonly IdempotentOperation Instance = new();
    }
}

internal sealed class IdempotencyFilter(
    NpgsqlDataSource dataSource, IOptions<IdempotencyOptions> options, TimeProvider time,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IServiceProviderIsService services) : IEndpointFilter
{
    private sealed record RecordRow
    {
        public string Method { get; init; } = "";
        public string Path { get; init; } = "";
        public byte[] RequestHash { get; init; } = [];
        public int? StatusCode { get; init; }
        public string? ContentType { get; init; }
        public string? Location { get; init; }
        public byte[]? Body { get; init; }
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Idempotency.HeaderName, out var values)) return await next(context);
        if (values.Count != 1 || !Idempotency.IsValidKey(values[0]))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Idempotency-Key",
                detail: $"Send one {Idempotency.HeaderName} header of 1 to {Idempotency.MaxKeyLength} printable ASCII characters (e.g. a new UUID per operation), and the same one when retrying it.");
        // The route's authorization has already run: an anonymous caller here is one the route lets in, with no one to scope a key to.
        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } user || !Guid.TryParse(user, out var userId))
            return await next(context);

        var key = values[0]!;
        var method = http.Request.Method;
        var path = (http.Request.PathBase + http.Request.Path + http.Request.QueryString).ToString();
        var hash = Fingerprint(context);
        var claimId = Guid.CreateVersion7();

        // A record can vanish between the failed claim and the read (its request failed with a 5xx); then claim again.
        for (var attempt = 0; !await TryClaimAsync(userId, key, claimId, method, path, hash, http.RequestAborted); attempt++)
        {
            var existing = await LoadAsync(userId, key, http.RequestAborted);
            if (existing is null)
            {
                if (attempt < 2) continue;
                return InProgress(http);
            }
            if (existing.Method != method || existing.Path != path || !CryptographicOperations.FixedTimeEquals(existing.RequestHash, hash))
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused for a different request",
                    detail: $"This {Idempotency.HeaderName} was first sent with {existing.Method} {existing.Path} and a different body. " +
                            "Send a new key for a new request, or repeat the first request exactly to get its response.");
            if (existing.StatusCode is not { } status) return InProgress(http);
            return new StoredResponse(status, existing.ContentType, existing.Location, existing.Body ?? [], Replayed: true);
        }

        StoredResponse response;
        try
        {
            response = await CaptureAsync(http, await next(context));
        }
        catch (Exception)
        {
            // Nothing to replay: the client may retry with the same key.
            await ReleaseAsync(userId, key, claimId);
            throw;
        }
        if (response.Status >= StatusCodes.Status500InternalServerError) await ReleaseAsync(userId, key, claimId);
        else await CompleteAsync(userId, key, claimId, response);
        return response;
    }

    private static ProblemHttpResultWithRetry InProgress(HttpContext http)
    {
        Auth.SetRetryAfter(http, TimeSpan.FromSeconds(1));
        return new(TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Request in progress",
            detail: $"A request with this {Idempotency.HeaderName} is still being processed. Retry in a second to get its response."));
    }

    /// <summary>A problem whose Retry-After header is already set on the response.</summary>
    private sealed record ProblemHttpResultWithRetry(IResult Problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => Problem.ExecuteAsync(httpContext);
    }

    /// <summary>
    /// The request's arguments as the handler received them (route values and the parsed body; services and the
    /// HttpContext left out), so a body that differs only in spacing or property order is the same request.
    /// </summary>
    private byte[] Fingerprint(EndpointFilterInvocationContext context)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var argument in context.Arguments)
        {
            if (argument is HttpContext or HttpRequest or HttpResponse or ClaimsPrincipal or CancellationToken) continue;
            if (argument is not null && services.IsService(argument.GetType())) continue;
            hash.AppendData(argument is null ? "null"u8 : JsonSerializer.SerializeToUtf8Bytes(argument, argument.GetType(), json.Value.SerializerOptions));
            hash.AppendData("\n"u8);
        }
        return hash.GetHashAndReset();
    }

    private async Task<bool> TryClaimAsync(Guid userId, string key, Guid claimId, string method, string path, byte[] hash, CancellationToken ct)
    {
        // An expired record, or a claim abandoned by a node that died, is taken over in the same statement.
        const string sql = """
            insert into idempotency_records (user_id, key, claim_id, method, path, request_hash, created_at, expires_at)
            values (@userId, @key, @claimId, @method, @path, @hash, @now, @expiresAt)
            on conflict (user_id, key) do update
                set claim_id = excluded.claim_id, method = excluded.method, path = excluded.path, request_hash = excluded.request_hash,
                    status_code = null, content_type = null, location = null, body = null,
                    created_at = excluded.created_at, completed_at = null, expires_at = excluded.expires_at
                where idempotency_records.expires_at <= @now
                   or (idempotency_records.status_code is null and idempotency_records.created_at <= @abandonedBefore)
            returning 1
            """;
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var claimed = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(sql, new
        {
            userId, key, claimId, method, path, hash, now, expiresAt = now + options.Value.Retention,
            abandonedBefore = now - options.Value.AbandonedAfter,
        }, cancellationToken: ct));
        return claimed is not null;
    }

    private async Task<RecordRow?> LoadAsync(Guid userId, string key, CancellationToken ct)
    {
        const string sql = """
            select method, path, request_hash, status_code, content_type, location, body
            from idempotency_records where user_id = @userId and key = @key and expires_at > @now
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<RecordRow>(new CommandDefinition(sql, new { userId, key, now = time.GetUtcNow() }, cancellationToken: ct));
    }

    // Storing and releasing ignore the request's cancellation: a client that hung up must not leave the key claimed.
    private async Task CompleteAsync(Guid userId, string key, Guid claimId, StoredResponse response)
    {
        const string sql = """
            update idempotency_records
            set status_code = @status, content_type = @contentType, location = @location, body = @body, completed_at = @now
            where user_id = @userId and key = @key and claim_id = @claimId
            """;
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, new
        {
            userId, key, claimId, status = response.Status, contentType = response.ContentType, location = response.Location,
            body = response.Body, now = time.GetUtcNow(),
        });
    }

    private async Task ReleaseAsync(Guid userId, string key, Guid claimId)
    {
        const string sql = "delete from idempotency_records where user_id = @userId and key = @key and claim_id = @claimId";
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, new { userId, key, claimId });
    }

    /// <summary>Runs the handler's result into memory, so the bytes the client gets are exactly the bytes stored.</summary>
    private static async Task<StoredResponse> CaptureAsync(HttpContext http, object? result)
    {
        var executable = result switch
        {
            IResult r => r,
            null => Results.Empty,
            string text => TypedResults.Text(text),
            _ => Results.Json(result),
        };
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await executable.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        return new StoredResponse(http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            buffer.ToArray(), Replayed: false);
    }
}

/// <summary>A response as first sent: status, Content-Type, Location and body bytes.</summary>
internal sealed record StoredResponse(int Status, string? ContentType, string? Location, byte[] Body, bool Replayed) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        if (ContentType is not null) response.ContentType = ContentType;
        if (Location is not null) response.Headers.Location = Location;
        if (Replayed) response.Headers[Idempotency.ReplayedHeader] = "true";
        if (Body.Length > 0) await response.Body.WriteAsync(Body, httpContext.RequestAborted);
    }
}

/// <summary>Deletes records past their 24 hours (a claim over an expired record also replaces it).</summary>
public sealed class IdempotencyPurgeJob(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string JobId = "idempotency-purge";

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        const string sql = "delete from idempotency_records where expires_at <= @now";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { now = time.GetUtcNow() }, cancellationToken: ct));
    }
}

/// <summary>Documents the header, the replay marker and the 409/422 answers on every operation that takes a key.</summary>
internal sealed class IdempotencyDocumentation : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Idempotency.IdempotentOperation>().Any()) return;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Idempotency.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes a retry safe: the first response to this key is stored for 24 hours and replayed (with `Idempotent-Replayed: true`) " +
                          "instead of repeating the operation. 1–255 printable ASCII characters; a new UUID per operation is the usual choice. " +
                          "Keys are per user. Server errors (5xx) are not stored, so the same key may be retried after one.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Idempotency.MaxKeyLength, Pattern = "^[\\x20-\\x7E]+$" },
        });
        if (operation.Responses is null) return;
        foreach (var (code, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete) continue;
            switch (code)
            {
                case "409":
                    concrete.Description = Extend(concrete.Description,
                        "a request with the same Idempotency-Key is still in progress: retry after `Retry-After` seconds to get its response");
                    break;
                case "422":
                    concrete.Description = Extend(concrete.Description,
                        "the Idempotency-Key was already used with a different method, path or body");
                    break;
                case ['2', _, _]:
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    concrete.Headers[Idempotency.ReplayedHeader] = new OpenApiHeader
                    {
                        Description = "`true` when this is the stored response to an earlier request with the same Idempotency-Key.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("true")] },
                    };
                    break;
            }
        }
    }

    /// <summary>The route's own meaning of the status stays; the idempotency one is added to it.</summary>
    private static string Extend(string? existing, string text) =>
        string.IsNullOrEmpty(existing) ? char.ToUpperInvariant(text[0]) + text[1..] + "." : $"{existing}; also when {text}.";
}
