using System.Net;
using Dapper;
using MediaCoop.Tests.Catalog;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;

namespace MediaCoop.Tests.Platform;

public sealed class HttpCachingTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task Public_catalogue_reads_carry_an_etag_and_a_repeat_with_if_none_match_gets_304_without_a_body()
    {
        var (owner, _) = await CatalogSeed.ContributorAsync();
        var id = await CatalogSeed.PhotoAsync(owner, new() { Title = CatalogSeed.Word() });
        using var visitor = Api.NewClient();
        foreach (var (path, maxAge) in new[]
        {
            ($"/api/v1/assets?q=harbour", 30), ($"/api/v1/assets/{id}", 60), ($"/api/v1/assets/{id}/similar", 60), ("/api/v1/collections", 60),
        })
        {
            var first = await visitor.GetAsync(path);
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            var etag = first.Headers.ETag;
            Assert.That(etag, Is.Not.Null, path);
            Assert.That(etag!.IsWeak, Is.False, path);
            Assert.That(first.Headers.CacheControl?.Public, Is.True, path);
            Assert.That(first.Headers.CacheControl?.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(maxAge)), path);

            var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(etag);
            var second = await visitor.Http.SendAsync(again);
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), path);
            Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.Empty, path);
            Assert.That(second.Headers.ETag, Is.EqualTo(etag), path);

            var stale = new HttpRequestMessage(HttpMethod.Get, path);
            stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"something-else\""));
            Assert.That((await visitor.Http.SendAsync(stale)).StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        }
    }

    [Test]
    public async Task The_etag_changes_when_the_answer_does()
    {
        var (owner, _) = await CatalogSeed.ContributorAsync();
        var word = CatalogSeed.Word();
        await CatalogSeed.PhotoAsync(owner, new() { Title = word });
        using var visitor = Api.NewClient();
        var before = (await visitor.GetAsync($"/api/v1/assets?q={word}")).Headers.ETag;
        await CatalogSeed.PhotoAsync(owner, new() { Title = word });
        var after = (await visitor.GetAsync($"/api/v1/assets?q={word}")).Headers.ETag;
        Assert.That(after, Is.Not.EqualTo(before));
    }

    [Test]
    public async Task A_draft_collection_seen_by_an_editor_is_never_publicly_cacheable()
    {
        var (editor, me) = await Users.SignedInAsync(Api, "editor");
        var id = Guid.CreateVersion7();
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("insert into collections (id, title, created_by) values (@id, 'Draft', @editor)", new { id, editor = me.Id });
        var response = await editor.GetAsync($"/api/v1/collections/{id}");
        await response.JsonAsync(HttpStatusCode.OK);
        Assert.That(response.Headers.CacheControl?.Public, Is.False);
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }
}
