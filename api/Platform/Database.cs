using System.Data;
using Dapper;
using Npgsql;

namespace MediaCoop.Api.Platform;

public static class Database
{
    /// <summary>
    /// The connection string comes from <c>ConnectionStrings:Default</c>, or from a
    /// <c>DATABASE_URL</c> of the form postgres://user:pass@host:port/db (what most hosts hand out).
    /// It is read when the data source is first resolved, not at registration, so that tests and
    /// the OpenAPI generator can build the app without a database.
    /// </summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var builder = new NpgsqlDataSourceBuilder(ConnectionString(configuration));
            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var url = configuration["DATABASE_URL"];
        if (!string.IsNullOrWhiteSpace(url)) return FromUrl(url);
        throw new InvalidOperationException(
            "No database configured: set ConnectionStrings__Default (an Npgsql connection string) or DATABASE_URL (postgres://user:pass@host:port/db).");
    }

    internal static string FromUrl(string url)
    {
        var uri = new Uri(url);
        if (uri.Scheme is not ("postgres" or "postgresql"))
            throw new InvalidOperationException($"DATABASE_URL must start with postgres:// (got {uri.Scheme}://).");
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(userInfo[0]),
        };
        if (userInfo.Length > 1) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv[0] == "sslmode" && kv.Length == 2 && Enum.TryParse<SslMode>(kv[1], ignoreCase: true, out var mode))
                builder.SslMode = mode;
        }
        return builder.ConnectionString;
    }

    public static async Task<NpgsqlTransaction> BeginSerializableAsync(this NpgsqlConnection connection) =>
        await connection.BeginTransactionAsync(IsolationLevel.Serializable);
}
