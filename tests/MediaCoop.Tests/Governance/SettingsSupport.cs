using Dapper;
using MediaCoop.Api.Governance;
using Npgsql;

namespace MediaCoop.Tests.Governance;

/// <summary>
/// Settings are guarded in the database (migration 32): tests that change them go through SettingsChanges like the app,
/// or record a change by hand when they test the table's own checks.
/// </summary>
public static class SettingsSupport
{
    /// <summary>Applies <paramref name="change"/> as <paramref name="adminId"/> with a reason, committed.</summary>
    public static async Task<Guid> ApplyAsAdminAsync(string connectionString, Guid adminId, SettingsChange change, string reason = "Test arrangement")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var id = await SettingsChanges.ApplyAsync(connection, tx, change, SettingsAuthority.Admin(adminId, reason));
        await tx.CommitAsync();
        SettingsChanges.ForgetCachedSettings();
        return id;
    }

    /// <summary>Records an admin change in <paramref name="tx"/> and names it, so raw writes to the settings pass the guard (not its checks).</summary>
    public static async Task AllowRawSettingsWritesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid adminId)
    {
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync("""
            insert into settings_changes (id, admin_user_id, reason, changes)
            values (@id, @adminId, 'Test of the table''s own checks', '[{"setting": "test", "from": null, "to": null}]')
            """, new { id, adminId }, tx);
        await connection.ExecuteAsync("select set_config('mediacoop.settings_change', @id, true)", new { id = id.ToString() }, tx);
    }
}
