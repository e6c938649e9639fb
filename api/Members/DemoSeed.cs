using Dapper;
using MediaCoop.Api.Licensing;
using MediaCoop.Api.Platform;
using Npgsql;

namespace MediaCoop.Api.Members;

/// <summary>
/// Demo accounts for local runs (<c>make run</c>): created once with random passwords, which are
/// printed and kept in a git-ignored file so a newcomer can find them again.
/// </summary>
internal static class DemoSeed
{
    private sealed record DemoUser(string Email, string DisplayName, string[] Roles, string? MemberClass);

    private static readonly DemoUser[] Users =
    [
        new("admin@demo.mediacoop.test", "Ada Admin", [Roles.Admin], "founder"),
        new("editor@demo.mediacoop.test", "Eli Editor", [Roles.Editor], "worker"),
        new("ana@demo.mediacoop.test", "Ana Okafor", [Roles.Contributor], "contributor"),
        new("ben@demo.mediacoop.test", "Ben Lindqvist", [Roles.Contributor], "contributor"),
        new("buyer@demo.mediacoop.test", "Bea Buyer", [], null),
    ];

    public static async Task RunAsync(WebApplication app)
    {
        var file = Path.GetFullPath(app.Configuration["Demo:CredentialsFile"] ?? Path.Combine(".data", "demo-accounts.txt"));
        var accounts = app.Services.GetRequiredService<Accounts>();
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var lines = new List<string>();
        foreach (var user in Users)
        {
            var password = MaintenanceCommands.GeneratePassword();
            var created = await accounts.CreateAsync(user.Email, password, user.DisplayName, user.Roles);
            if (created is null) continue;
            if (user.MemberClass is not null)
            {
                const string sql = "insert into memberships (id, user_id, member_class) values (@id, @userId, @memberClass)";
                await using var connection = await dataSource.OpenConnectionAsync();
                await connection.ExecuteAsync(sql, new { id = Guid.CreateVersion7(), userId = created.Id, memberClass = user.MemberClass });
            }
            lines.Add($"{string.Join(",", user.Roles.DefaultIfEmpty(Roles.Buyer)),-12} {user.Email,-30} {password}");
        }

        await SeedCatalogAsync(app, dataSource);

        if (lines.Count > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.AppendAllLinesAsync(file, lines);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Console.WriteLine("Demo accounts created (role, email, password):");
            foreach (var line in lines) Console.WriteLine("  " + line);
            Console.WriteLine($"They are also kept in {file}.");
        }
        else if (File.Exists(file))
        {
            Console.WriteLine($"Demo accounts already exist; their passwords are in {file}:");
            foreach (var line in await File.ReadAllLinesAsync(file)) Console.WriteLine("  " + line);
        }
    }

    private static async Task SeedCatalogAsync(WebApplication app, NpgsqlDataSource dataSource)
    {
        const string sql = "select email, id from users where email = any(@emails::citext[])";
        await using var connection = await dataSource.OpenConnectionAsync();
        var ids = (await connection.QueryAsync<(string Email, Guid Id)>(sql,
                new { emails = Users.Select(u => u.Email).ToArray() }))
            .ToDictionary(r => r.Email.Split('@')[0], r => r.Id);
        await DemoCatalog.RunAsync(app, ids, ids["editor"]);
        if (ids.TryGetValue("buyer", out var buyer)) await DemoPurchase.RunAsync(app, buyer);
        await Governance.SettingsDemo.RunAsync(dataSource, ids, app.Services.GetRequiredService<TimeProvider>());
        await Governance.DemoGovernance.RunAsync(app, ids);
    }
}
