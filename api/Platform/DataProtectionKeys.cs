using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Platform;

/// <summary>
/// Data-protection keys (which sign session and antiforgery cookies) are kept in PostgreSQL so that
/// every API node reads and writes the same key ring: a cookie issued by one node is valid on all.
/// </summary>
public static class DataProtectionKeys
{
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("MediaCoop");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));
        return services;
    }

    private sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
    {
        // IXmlRepository is synchronous by contract; it is called rarely (key ring refresh, about daily).
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            const string sql = "select xml from data_protection_keys order by created_at";
            using var connection = dataSource.OpenConnection();
            return connection.Query<string>(sql).Select(XElement.Parse).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            const string sql = """
                insert into data_protection_keys (friendly_name, xml) values (@friendlyName, @xml)
                on conflict (friendly_name) do nothing
                """;
            using var connection = dataSource.OpenConnection();
            connection.Execute(sql, new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
        }
    }
}
