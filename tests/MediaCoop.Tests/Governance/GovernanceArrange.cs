using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Api.Governance;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaCoop.Tests.Governance;

/// <summary>Arranges members and proposals for the governance tests. Memberships and the end of a voting window are set-up, written straight in the tables.</summary>
public static class GovernanceArrange
{
    /// <summary>A signed-in person holding a current membership of <paramref name="memberClass"/> (null: no membership).</summary>
    public static async Task<(ApiClient Client, Me Me)> MemberAsync(ApiFactory api, string connectionString, string? memberClass = "contributor",
        params string[] roles)
    {
        var (client, me) = await Users.SignedInOnAsync(api, connectionString, roles);
        if (memberClass is not null)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.ExecuteAsync("insert into memberships (id, user_id, member_class, joined_at) values (@id, @userId, @memberClass, now() - interval '1 day')",
                new { id = Guid.CreateVersion7(), userId = me.Id, memberClass });
        }
        return (client, me);
    }

    public static object Draft(string? title = null, string kind = "ordinary", int quorumBp = 0, string[]? classes = null, bool secret = true,
        object? settingsChange = null, string[]? options = null, Guid[]? candidateIds = null, int? seats = null, string body = "Why we should.") => new
    {
        title = title ?? "Proposal " + Guid.NewGuid().ToString("N")[..8], body, kind, quorumBp, eligibleClasses = classes ?? ["contributor"],
        secretBallot = secret, settingsChange, options, candidateIds, seats,
    };

    public static async Task<JsonObject> DraftAsync(this ApiClient author, object draft) =>
        await (await author.PostAsync("/api/v1/proposals", draft)).JsonAsync(HttpStatusCode.Created);

    /// <summary>Opens the draft for ten minutes (the test ends the window itself with <see cref="EndVotingAsync"/>, long before the scheduled close).</summary>
    public static async Task<JsonObject> OpenAsync(this ApiClient board, Guid id, TimeSpan? window = null) =>
        await (await board.PostAsync($"/api/v1/proposals/{id}/open", new { closesAt = DateTimeOffset.UtcNow + (window ?? TimeSpan.FromMinutes(10)) }))
            .JsonAsync(HttpStatusCode.OK);

    public static async Task<(Guid Id, JsonObject Proposal)> OpenedAsync(ApiClient author, ApiClient board, object draft)
    {
        var id = (await author.DraftAsync(draft))["id"]!.GetValue<Guid>();
        return (id, await board.OpenAsync(id));
    }

    public static Guid OptionId(this JsonObject proposal, string role) =>
        proposal["options"]!.AsArray().First(o => o!["role"]!.GetValue<string>() == role)!["id"]!.GetValue<Guid>();

    public static Guid CandidateOption(this JsonObject proposal, Guid userId) =>
        proposal["options"]!.AsArray().First(o => o!["candidate"]?["id"]?.GetValue<Guid>() == userId)!["id"]!.GetValue<Guid>();

    public static Task<HttpResponseMessage> VoteAsync(this ApiClient voter, Guid proposalId, params Guid[] optionIds) =>
        voter.PutAsync($"/api/v1/proposals/{proposalId}/votes/me", new { optionIds });

    public static async Task VotedAsync(this ApiClient voter, Guid proposalId, params Guid[] optionIds) =>
        await (await voter.VoteAsync(proposalId, optionIds)).JsonAsync(HttpStatusCode.OK);

    /// <summary>Moves the voting window into the past: the same as waiting for it to end.</summary>
    public static async Task EndVotingAsync(string connectionString, Guid id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            update proposals set opens_at = least(opens_at, now() - interval '2 seconds'), closes_at = now() - interval '1 second'
            where id = @id
            """, new { id });
    }

    /// <summary>Runs the close job for the proposal, as its scheduled run would.</summary>
    public static async Task<bool> CloseAsync(ApiFactory api, Guid id)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProposalClosing>().CloseAsync(id, CancellationToken.None);
    }

    public static async Task<JsonObject> ClosedAsync(ApiFactory api, string connectionString, ApiClient reader, Guid id)
    {
        await EndVotingAsync(connectionString, id);
        await CloseAsync(api, id);
        var proposal = await (await reader.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(proposal["status"]!.GetValue<string>(), Is.EqualTo("closed"));
        return proposal;
    }

    public static string Outcome(this JsonObject proposal) => proposal["results"]!["outcome"]!.GetValue<string>();

    public static int Votes(this JsonObject proposal, Guid optionId) =>
        proposal["results"]!["counts"]!.AsArray().Single(c => c!["optionId"]!.GetValue<Guid>() == optionId)!["votes"]!.GetValue<int>();
}
