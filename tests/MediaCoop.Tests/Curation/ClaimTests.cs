using System.Net;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;

namespace MediaCoop.Tests.Curation;

/// <summary>Claims are about the whole queue, so they are checked on a database of their own.</summary>
public sealed class ClaimTests
{
    [Test]
    public async Task Editors_claim_disjoint_batches_oldest_first_and_others_cannot_decide_what_is_claimed()
    {
        var connectionString = await TestDatabase.CreateFreshDatabaseAsync("claims");
        try
        {
            await using var api = new ApiFactory(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString });
            var (_, owner) = await Users.SignedInOnAsync(api, connectionString, "contributor");
            var (alice, _) = await Users.SignedInOnAsync(api, connectionString, "editor");
            var (bob, _) = await Users.SignedInOnAsync(api, connectionString, "editor");
            var ids = new List<Guid>();
            for (var i = 0; i < 5; i++)
                ids.Add(await ReviewTests.SubmittedAssetAsync(connectionString, owner.Id, DateTime.UtcNow.AddHours(-10 + i)));

            var first = await (await alice.PostAsync("/api/v1/review/claims", new { count = 2 })).JsonAsync(HttpStatusCode.OK);
            Assert.That(first["assetIds"]!.AsArray().Select(x => x!.GetValue<Guid>()), Is.EqualTo(ids.Take(2)), "the two oldest");
            var second = await (await bob.PostAsync("/api/v1/review/claims", new { count = 2 })).JsonAsync(HttpStatusCode.OK);
            Assert.That(second["assetIds"]!.AsArray().Select(x => x!.GetValue<Guid>()), Is.EqualTo(ids.Skip(2).Take(2)), "the next two, not Alice's");

            var bobsQueue = await (await bob.GetAsync("/api/v1/review/queue")).JsonAsync(HttpStatusCode.OK);
            Assert.That(bobsQueue["items"]!.AsArray().Select(x => x!["assetId"]!.GetValue<Guid>()), Is.EqualTo(ids.Skip(2)), "Alice's claims are hidden from Bob");
            Assert.That(bobsQueue["items"]![0]!["claimedByYou"]!.GetValue<bool>(), Is.True);

            await (await bob.PostAsync($"/api/v1/review/assets/{ids[0]}/decision", new { outcome = "publish" })).ProblemAsync(HttpStatusCode.Conflict);
            await (await alice.PostAsync($"/api/v1/review/assets/{ids[0]}/decision", new { outcome = "publish" })).JsonAsync(HttpStatusCode.OK);
            await (await bob.PostAsync("/api/v1/review/claims", new { count = 0 })).ProblemAsync(HttpStatusCode.BadRequest);
        }
        finally
        {
            await TestDatabase.DropDatabaseAsync(connectionString);
        }
    }
}
