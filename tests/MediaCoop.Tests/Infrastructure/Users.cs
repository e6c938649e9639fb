using Dapper;
using Npgsql;

namespace MediaCoop.Tests.Infrastructure;

/// <summary>Arranges accounts for tests. Roles are granted straight in the database: that is set-up, not the behaviour under test.</summary>
public static class Users
{
    public static Task<(ApiClient Client, Me Me)> SignedInAsync(ApiFactory factory, params string[] roles) =>
        SignedInOnAsync(factory, TestDatabase.ConnectionString, roles);

    /// <summary>For hosts on a database of their own: roles are granted in that database.</summary>
    public static async Task<(ApiClient Client, Me Me)> SignedInOnAsync(ApiFactory factory, string connectionString, params string[] roles)
    {
        var client = factory.NewClient();
        var email = ApiClient.UniqueEmail(roles.FirstOrDefault() ?? "buyer");
        var registered = await client.RegisterAsync(email);
        Assert.That(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var me = await client.MeAsync();
        if (roles.Length > 0)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            foreach (var role in roles)
                await connection.ExecuteAsync("insert into user_roles (user_id, role) values (@id, @role) on conflict do nothing", new { id = me.Id, role });
            me = await client.MeAsync();
        }
        return (client, me);
    }
}
