using Npgsql;
using Testcontainers.PostgreSql;

namespace MediaCoop.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL database per test run. The server comes from MEDIACOOP_TEST_DB (the test script
/// starts a private cluster and sets it), else from Testcontainers where a Docker engine exists.
/// Without either the run fails: a database test that skips proves nothing.
/// </summary>
public static class TestDatabase
{
    private static PostgreSqlContainer? container;
    private static string? serverConnectionString;

    public static string ConnectionString { get; private set; } = "";

    public static async Task CreateRunDatabaseAsync()
    {
        serverConnectionString = Environment.GetEnvironmentVariable("MEDIACOOP_TEST_DB");
        if (string.IsNullOrWhiteSpace(serverConnectionString))
        {
            try
            {
                container = new PostgreSqlBuilder("postgres:16-alpine").Build();
                await container.StartAsync();
                serverConnectionString = container.GetConnectionString();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new InvalidOperationException(
                    "No test database: set MEDIACOOP_TEST_DB to a PostgreSQL server connection string " +
                    "(make test starts a private cluster and sets it), or run where a Docker engine is available.", ex);
            }
        }
        ConnectionString = await CreateFreshDatabaseAsync("run");
    }

    /// <summary>An empty database (extensions come from template1) with a unique name.</summary>
    public static async Task<string> CreateFreshDatabaseAsync(string purpose)
    {
        var name = $"mediacoop_test_{purpose}_{Guid.NewGuid():N}"[..40];
        await using (var admin = new NpgsqlConnection(serverConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(serverConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public static async Task DropRunDatabaseAsync()
    {
        await ApiFactory.DisposeSharedAsync();
        if (ConnectionString.Length > 0) await DropDatabaseAsync(ConnectionString);
        if (container is not null) await container.DisposeAsync();
    }
}
