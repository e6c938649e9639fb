using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Api.Catalog;
using MediaCoop.Tests.Curation;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;

namespace MediaCoop.Tests.Catalog;

public sealed class LightboxTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    /// <summary>A published asset with (fake) thumbnail and preview renditions, as the catalogue needs to list it.</summary>
    internal static async Task<Guid> PublishedAssetAsync(Guid ownerId)
    {
        var id = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, ownerId, status: "published");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("""
            update assets set blur_placeholder = 'data:image/jpeg;base64,AAAA' where id = @id;
            insert into asset_renditions (asset_id, kind, blob_key, width, height, byte_size) values
                (@id, 'thumbnail', @thumb, 400, 267, 1000),
                (@id, 'preview', @preview, 1600, 1067, 10000);
            """, new { id, thumb = FakeRenditionKey(), preview = FakeRenditionKey() });
        return id;
    }

    private static string FakeRenditionKey() => $"renditions/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}.jpg";

    private static async Task<Guid> CreateAsync(ApiClient client, string name = "Harbour pitch")
    {
        var created = await (await client.PostAsync("/api/v1/lightboxes", new { name })).JsonAsync(HttpStatusCode.Created);
        return created["id"]!.GetValue<Guid>();
    }

    private static async Task AddAsync(ApiClient client, Guid lightbox, Guid asset) =>
        Assert.That((await client.PutAsync($"/api/v1/lightboxes/{lightbox}/assets/{asset}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

    private static async Task<JsonObject> DetailAsync(ApiClient client, Guid lightbox) =>
        await (await client.GetAsync($"/api/v1/lightboxes/{lightbox}")).JsonAsync(HttpStatusCode.OK);

    private static Guid[] ItemIds(JsonNode lightbox) => lightbox["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToArray();

    private static async Task<double> PopularityAsync(Guid asset)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<double>("select popularity from catalog where asset_id = @asset", new { asset });
    }

    private static async Task SetStatusAsync(Guid asset, string status)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("update assets set status = @status where id = @asset", new { asset, status });
    }

    [Test]
    public async Task A_lightbox_lists_its_published_photos_newest_first_with_thumbnails_covers_and_counts()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var first = await PublishedAssetAsync(owner.Id);
        var second = await PublishedAssetAsync(owner.Id);
        var elsewhere = await PublishedAssetAsync(owner.Id);

        var created = await (await buyer.PostAsync("/api/v1/lightboxes", new { name = "  Harbour pitch  " })).JsonAsync(HttpStatusCode.Created);
        Assert.That(created["name"]!.GetValue<string>(), Is.EqualTo("Harbour pitch"));
        Assert.That(created["assetCount"]!.GetValue<int>(), Is.Zero);
        Assert.That(created["shared"]!.GetValue<bool>(), Is.False);
        var id = created["id"]!.GetValue<Guid>();
        await AddAsync(buyer, id, first);
        await AddAsync(buyer, id, second);

        var detail = await DetailAsync(buyer, id);
        Assert.That(ItemIds(detail), Is.EqualTo(new[] { second, first }), "newest added first");
        var item = detail["items"]![0]!;
        Assert.That(item["title"]!.GetValue<string>(), Is.EqualTo("A title"));
        Assert.That(item["width"]!.GetValue<int>(), Is.EqualTo(3000));
        Assert.That(item["contributor"]!["displayName"]!.GetValue<string>(), Is.EqualTo(owner.DisplayName));
        Assert.That(item["contributor"]!["handle"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(item["thumbnail"]!["url"]!.GetValue<string>(), Does.StartWith("/media/renditions/"));
        Assert.That(item["preview"]!["width"]!.GetValue<int>(), Is.EqualTo(1600));
        Assert.That(item["blurPlaceholder"]!.GetValue<string>(), Does.StartWith("data:image/jpeg"));

        var list = await (await buyer.GetAsync($"/api/v1/lightboxes?asset={first}")).JsonAsync(HttpStatusCode.OK);
        var summary = list["items"]!.AsArray().Single()!;
        Assert.That(summary["assetCount"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(summary["covers"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(summary["containsAsset"]!.GetValue<bool>(), Is.True);
        var other = await (await buyer.GetAsync($"/api/v1/lightboxes?asset={elsewhere}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(other["items"]![0]!["containsAsset"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task Covers_are_the_four_most_recent_thumbnails_and_lists_show_the_last_changed_lightbox_first()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var older = await CreateAsync(buyer, "Older");
        var newer = await CreateAsync(buyer, "Newer");
        for (var i = 0; i < 5; i++) await AddAsync(buyer, older, await PublishedAssetAsync(owner.Id));

        var list = await (await buyer.GetAsync("/api/v1/lightboxes")).JsonAsync(HttpStatusCode.OK);
        Assert.That(list["items"]!.AsArray().Select(l => l!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { older, newer }));
        Assert.That(list["items"]![0]!["assetCount"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(list["items"]![0]!["covers"]!.AsArray(), Has.Count.EqualTo(4));
        var detail = await DetailAsync(buyer, older);
        Assert.That(list["items"]![0]!["covers"]!.AsArray().Select(c => c!["url"]!.GetValue<string>()),
            Is.EqualTo(detail["items"]!.AsArray().Take(4).Select(i => i!["thumbnail"]!["url"]!.GetValue<string>())));
    }

    [Test]
    public async Task Owners_rename_remove_photos_and_delete_lightboxes()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var asset = await PublishedAssetAsync(owner.Id);
        var id = await CreateAsync(buyer);
        await AddAsync(buyer, id, asset);

        Assert.That((await buyer.PatchAsync($"/api/v1/lightboxes/{id}", new { name = "Final picks" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await DetailAsync(buyer, id))["name"]!.GetValue<string>(), Is.EqualTo("Final picks"));

        Assert.That((await buyer.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}/assets/{asset}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(ItemIds(await DetailAsync(buyer, id)), Is.Empty);
        Assert.That((await buyer.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}/assets/{asset}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent),
            "removing what is not there is fine");

        Assert.That((await buyer.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await buyer.GetAsync($"/api/v1/lightboxes/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        var list = await (await buyer.GetAsync("/api/v1/lightboxes")).JsonAsync(HttpStatusCode.OK);
        Assert.That(list["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Adding_twice_keeps_one_item_and_raises_popularity_once()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var asset = await PublishedAssetAsync(owner.Id);
        var id = await CreateAsync(buyer);
        Assert.That(await PopularityAsync(asset), Is.Zero);

        await AddAsync(buyer, id, asset);
        var afterFirst = await PopularityAsync(asset);
        // The weight of one add today: 2^(days since 2026-01-01 / 30), a day either way for a run across midnight.
        Assert.That(afterFirst, Is.InRange(Popularity.WeightAt(DateTimeOffset.UtcNow.AddDays(-1)), Popularity.WeightAt(DateTimeOffset.UtcNow.AddDays(1))));

        await AddAsync(buyer, id, asset);
        Assert.That(ItemIds(await DetailAsync(buyer, id)), Is.EqualTo(new[] { asset }));
        Assert.That(await PopularityAsync(asset), Is.EqualTo(afterFirst));

        // Taking it out and putting it back is not a first add either.
        await buyer.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}/assets/{asset}");
        Assert.That(await PopularityAsync(asset), Is.EqualTo(afterFirst), "removing does not subtract");
        await AddAsync(buyer, id, asset);
        Assert.That(ItemIds(await DetailAsync(buyer, id)), Is.EqualTo(new[] { asset }));
        Assert.That(await PopularityAsync(asset), Is.EqualTo(afterFirst));
    }

    [Test]
    public async Task Every_lightbox_a_photo_first_lands_in_adds_to_its_popularity()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var (another, _) = await Users.SignedInAsync(Api, "buyer");
        var popular = await PublishedAssetAsync(owner.Id);
        var quiet = await PublishedAssetAsync(owner.Id);

        await AddAsync(buyer, await CreateAsync(buyer), popular);
        var one = await PopularityAsync(popular);
        await AddAsync(another, await CreateAsync(another), popular);
        await AddAsync(another, await CreateAsync(another), quiet);

        Assert.That(await PopularityAsync(popular), Is.EqualTo(2 * one).Within(one * 0.01));
        Assert.That(await PopularityAsync(popular), Is.GreaterThan(await PopularityAsync(quiet)));
    }

    [Test]
    public async Task One_person_cannot_pump_a_photo_with_throwaway_lightboxes()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var asset = await PublishedAssetAsync(owner.Id);

        await AddAsync(buyer, await CreateAsync(buyer), asset);
        var once = await PopularityAsync(asset);
        for (var i = 0; i < 3; i++)
        {
            var throwaway = await CreateAsync(buyer);
            await AddAsync(buyer, throwaway, asset);
            Assert.That((await buyer.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{throwaway}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }
        Assert.That(await PopularityAsync(asset), Is.EqualTo(once));
    }

    [Test]
    public void The_popularity_weight_doubles_every_30_days_from_2026()
    {
        Assert.That(Popularity.WeightAt(Popularity.Epoch), Is.EqualTo(1));
        Assert.That(Popularity.WeightAt(Popularity.Epoch.AddDays(30)), Is.EqualTo(2).Within(1e-12));
        Assert.That(Popularity.WeightAt(Popularity.Epoch.AddDays(75)), Is.EqualTo(Math.Pow(2, 2.5)).Within(1e-12));
        // A licence shown a month earlier still counts more than one lightbox add today.
        Assert.That(Popularity.Licence * Popularity.WeightAt(Popularity.Epoch.AddDays(300)),
            Is.GreaterThan(Popularity.LightboxAdd * Popularity.WeightAt(Popularity.Epoch.AddDays(330))));
    }

    [Test]
    public async Task Only_published_photos_can_be_added()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var inReview = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id);
        var id = await CreateAsync(buyer);

        var problem = await (await buyer.PutAsync($"/api/v1/lightboxes/{id}/assets/{inReview}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("published"));
        await (await buyer.PutAsync($"/api/v1/lightboxes/{id}/assets/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.That(ItemIds(await DetailAsync(buyer, id)), Is.Empty);
    }

    [Test]
    public async Task A_withdrawn_photo_disappears_from_lightboxes_and_shared_links_and_returns_if_republished()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var kept = await PublishedAssetAsync(owner.Id);
        var withdrawn = await PublishedAssetAsync(owner.Id);
        var id = await CreateAsync(buyer);
        await AddAsync(buyer, id, kept);
        await AddAsync(buyer, id, withdrawn);
        var token = (await (await buyer.PostAsync($"/api/v1/lightboxes/{id}/share")).JsonAsync(HttpStatusCode.OK))["token"]!.GetValue<string>();

        await SetStatusAsync(withdrawn, "declined");

        Assert.That(ItemIds(await DetailAsync(buyer, id)), Is.EqualTo(new[] { kept }));
        var list = await (await buyer.GetAsync($"/api/v1/lightboxes?asset={withdrawn}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(list["items"]![0]!["assetCount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(list["items"]![0]!["containsAsset"]!.GetValue<bool>(), Is.False);
        using var visitor = Api.NewClient();
        var shared = await (await visitor.GetAsync($"/api/v1/lightboxes/shared/{token}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(ItemIds(shared), Is.EqualTo(new[] { kept }));

        await SetStatusAsync(withdrawn, "published");
        Assert.That(ItemIds(await DetailAsync(buyer, id)), Is.EqualTo(new[] { withdrawn, kept }));
    }

    [Test]
    public async Task Nobody_else_may_read_rename_delete_fill_empty_or_share_a_lightbox()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var (stranger, _) = await Users.SignedInAsync(Api, "editor", "admin");
        var inside = await PublishedAssetAsync(owner.Id);
        var other = await PublishedAssetAsync(owner.Id);
        var id = await CreateAsync(buyer, "Private");
        await AddAsync(buyer, id, inside);

        var attempts = new[]
        {
            stranger.GetAsync($"/api/v1/lightboxes/{id}"),
            stranger.PatchAsync($"/api/v1/lightboxes/{id}", new { name = "Mine now" }),
            stranger.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}"),
            stranger.PutAsync($"/api/v1/lightboxes/{id}/assets/{other}"),
            stranger.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}/assets/{inside}"),
            stranger.PostAsync($"/api/v1/lightboxes/{id}/share"),
            stranger.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}/share"),
        };
        foreach (var attempt in attempts)
        {
            var problem = await (await attempt).ProblemAsync(HttpStatusCode.NotFound);
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("no lightbox of yours"), "indistinguishable from a missing one");
        }
        var unknown = await (await stranger.GetAsync($"/api/v1/lightboxes/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.That(unknown["title"]!.GetValue<string>(), Is.EqualTo("No such lightbox"));

        var detail = await DetailAsync(buyer, id);
        Assert.That(detail["name"]!.GetValue<string>(), Is.EqualTo("Private"));
        Assert.That(ItemIds(detail), Is.EqualTo(new[] { inside }));
        Assert.That(detail["shareToken"]?.GetValue<string>(), Is.Null);
        var strangersList = await (await stranger.GetAsync($"/api/v1/lightboxes?asset={inside}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(strangersList["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Anonymous_callers_get_401_on_every_owner_route()
    {
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var id = await CreateAsync(buyer);
        var asset = Guid.NewGuid();
        using var anonymous = Api.NewClient();
        var attempts = new[]
        {
            anonymous.GetAsync("/api/v1/lightboxes"),
            anonymous.PostAsync("/api/v1/lightboxes", new { name = "x" }),
            anonymous.GetAsync($"/api/v1/lightboxes/{id}"),
            anonymous.PatchAsync($"/api/v1/lightboxes/{id}", new { name = "x" }),
            anonymous.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}"),
            anonymous.PutAsync($"/api/v1/lightboxes/{id}/assets/{asset}"),
            anonymous.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}/assets/{asset}"),
            anonymous.PostAsync($"/api/v1/lightboxes/{id}/share"),
            anonymous.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}/share"),
        };
        foreach (var attempt in attempts) await (await attempt).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That((await DetailAsync(buyer, id))["name"]!.GetValue<string>(), Is.EqualTo("Harbour pitch"));
    }

    [Test]
    public async Task A_shared_link_shows_the_lightbox_read_only_to_anyone_without_revealing_the_owner()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, buyerMe) = await Users.SignedInAsync(Api, "buyer");
        var asset = await PublishedAssetAsync(owner.Id);
        var other = await PublishedAssetAsync(owner.Id);
        var id = await CreateAsync(buyer, "For the art director");
        await AddAsync(buyer, id, asset);

        var share = await (await buyer.PostAsync($"/api/v1/lightboxes/{id}/share")).JsonAsync(HttpStatusCode.OK);
        var token = share["token"]!.GetValue<string>();
        Assert.That(token, Does.Match("^[A-Za-z0-9_-]{22,}$"), "base64url, at least 128 bits");
        Assert.That(share["url"]!.GetValue<string>(), Is.EqualTo($"/l/{token}"));
        var again = await (await buyer.PostAsync($"/api/v1/lightboxes/{id}/share")).JsonAsync(HttpStatusCode.OK);
        Assert.That(again["token"]!.GetValue<string>(), Is.EqualTo(token), "sharing again keeps the link");
        var summary = (await (await buyer.GetAsync("/api/v1/lightboxes")).JsonAsync(HttpStatusCode.OK))["items"]![0]!;
        Assert.That(summary["shared"]!.GetValue<bool>(), Is.True);
        Assert.That(summary["shareToken"]!.GetValue<string>(), Is.EqualTo(token));

        using var visitor = Api.NewClient();
        var response = await visitor.GetAsync($"/api/v1/lightboxes/shared/{token}");
        var text = await response.Content.ReadAsStringAsync();
        var shared = await response.JsonAsync(HttpStatusCode.OK);
        Assert.That(shared["name"]!.GetValue<string>(), Is.EqualTo("For the art director"));
        Assert.That(shared["ownerDisplayName"]!.GetValue<string>(), Is.EqualTo(buyerMe.DisplayName));
        Assert.That(ItemIds(shared), Is.EqualTo(new[] { asset }));
        Assert.That(text, Does.Not.Contain(buyerMe.Email).And.Not.Contain(buyerMe.Id.ToString()).And.Not.Contain(id.ToString()));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);

        // The token opens nothing but this read: no write route takes it, signed out or signed in.
        var (someone, _) = await Users.SignedInAsync(Api, "buyer");
        foreach (var client in new[] { visitor, someone })
        {
            var writes = new[]
            {
                client.PatchAsync($"/api/v1/lightboxes/shared/{token}", new { name = "Hijacked" }),
                client.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/shared/{token}"),
                client.PutAsync($"/api/v1/lightboxes/shared/{token}/assets/{other}"),
                client.PutAsync($"/api/v1/lightboxes/{token}/assets/{other}"),
                client.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{token}/assets/{asset}"),
                client.PatchAsync($"/api/v1/lightboxes/{token}", new { name = "Hijacked" }),
                client.PostAsync($"/api/v1/lightboxes/shared/{token}/share?rotate=true"),
            };
            foreach (var write in writes)
            {
                var refused = await write;
                Assert.That(refused.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.Unauthorized),
                    refused.RequestMessage!.RequestUri!.ToString());
            }
        }
        var unchanged = await DetailAsync(buyer, id);
        Assert.That(unchanged["name"]!.GetValue<string>(), Is.EqualTo("For the art director"));
        Assert.That(ItemIds(unchanged), Is.EqualTo(new[] { asset }));
        Assert.That(unchanged["shareToken"]!.GetValue<string>(), Is.EqualTo(token));
    }

    [Test]
    public async Task Rotating_or_revoking_the_link_stops_the_old_one()
    {
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var id = await CreateAsync(buyer);
        using var visitor = Api.NewClient();
        var first = (await (await buyer.PostAsync($"/api/v1/lightboxes/{id}/share")).JsonAsync(HttpStatusCode.OK))["token"]!.GetValue<string>();

        var rotated = (await (await buyer.PostAsync($"/api/v1/lightboxes/{id}/share?rotate=true")).JsonAsync(HttpStatusCode.OK))["token"]!.GetValue<string>();
        Assert.That(rotated, Is.Not.EqualTo(first));
        await (await visitor.GetAsync($"/api/v1/lightboxes/shared/{first}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await visitor.GetAsync($"/api/v1/lightboxes/shared/{rotated}")).JsonAsync(HttpStatusCode.OK);

        Assert.That((await buyer.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}/share")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var revoked = await (await visitor.GetAsync($"/api/v1/lightboxes/shared/{rotated}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.That(revoked["detail"]!.GetValue<string>(), Does.Contain("no longer shared"));
        var detail = await DetailAsync(buyer, id);
        Assert.That(detail["shareToken"]?.GetValue<string>(), Is.Null);

        var fresh = (await (await buyer.PostAsync($"/api/v1/lightboxes/{id}/share")).JsonAsync(HttpStatusCode.OK))["token"]!.GetValue<string>();
        Assert.That(fresh, Is.Not.EqualTo(rotated), "sharing again after revoking makes a new link");
        await (await visitor.GetAsync($"/api/v1/lightboxes/shared/{rotated}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [TestCase("")]
    [TestCase("x")]
    [TestCase("'; drop table lightboxes; --")]
    [TestCase("%00%ff")]
    public async Task Unknown_or_malformed_share_tokens_are_404(string token)
    {
        using var visitor = Api.NewClient();
        var response = await visitor.GetAsync($"/api/v1/lightboxes/shared/{Uri.EscapeDataString(token)}{(token.Length == 0 ? "-" : "")}");
        await response.ProblemAsync(HttpStatusCode.NotFound);
        await (await visitor.GetAsync($"/api/v1/lightboxes/shared/{new string('A', 32)}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Names_must_be_1_to_80_characters()
    {
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        foreach (var name in new[] { "", "   ", new string('n', 81) })
        {
            var problem = await (await buyer.PostAsync("/api/v1/lightboxes", new { name })).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem["errors"]!["name"]![0]!.GetValue<string>(), Does.Contain("1 to 80"));
        }
        var id = await CreateAsync(buyer, new string('n', 80));
        await (await buyer.PatchAsync($"/api/v1/lightboxes/{id}", new { name = "" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.PostAsync("/api/v1/lightboxes", null)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.GetAsync("/api/v1/lightboxes?asset=not-an-id")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_person_keeps_at_most_200_lightboxes()
    {
        var (buyer, me) = await Users.SignedInAsync(Api, "buyer");
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("""
                insert into lightboxes (id, owner_id, name) select gen_random_uuid(), @owner, 'Box ' || n from generate_series(1, 199) n
                """, new { owner = me.Id });
        var last = await CreateAsync(buyer, "The 200th");
        var problem = await (await buyer.PostAsync("/api/v1/lightboxes", new { name = "One too many" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("200"));

        await buyer.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{last}");
        await CreateAsync(buyer, "Room again");
    }

    [Test]
    public async Task A_lightbox_holds_at_most_1000_photos_but_adding_one_already_there_still_succeeds()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, _) = await Users.SignedInAsync(Api, "buyer");
        var id = await CreateAsync(buyer);
        var present = await PublishedAssetAsync(owner.Id);
        await AddAsync(buyer, id, present);
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("""
                with made as (
                    insert into assets (id, owner_id, status, original_key, original_filename, content_type, byte_size, sha256, width, height, title)
                    select g, @owner, 'published', 'originals/test/' || g, 'p.jpg', 'image/jpeg', 1000, sha256(g::text::bytea), 3000, 2000, 'Filler'
                    from (select gen_random_uuid() as g from generate_series(1, 999)) s
                    returning id
                )
                insert into lightbox_assets (lightbox_id, asset_id) select @id, made.id from made
                """, new { owner = owner.Id, id });

        var one = await PublishedAssetAsync(owner.Id);
        var problem = await (await buyer.PutAsync($"/api/v1/lightboxes/{id}/assets/{one}")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("1,000"));
        await AddAsync(buyer, id, present);

        await buyer.SendAsync(HttpMethod.Delete, $"/api/v1/lightboxes/{id}/assets/{present}");
        await AddAsync(buyer, id, one);
    }
}
