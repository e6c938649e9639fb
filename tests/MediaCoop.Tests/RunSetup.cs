using MediaCoop.Tests.Infrastructure;

namespace MediaCoop.Tests;

/// <summary>Once per run, for every test below this namespace: a fresh database, dropped at the end.</summary>
[SetUpFixture]
public sealed class RunSetup
{
    [OneTimeSetUp]
    public Task CreateDatabase() => TestDatabase.CreateRunDatabaseAsync();

    [OneTimeTearDown]
    public Task DropDatabase() => TestDatabase.DropRunDatabaseAsync();
}
