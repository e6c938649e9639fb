using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaCoop.Tests.Platform;

public sealed class MigrationTests
{
    [Test]
    public async Task Migrations_build_the_schema_from_an_empty_database_and_rerun_as_a_no_op()
    {
        var connectionString = await TestDatabase.CreateFreshDatabaseAsync("migrate");
        try
        {
            var services = new ServiceCollection()
                .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
                .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString }).Build())
                .AddDatabase()
                .BuildServiceProvider();
            await using var _ = services;
            var migrator = services.GetRequiredService<DatabaseMigrator>();

            Assert.That(await migrator.PendingAsync(CancellationToken.None), Is.Not.Empty);
            migrator.Migrate();
            Assert.That(await migrator.PendingAsync(CancellationToken.None), Is.Empty);
            migrator.Migrate();

            await using var connection = new NpgsqlConnection(connectionString);
            var tables = (await connection.QueryAsync<string>(
                "select table_name from information_schema.tables where table_schema = 'public'")).ToHashSet();
            Assert.That(tables, Is.SupersetOf(new[] { "users", "user_roles", "sessions", "memberships", "sign_in_throttles", "data_protection_keys", "schemaversions" }));
            var extensions = (await connection.QueryAsync<string>("select extname from pg_extension")).ToHashSet();
            Assert.That(extensions, Is.SupersetOf(new[] { "citext", "pg_trgm", "unaccent" }));
            var scripts = await connection.QueryAsync<string>("select scriptname from schemaversions");
            Assert.That(scripts, Is.Unique, "a second run applies nothing twice");
        }
        finally
        {
            await TestDatabase.DropDatabaseAsync(connectionString);
        }
    }

    [Test]
    public void Migration_files_are_dated_and_numbered()
    {
        var files = Directory.GetFiles(Path.Combine(Repo.Root, "api", "Migrations"), "*.sql").Select(Path.GetFileName).ToList();
        Assert.That(files, Is.Not.Empty);
        Assert.That(files, Has.All.Match(@"^\d{4}-\d{2}-\d{2}_\d{2}_[a-z0-9_]+\.sql$"));
    }
}
