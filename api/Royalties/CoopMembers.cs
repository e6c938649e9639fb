using Dapper;
using MediaCoop.Api.Platform;
using Npgsql;

namespace MediaCoop.Api.Royalties;

/// <summary>Membership (a share in the co-op) as an access rule: roles say what a person does, membership what they own.</summary>
public static class CoopMembers
{
    public static async Task<bool> IsCurrentMemberAsync(NpgsqlConnection connection, Guid userId)
    {
        const string sql = "select exists (select 1 from memberships where user_id = @userId and ended_at is null)";
        return await connection.ExecuteScalarAsync<bool>(sql, new { userId });
    }

    /// <summary>
    /// Only people holding a current membership (any class) get through; others get 403. Put it on a group that
    /// already requires sign-in, so anonymous callers get 401 first.
    /// </summary>
    public static TBuilder RequireCurrentMember<TBuilder>(this TBuilder builder,
        string detail = "This part of the co-op is open to its members. Apply for membership to take part.") where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var dataSource = http.RequestServices.GetRequiredService<NpgsqlDataSource>();
            await using (var connection = await dataSource.OpenConnectionAsync(http.RequestAborted))
            {
                if (!await IsCurrentMemberAsync(connection, http.User.UserId()))
                    return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Members only",
                        detail: detail);
            }
            return await next(context);
        });

    /// <summary>The co-op's currency: the licence catalogue's (one currency for every price), else USD on an empty install.</summary>
    public static async Task<string> CurrencyAsync(NpgsqlConnection connection)
    {
        const string sql = "select currency from license_options order by sort limit 1";
        return await connection.ExecuteScalarAsync<string?>(sql) ?? "USD";
    }
}
