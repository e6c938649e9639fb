using System.Diagnostics;
using System.Net;
using MediaCoop.Tests.Infrastructure;

namespace MediaCoop.Tests.Members;

/// <summary>The first admin comes from the API binary's own command line, never from a default password.</summary>
public sealed class CreateAdminCommandTests
{
    private static async Task<(int ExitCode, string Output)> RunApiAsync(string arguments, IDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "MediaCoop.Api.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment["ConnectionStrings__Default"] = TestDatabase.ConnectionString;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Test]
    public async Task Create_admin_prints_a_generated_password_that_signs_in_as_admin()
    {
        var email = ApiClient.UniqueEmail("admin");
        var (exit, output) = await RunApiAsync($"--create-admin {email}");
        Assert.That(exit, Is.Zero, output);
        var password = System.Text.RegularExpressions.Regex.Match(output, @"Password \(shown once[^)]*\): (\S+)").Groups[1].Value;
        Assert.That(password, Has.Length.GreaterThanOrEqualTo(20), output);

        using var client = ApiFactory.Shared.NewClient();
        Assert.That((await client.LoginAsync(email, password)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.MeAsync()).Roles, Does.Contain("admin"));
    }

    [Test]
    public async Task Create_admin_refuses_a_weak_password_and_a_bad_email()
    {
        var (exit, output) = await RunApiAsync($"--create-admin {ApiClient.UniqueEmail()}",
            new Dictionary<string, string> { ["MEDIACOOP_ADMIN_PASSWORD"] = "password1234" });
        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("common"));

        (exit, output) = await RunApiAsync("--create-admin not-an-email");
        Assert.That(exit, Is.EqualTo(2), output);
    }
}
