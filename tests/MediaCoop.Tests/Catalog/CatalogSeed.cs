using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Api.Catalog;
using MediaCoop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MediaCoop.Tests.Uploads;
using Npgsql;

namespace MediaCoop.Tests.Catalog;

/// <summary>A photo as the catalogue tests arrange it, straight in the database (set-up, not the behaviour under test).</summary>
public sealed record SeedPhoto
{
    public string? Title { get; init; } = "A photo";
    public string[] Keywords { get; init; } = [];
    public string? Description { get; init; }
    public int Width { get; init; } = 3000;
    public int Height { get; init; } = 2000;
    public string[] Colours { get; init; } = [];
    public bool EditorialOnly { get; init; }
    public bool ShowsPeople { get; init; }
    public bool ShowsProperty { get; init; }
    public bool ModelRelease { get; init; }
    public long? Dhash { get; init; }
    public DateTime? PublishedAt { get; init; }
    public double Popularity { get; init; }
    public string Status { get; init; } = "published";
    public bool Renditions { get; init; } = true;
}

public static class CatalogSeed
{
    private static ApiFactory Api => ApiFactory.Shared;

    /// <summary>A unique made-up word ("zq" + letters) so a test finds only its own photos in the shared database.</summary>
    public static string Word() =>
        "zq" + string.Concat(RandomNumberGenerator.GetBytes(8).Select(b => (char)('a' + b % 26)));

    public static async Task<(Guid Id, string Handle)> ContributorAsync()
    {
        var (_, me) = await Users.SignedInAsync(Api, "contributor");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var handle = await connection.ExecuteScalarAsync<string>("select handle::text from users where id = @id", new { id = me.Id });
        return (me.Id, handle!);
    }

    /// <summary>
    /// Inserts an asset (published by default, so the catalogue trigger lists it) with thumbnail and preview rows.
    /// A model release is linked before publishing, as the trigger reads releases when the asset is listed.
    /// </summary>
    public static async Task<Guid> PhotoAsync(Guid ownerId, SeedPhoto photo)
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var status = photo.ModelRelease ? "ready" : photo.Status;
        await connection.ExecuteAsync("""
            insert into assets (id, owner_id, status, original_key, original_filename, content_type, byte_size, sha256, width, height,
                                title, description, keywords, editorial_only, shows_people, shows_property, dominant_colours, dhash,
                                blur_placeholder, camera, gps_latitude, gps_longitude, submitted_at, published_at)
            values (@id, @ownerId, @status, @key, 'DSC_0042-secret-name.jpg', 'image/jpeg', 1000, @sha, @Width, @Height,
                    @Title, @Description, @Keywords, @EditorialOnly, @ShowsPeople, @ShowsProperty, @Colours, @Dhash,
                    'data:image/jpeg;base64,AAAA', 'Canon EOS R5 SN 0123456789', 48.8584, 2.2945, now(), @publishedAt);
            insert into asset_contributors (asset_id, user_id, share_bp) values (@id, @ownerId, 10000);
            """, new
        {
            id, ownerId, status, key = $"originals/test/{id:N}", sha = RandomNumberGenerator.GetBytes(32),
            photo.Width, photo.Height, photo.Title, photo.Description, photo.Keywords, photo.EditorialOnly, photo.ShowsPeople,
            photo.ShowsProperty, photo.Colours, photo.Dhash, publishedAt = photo.Status == "published" ? photo.PublishedAt ?? DateTime.UtcNow : (DateTime?)null,
        }, tx);
        if (photo.Renditions)
        {
            await connection.ExecuteAsync("""
                insert into asset_renditions (asset_id, kind, blob_key, width, height, byte_size) values
                    (@id, 'thumbnail', @thumb, 400, 267, 100), (@id, 'preview', @preview, 1600, 1067, 1000)
                """, new { id, thumb = $"renditions/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}.jpg",
                preview = $"renditions/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}.jpg" }, tx);
        }
        if (photo.ModelRelease)
        {
            var release = Guid.CreateVersion7();
            await connection.ExecuteAsync("""
                insert into releases (id, owner_id, kind, name, blob_key, content_type, byte_size)
                values (@release, @ownerId, 'model', 'Model', @key, 'application/pdf', 10);
                insert into asset_releases (asset_id, release_id) values (@id, @release);
                update assets set status = @status where id = @id;
                """, new { id, release, ownerId, key = $"releases/test/{release:N}", status = photo.Status }, tx);
        }
        if (photo.Popularity != 0)
            await connection.ExecuteAsync("update catalog set popularity = @p where asset_id = @id", new { id, p = photo.Popularity }, tx);
        await tx.CommitAsync();
        CatalogChanged();
        return id;
    }

    public static async Task SetStatusAsync(Guid id, string status)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("update assets set status = @status where id = @id", new { id, status });
        CatalogChanged();
    }

    /// <summary>What the review desk does after a publishing decision commits: this node's cached search answers are stale.</summary>
    public static void CatalogChanged() => Api.Services.GetRequiredService<CatalogChanges>().Changed();

    public static async Task<JsonObject> SearchAsync(this ApiClient client, string query) =>
        await (await client.GetAsync("/api/v1/assets?" + query)).JsonAsync(HttpStatusCode.OK);

    public static Guid[] Ids(this JsonObject result, string list = "items") =>
        result[list]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToArray();

    /// <summary>Every page of a search, following nextCursor; <paramref name="between"/> runs after each page.</summary>
    public static async Task<List<Guid>> WalkAsync(this ApiClient client, string query, Func<Task>? between = null)
    {
        var seen = new List<Guid>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await client.SearchAsync(query + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page.Ids());
            cursor = page["nextCursor"]?.GetValue<string>();
            if (cursor is null) return seen;
            if (between is not null) await between();
        }
        Assert.Fail("more than 100 pages");
        return seen;
    }
}
