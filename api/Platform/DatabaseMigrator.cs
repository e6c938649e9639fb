using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace MediaCoop.Api.Platform;

/// <summary>Runs the embedded <c>Migrations/*.sql</c> scripts in name order, one transaction per script.</summary>
public sealed class DatabaseMigrator(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<DatabaseMigrator> logger)
{
    private static readonly Assembly Scripts = typeof(DatabaseMigrator).Assembly;

    // Any fixed number; several nodes starting at once queue on it instead of racing the same scripts.
    private const long MigrationLockKey = 0x4D65646961436F6F;

    public void Migrate()
    {
        using var lockConnection = dataSource.OpenConnection();
        using (var take = new NpgsqlCommand($"select pg_advisory_lock({MigrationLockKey})", lockConnection))
            take.ExecuteNonQuery();
        try
        {
            Upgrade();
            // The job queue's tables too, under the same lock: Hangfire's own start-up install races when
            // several nodes (or test hosts) start at once.
            using var connection = dataSource.OpenConnection();
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, Jobs.SchemaName);
        }
        finally
        {
            using var release = new NpgsqlCommand($"select pg_advisory_unlock({MigrationLockKey})", lockConnection);
            release.ExecuteNonQuery();
        }
    }

    private void Upgrade()
    {
        var upgrader = DeployChanges.To
            // Not dataSource.ConnectionString: the data source hides the password from it.
            .PostgresqlDatabase(Database.ConnectionString(configuration))
            .WithScriptsEmbeddedInAssembly(Scripts, name => name.Contains(".Migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            // A script that rewrites a large table (the catalogue at a million photos) takes minutes, not the 30 s default.
            .WithExecutionTimeout(TimeSpan.FromMinutes(30))
            .LogTo(new DbUpLogger(logger))
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
    }

    /// <summary>Names of the scripts this build carries that the database has not recorded yet.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct)
    {
        var expected = Scripts.GetManifestResourceNames()
            .Where(n => n.Contains(".Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .ToList();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("select to_regclass('public.schemaversions') is not null", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return expected;
        await using var applied = new NpgsqlCommand("select scriptname from schemaversions", connection);
        var done = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await applied.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) done.Add(reader.GetString(0));
        return expected.Where(n => !done.Contains(n)).ToList();
    }

    /// <summary>DbUp hands over printf-style templates; they are formatted here and logged as one message.</summary>
    private sealed class DbUpLogger(ILogger logger) : IUpgradeLog
    {
        private void Log(LogLevel level, Exception? ex, string format, object[] args)
        {
            if (!logger.IsEnabled(level)) return;
            var message = args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
            logger.Log(level, ex, "{Message}", message);
        }

        public void LogTrace(string format, params object[] args) => Log(LogLevel.Trace, null, format, args);
        public void LogDebug(string format, params object[] args) => Log(LogLevel.Debug, null, format, args);
        public void LogInformation(string format, params object[] args) => Log(LogLevel.Information, null, format, args);
        public void LogWarning(string format, params object[] args) => Log(LogLevel.Warning, null, format, args);
        public void LogError(string format, params object[] args) => Log(LogLevel.Error, null, format, args);
        public void LogError(Exception ex, string format, params object[] args) => Log(LogLevel.Error, ex, format, args);
    }
}
