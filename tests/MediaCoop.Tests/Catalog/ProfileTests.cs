using System.Net;
using System.Text;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaCoop.Tests.Catalog;

public sealed class ProfileTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static string UniqueHandle(string prefix = "zq") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static Task<HttpResponseMessage> UpdateAsync(ApiClient client, string handle, string displayName = "Ana Okafor", string? bio = null) =>
        client.PutAsync("/api/v1/me/profile", new { handle, displayName, bio });

    [Test]
    public async Task A_contributor_chooses_a_handle_that_is_lowercased_and_becomes_their_public_address()
    {
        var (client, me) = await Users.SignedInAsync(Api, "contributor");
        var handle = UniqueHandle();

        var saved = await (await UpdateAsync(client, "  " + handle.ToUpperInvariant() + " ", "  Ana Okafor ", "Harbours at dawn.")).JsonAsync(HttpStatusCode.OK);
        Assert.That(saved["handle"]!.GetValue<string>(), Is.EqualTo(handle));
        Assert.That(saved["displayName"]!.GetValue<string>(), Is.EqualTo("Ana Okafor"));
        Assert.That(saved["bio"]!.GetValue<string>(), Is.EqualTo("Harbours at dawn."));
        var mine = await (await client.GetAsync("/api/v1/me/profile")).JsonAsync(HttpStatusCode.OK);
        Assert.That(mine["handle"]!.GetValue<string>(), Is.EqualTo(handle));
        Assert.That(mine["avatar"], Is.Null);

        using var visitor = Api.NewClient();
        var response = await visitor.GetAsync($"/api/v1/contributors/{handle.ToUpperInvariant()}");
        var text = await response.Content.ReadAsStringAsync();
        var profile = await response.JsonAsync(HttpStatusCode.OK);
        Assert.That(profile["handle"]!.GetValue<string>(), Is.EqualTo(handle), "looked up case-insensitively");
        Assert.That(profile["displayName"]!.GetValue<string>(), Is.EqualTo("Ana Okafor"));
        Assert.That(profile["bio"]!.GetValue<string>(), Is.EqualTo("Harbours at dawn."));
        Assert.That(profile["publishedCount"]!.GetValue<int>(), Is.Zero);
        Assert.That(profile["member"]!.GetValue<bool>(), Is.False);
        Assert.That(profile["memberSince"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(10)));
        Assert.That(text, Does.Not.Contain(me.Email), "no e-mail on a public page");
        // The id is public on purpose: it is what a visitor sends as recipientId to write to the contributor (issue 9).
        Assert.That(profile["id"]!.GetValue<Guid>(), Is.EqualTo(me.Id));

        // The old address is gone; an empty bio clears it.
        await UpdateAsync(client, handle + "-b", "Ana Okafor", "  ");
        await (await visitor.GetAsync($"/api/v1/contributors/{handle}")).ProblemAsync(HttpStatusCode.NotFound);
        var renamed = await (await visitor.GetAsync($"/api/v1/contributors/{handle}-b")).JsonAsync(HttpStatusCode.OK);
        Assert.That(renamed["bio"]?.GetValue<string>(), Is.Null);
    }

    [Test]
    public async Task A_handle_someone_else_holds_is_refused_with_409()
    {
        var (first, _) = await Users.SignedInAsync(Api, "contributor");
        var (second, _) = await Users.SignedInAsync(Api, "buyer");
        var handle = UniqueHandle();
        await (await UpdateAsync(first, handle)).JsonAsync(HttpStatusCode.OK);

        var problem = await (await UpdateAsync(second, handle.ToUpperInvariant())).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain($"\"{handle}\" is already taken"));
        var mine = await (await second.GetAsync("/api/v1/me/profile")).JsonAsync(HttpStatusCode.OK);
        Assert.That(mine["handle"]!.GetValue<string>(), Is.Not.EqualTo(handle));

        // Saving your own handle again is not a clash with yourself.
        await (await UpdateAsync(first, handle, "New name")).JsonAsync(HttpStatusCode.OK);
    }

    [TestCase("admin")]
    [TestCase("Support")]
    [TestCase("mediacoop")]
    [TestCase("search")]
    public async Task Reserved_handles_are_refused(string handle)
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var problem = await (await UpdateAsync(client, handle)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!["handle"]![0]!.GetValue<string>(), Does.Contain("reserved"));
    }

    [TestCase("ab", "handle")]
    [TestCase("-starts-with-hyphen", "handle")]
    [TestCase("has space", "handle")]
    [TestCase("under_score", "handle")]
    [TestCase("émile", "handle")]
    [TestCase("a2345678901234567890123456789012345678901", "handle")]
    public async Task Malformed_handles_get_a_field_error(string handle, string field)
    {
        var (client, _) = await Users.SignedInAsync(Api, "buyer");
        var problem = await (await UpdateAsync(client, handle)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]![field]![0]!.GetValue<string>(), Does.Contain("3 to 40"));
    }

    [Test]
    public async Task Display_name_and_bio_lengths_are_checked()
    {
        var (client, _) = await Users.SignedInAsync(Api, "buyer");
        var handle = UniqueHandle();
        var problem = await (await UpdateAsync(client, handle, "", new string('b', 501))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "displayName", "bio" }));
        await (await UpdateAsync(client, handle, new string('d', 81))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await UpdateAsync(client, handle, new string('d', 80), new string('b', 500))).JsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task Anyone_may_read_a_contributor_but_only_the_person_edits_their_profile()
    {
        var (contributor, _) = await Users.SignedInAsync(Api, "contributor");
        var handle = UniqueHandle();
        await (await UpdateAsync(contributor, handle)).JsonAsync(HttpStatusCode.OK);
        using var anonymous = Api.NewClient();

        await (await anonymous.GetAsync($"/api/v1/contributors/{handle}")).JsonAsync(HttpStatusCode.OK);
        await (await anonymous.GetAsync("/api/v1/me/profile")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await UpdateAsync(anonymous, handle, "Impostor")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.UploadAsync("/api/v1/me/profile/avatar", Photos.Jpeg(300, 300), "me.jpg")).ProblemAsync(HttpStatusCode.Unauthorized);
        var profile = await (await anonymous.GetAsync($"/api/v1/contributors/{handle}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(profile["displayName"]!.GetValue<string>(), Is.EqualTo("Ana Okafor"));
    }

    [Test]
    public async Task Only_people_with_work_to_show_have_a_public_profile()
    {
        var (buyer, buyerMe) = await Users.SignedInAsync(Api, "buyer");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var buyerHandle = UniqueHandle();
        var editorHandle = UniqueHandle();
        await (await UpdateAsync(buyer, buyerHandle)).JsonAsync(HttpStatusCode.OK);
        await (await UpdateAsync(editor, editorHandle)).JsonAsync(HttpStatusCode.OK);
        using var visitor = Api.NewClient();

        await (await visitor.GetAsync($"/api/v1/contributors/{buyerHandle}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await visitor.GetAsync($"/api/v1/contributors/{editorHandle}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await visitor.GetAsync($"/api/v1/contributors/{UniqueHandle()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await visitor.GetAsync("/api/v1/contributors/%27%3B%20drop%20table%20users")).ProblemAsync(HttpStatusCode.NotFound);

        // Someone whose work was published (a former contributor, say) keeps their page.
        await LightboxTests.PublishedAssetAsync(buyerMe.Id);
        await LightboxTests.PublishedAssetAsync(buyerMe.Id);
        var profile = await (await visitor.GetAsync($"/api/v1/contributors/{buyerHandle}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(profile["publishedCount"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task Members_of_the_co_op_are_marked_as_such()
    {
        var (client, me) = await Users.SignedInAsync(Api, "contributor");
        var handle = UniqueHandle();
        await (await UpdateAsync(client, handle)).JsonAsync(HttpStatusCode.OK);
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("insert into memberships (id, user_id, member_class) values (gen_random_uuid(), @id, 'contributor')", new { id = me.Id });
        using var visitor = Api.NewClient();
        var profile = await (await visitor.GetAsync($"/api/v1/contributors/{handle}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(profile["member"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task An_avatar_becomes_a_256_square_jpeg_without_metadata_at_its_public_url()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var handle = UniqueHandle();
        await (await UpdateAsync(client, handle)).JsonAsync(HttpStatusCode.OK);
        var photo = Photos.Jpeg(900, 600, seed: Random.Shared.Next(), metadata: new Photos.Embedded(Title: "Me", Gps: true, Camera: "Canon EOS R5"));

        var saved = await (await client.UploadAsync("/api/v1/me/profile/avatar", photo, "me.jpg")).JsonAsync(HttpStatusCode.OK);
        var avatar = saved["avatar"]!;
        Assert.That(avatar["width"]!.GetValue<int>(), Is.EqualTo(256));
        Assert.That(avatar["height"]!.GetValue<int>(), Is.EqualTo(256));
        var url = avatar["url"]!.GetValue<string>();
        Assert.That(url, Does.Match("^/media/renditions/[0-9a-f]{64}\\.jpg$"));

        using var visitor = Api.NewClient();
        var image = await visitor.GetAsync(url);
        Assert.That(image.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(image.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/jpeg"));
        var bytes = await image.Content.ReadAsByteArrayAsync();
        using (var decoded = SixLabors.ImageSharp.Image.Load(bytes, out var format))
        {
            Assert.That(format.Name, Is.EqualTo("JPEG"));
            Assert.That((decoded.Width, decoded.Height), Is.EqualTo((256, 256)));
            Assert.That(decoded.Metadata.ExifProfile, Is.Null, "no EXIF (camera, GPS) in a public picture");
            Assert.That(decoded.Metadata.IptcProfile, Is.Null);
        }
        Assert.That(Encoding.Latin1.GetString(bytes), Does.Not.Contain("Canon"));
        var profile = await (await visitor.GetAsync($"/api/v1/contributors/{handle}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(profile["avatar"]!["url"]!.GetValue<string>(), Is.EqualTo(url));

        // A PNG works too, and replaces the picture.
        var png = await (await client.UploadAsync("/api/v1/me/profile/avatar", Photos.Png(300, 500, seed: Random.Shared.Next()), "me.png", "image/png"))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(png["avatar"]!["url"]!.GetValue<string>(), Is.Not.EqualTo(url));
    }

    [Test]
    public async Task Avatars_in_use_survive_the_orphan_sweep()
    {
        var (client, _) = await Users.SignedInAsync(Api, "buyer");
        var saved = await (await client.UploadAsync("/api/v1/me/profile/avatar", Photos.Jpeg(400, 400, seed: Random.Shared.Next()), "me.jpg")).JsonAsync(HttpStatusCode.OK);
        var url = saved["avatar"]!["url"]!.GetValue<string>();
        var file = Path.Combine(ApiFactory.StorageRoot, url["/media/".Length..]);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2));

        using (var scope = Api.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<MediaCoop.Api.Uploads.MaintenanceJobs>().SweepOrphansAsync(CancellationToken.None);

        Assert.That((await client.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static IEnumerable<TestCaseData> BadAvatars()
    {
        yield return new TestCaseData(Encoding.UTF8.GetBytes("just some text, not a picture"), "notes.jpg", HttpStatusCode.UnsupportedMediaType).SetName("Text named .jpg is 415");
        yield return new TestCaseData((byte[])[.. "GIF89a"u8.ToArray(), 1, 0, 1, 0, 0, 0, 0, .. new byte[50]], "anim.gif", HttpStatusCode.UnsupportedMediaType).SetName("GIF is 415");
        yield return new TestCaseData(Photos.Jpeg(100, 100), "tiny.jpg", HttpStatusCode.BadRequest).SetName("A 100 px picture is too small");
        yield return new TestCaseData(Photos.Jpeg(600, 600)[..2000], "cut.jpg", HttpStatusCode.BadRequest).SetName("A truncated JPEG is 400");
        yield return new TestCaseData(Array.Empty<byte>(), "empty.jpg", HttpStatusCode.BadRequest).SetName("An empty file is 400");
    }

    [TestCaseSource(nameof(BadAvatars))]
    public async Task Unusable_avatar_files_are_refused_and_change_nothing(byte[] bytes, string filename, HttpStatusCode status)
    {
        var (client, _) = await Users.SignedInAsync(Api, "buyer");
        var problem = await (await client.UploadAsync("/api/v1/me/profile/avatar", bytes, filename)).ProblemAsync(status);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.Not.Empty);
        var mine = await (await client.GetAsync("/api/v1/me/profile")).JsonAsync(HttpStatusCode.OK);
        Assert.That(mine["avatar"], Is.Null);
    }

    [Test]
    public async Task An_avatar_over_10_MB_is_413()
    {
        var (client, _) = await Users.SignedInAsync(Api, "buyer");
        var big = new byte[10 * 1024 * 1024 + 1];
        Photos.Jpeg(300, 300).CopyTo(big, 0);
        await (await client.UploadAsync("/api/v1/me/profile/avatar", big, "huge.jpg")).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task An_avatar_must_be_sent_as_a_multipart_file()
    {
        var (client, _) = await Users.SignedInAsync(Api, "buyer");
        await (await client.PostAsync("/api/v1/me/profile/avatar", new { file = "x" })).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
