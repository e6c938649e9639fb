using System.Buffers.Binary;
using System.Net;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Tests.Members;

public sealed class PasswordStorageTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    /// <summary>Identity v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), ...</summary>
    private static (uint Prf, int Iterations) ReadHashHeader(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.That(bytes[0], Is.EqualTo(0x01), "Identity v3 format");
        return (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
    }

    private static async Task<string> StoredHashAsync(string email)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<string>("select password_hash from users where email = @email", new { email }) ?? "";
    }

    [Test]
    public async Task Passwords_are_stored_as_pbkdf2_sha512_with_at_least_220000_iterations()
    {
        using var client = Api.NewClient();
        var email = ApiClient.UniqueEmail();
        await client.RegisterAsync(email);
        var hash = await StoredHashAsync(email);
        Assert.That(hash, Does.Not.Contain(ApiClient.StrongPassword));
        var (prf, iterations) = ReadHashHeader(hash);
        Assert.Multiple(() =>
        {
            Assert.That(prf, Is.EqualTo(2u), "KeyDerivationPrf.HMACSHA512");
            Assert.That(iterations, Is.GreaterThanOrEqualTo(220_000));
        });
    }

    [Test]
    public async Task An_older_weaker_hash_is_upgraded_when_its_owner_signs_in()
    {
        using var client = Api.NewClient();
        var email = ApiClient.UniqueEmail();
        await client.RegisterAsync(email);
        await client.LogoutAsync();

        var weak = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }))
            .HashPassword(new object(), ApiClient.StrongPassword);
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("update users set password_hash = @weak where email = @email", new { weak, email });

        Assert.That((await client.LoginAsync(email)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ReadHashHeader(await StoredHashAsync(email)).Iterations, Is.GreaterThanOrEqualTo(220_000));
        await client.LogoutAsync();
        Assert.That((await client.LoginAsync(email)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the upgraded hash still verifies");
    }
}
