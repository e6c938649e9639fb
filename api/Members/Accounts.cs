using System.Security.Cryptography;
using Dapper;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Members;

public sealed record Account(Guid Id, string Email, string DisplayName);

public abstract record SignInOutcome
{
    public sealed record Success(Guid UserId) : SignInOutcome;
    public sealed record WrongCredentials : SignInOutcome;
    public sealed record Locked(TimeSpan RetryAfter) : SignInOutcome;
}

/// <summary>
/// Creating accounts and checking passwords. Unknown emails and wrong passwords take the same
/// path (a hash is verified either way) and count towards the same lockout, so neither the
/// answer nor its timing tells which emails have accounts.
/// </summary>
public sealed class Accounts(NpgsqlDataSource dataSource, IOptions<AuthOptions> options)
{
    private readonly AuthOptions auth = options.Value;
    private readonly PasswordHasher<Account> hasher = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = options.Value.PasswordIterations,
    }));
    private readonly Lazy<string> decoyHash = new(() =>
        new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = options.Value.PasswordIterations }))
            .HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    /// <summary>Creates a user with the buyer role; null when the email is taken.</summary>
    public async Task<Account?> CreateAsync(string email, string password, string displayName, IEnumerable<string>? extraRoles = null)
    {
        var account = new Account(Guid.CreateVersion7(), email.Trim(), displayName.Trim());
        var hash = hasher.HashPassword(account, password);
        const string insertUser = """
            insert into users (id, email, display_name, password_hash)
            values (@Id, @Email, @DisplayName, @hash)
            on conflict (email) do nothing
            """;
        const string insertRole = "insert into user_roles (user_id, role) values (@userId, @role) on conflict do nothing";

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var inserted = await connection.ExecuteAsync(insertUser, new { account.Id, account.Email, account.DisplayName, hash }, tx);
        if (inserted == 0) return null;
        foreach (var role in new[] { Roles.Buyer }.Concat(extraRoles ?? []).Distinct())
            await connection.ExecuteAsync(insertRole, new { userId = account.Id, role }, tx);
        await tx.CommitAsync();
        return account;
    }

    private sealed record Credentials
    {
        public Guid Id { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string PasswordHash { get; init; } = "";
    }

    public async Task<SignInOutcome> VerifyAsync(string email, string password, CancellationToken ct)
    {
        email = email.Trim();
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        const string lockedSql = """
            select locked_until - now() from sign_in_throttles where email = @email::citext and locked_until > now()
            """;
        var lockedFor = await connection.QuerySingleOrDefaultAsync<TimeSpan?>(lockedSql, new { email });
        if (lockedFor is { } wait) return new SignInOutcome.Locked(wait);

        const string userSql = "select id, email, display_name, password_hash from users where email = @email::citext";
        var user = await connection.QuerySingleOrDefaultAsync<Credentials>(userSql, new { email });
        var account = user is null ? null : new Account(user.Id, user.Email, user.DisplayName);
        var verdict = hasher.VerifyHashedPassword(account!, user?.PasswordHash ?? decoyHash.Value, password);

        if (user is null || verdict == PasswordVerificationResult.Failed)
            return await RecordFailureAsync(connection, email);

        await connection.ExecuteAsync("delete from sign_in_throttles where email = @email::citext", new { email });
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // An older hash (fewer iterations or an older format) is upgraded while we hold the password.
            const string rehash = "update users set password_hash = @hash, updated_at = now() where id = @id";
            await connection.ExecuteAsync(rehash, new { hash = hasher.HashPassword(account!, password), id = user.Id });
        }
        return new SignInOutcome.Success(user.Id);
    }

    private sealed record FailureRow
    {
        public int FailedCount { get; init; }
        public TimeSpan? LockedFor { get; init; }
    }

    private async Task<SignInOutcome> RecordFailureAsync(NpgsqlConnection connection, string email)
    {
        // One statement, so concurrent failures from several nodes count exactly.
        const string sql = """
            insert into sign_in_throttles as t (email, failed_count, first_failed_at, locked_until)
            values (@email, 1, now(), case when @max <= 1 then now() + @lockout end)
            on conflict (email) do update set
                failed_count    = case when t.first_failed_at < now() - @window then 1 else t.failed_count + 1 end,
                first_failed_at = case when t.first_failed_at < now() - @window then now() else t.first_failed_at end,
                locked_until    = case
                    when (case when t.first_failed_at < now() - @window then 1 else t.failed_count + 1 end) >= @max
                    then now() + @lockout
                    else null end
            returning failed_count, locked_until - now() as locked_for
            """;
        var row = await connection.QuerySingleAsync<FailureRow>(sql,
            new { email, max = auth.MaxFailedSignIns, window = auth.FailureWindow, lockout = auth.Lockout });
        return row.LockedFor is { } wait && wait > TimeSpan.Zero
            ? new SignInOutcome.Locked(wait)
            : new SignInOutcome.WrongCredentials();
    }

    public async Task<Guid> OpenSessionAsync(Guid userId, string? userAgent)
    {
        var id = Guid.CreateVersion7();
        const string sql = """
            insert into sessions (id, user_id, expires_at, user_agent)
            values (@id, @userId, now() + @lifetime, @userAgent)
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { id, userId, lifetime = auth.SessionLifetime, userAgent = userAgent?[..Math.Min(userAgent.Length, 300)] });
        return id;
    }

    public async Task RevokeSessionAsync(Guid sessionId)
    {
        const string sql = "update sessions set revoked_at = now() where id = @sessionId and revoked_at is null";
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { sessionId });
    }

    public async Task<string[]> RolesAsync(Guid userId)
    {
        const string sql = "select role from user_roles where user_id = @userId order by role";
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<string>(sql, new { userId })).ToArray();
    }
}
