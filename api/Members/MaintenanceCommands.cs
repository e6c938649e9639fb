using System.Security.Cryptography;
using Dapper;
using MediaCoop.Api.Platform;
using Npgsql;

namespace MediaCoop.Api.Members;

/// <summary>
/// Command-line duties of the API binary: <c>--migrate-only</c> (deploys), <c>--create-admin EMAIL</c>
/// (the first admin; never a default password) and <c>--seed-demo</c> (local runs).
/// </summary>
public static class MaintenanceCommands
{
    /// <summary>Runs the command in <paramref name="args"/>; returns an exit code when the process should stop.</summary>
    public static async Task<int?> RunAsync(WebApplication app, string[] args)
    {
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        if (args.Contains("--migrate-only"))
        {
            migrator.Migrate();
            Console.WriteLine("Migrations applied.");
            return 0;
        }

        var createAdmin = Array.IndexOf(args, "--create-admin");
        if (createAdmin >= 0)
        {
            if (createAdmin + 1 >= args.Length || args[createAdmin + 1].StartsWith("--", StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync("Usage: --create-admin <email>   (password from MEDIACOOP_ADMIN_PASSWORD, or generated and printed once)");
                return 2;
            }
            migrator.Migrate();
            return await CreateAdminAsync(app, args[createAdmin + 1]);
        }

        migrator.Migrate();
        if (args.Contains("--seed-demo")) await DemoSeed.RunAsync(app);
        return null;
    }

    private static async Task<int> CreateAdminAsync(WebApplication app, string email)
    {
        if (!new RegisterRequestValidator().Validate(new RegisterRequest(email, "placeholder-not-checked-here", "Admin"))
                .Errors.All(e => e.PropertyName != nameof(RegisterRequest.Email)))
        {
            await Console.Error.WriteLineAsync($"'{email}' is not a valid email address.");
            return 2;
        }
        var accounts = app.Services.GetRequiredService<Accounts>();
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var password = Environment.GetEnvironmentVariable("MEDIACOOP_ADMIN_PASSWORD");
        if (password is { Length: < PasswordPolicy.MinLength } || (password is not null && PasswordPolicy.IsCommon(password)))
        {
            await Console.Error.WriteLineAsync($"MEDIACOOP_ADMIN_PASSWORD must have at least {PasswordPolicy.MinLength} characters and not be a common password.");
            return 2;
        }
        var generated = password is null;
        password ??= GeneratePassword();

        var created = await accounts.CreateAsync(email, password, "Administrator", [Roles.Admin]);
        if (created is null)
        {
            const string promote = """
                insert into user_roles (user_id, role) select id, 'admin' from users where email = @email::citext on conflict do nothing
                """;
            await using var connection = await dataSource.OpenConnectionAsync();
            await connection.ExecuteAsync(promote, new { email });
            Console.WriteLine($"{email} already had an account; it now holds the admin role (its password is unchanged).");
            return 0;
        }
        Console.WriteLine(generated
            ? $"Admin {email} created. Password (shown once, change it after signing in): {password}"
            : $"Admin {email} created with the password from MEDIACOOP_ADMIN_PASSWORD.");
        return 0;
    }

    internal static string GeneratePassword()
    {
        // 20 characters from an unambiguous alphabet: ~100 bits, easy to copy from a terminal.
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Create(20, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
