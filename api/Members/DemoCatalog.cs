using System.Security.Cryptography;
using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using NetVips;
using Npgsql;

namespace MediaCoop.Api.Members;

/// <summary>
/// A small published catalogue for local runs and browser tests: painted landscapes (sky, land, sun, grain) by the
/// demo contributors, pushed through the real rendition job and published with a recorded editor decision, plus a
/// featured collection. Created once; later runs find it and leave it alone.
/// </summary>
internal static class DemoCatalog
{
    private const string KeyPrefix = "originals/demo/";

    private enum Shape { Landscape, Portrait, Square, Panorama }

    private sealed record Photo(string Owner, string Title, string Description, string[] Keywords, Shape Shape,
        string Sky, string Horizon, string Land, string Sun, bool EditorialOnly = false, bool ShowsPeople = false);

    private static readonly Photo[] Photos =
    [
        new("ana", "Harbour lights at dusk", "Fishing boats moored in a quiet harbour as the evening lights come on.",
            ["harbour", "boats", "dusk", "evening", "sea", "coast", "lights", "travel"], Shape.Landscape, "#1d2b53", "#ff8c42", "#14213d", "#ffd166"),
        new("ana", "Lighthouse above the harbour", "A white lighthouse on the cliff guarding the harbour entrance.",
            ["lighthouse", "harbour", "cliff", "coast", "sea", "navigation", "landmark"], Shape.Portrait, "#4a90d9", "#bde0fe", "#3d5a40", "#fffbe6"),
        new("ben", "Morning harbour in the fog", "Soft fog lifting over the harbour wall at sunrise.",
            ["harbour", "fog", "morning", "sunrise", "calm", "coast", "mist"], Shape.Panorama, "#c9d6df", "#f0e6d2", "#52616b", "#fff3e0"),
        new("ben", "Wildflower meadow in June", "Tall grass and wildflowers in a summer meadow.",
            ["meadow", "wildflowers", "summer", "grass", "nature", "countryside", "green"], Shape.Landscape, "#8ecae6", "#e9f5db", "#55a630", "#fff8b0"),
        new("ana", "Meadow path at golden hour", "A mown path through a meadow in warm evening light.",
            ["meadow", "path", "golden hour", "sunset", "countryside", "walk"], Shape.Landscape, "#f4a261", "#ffe8a3", "#6a994e", "#fff1c1"),
        new("ben", "Mountain lake reflection", "Snow-capped mountain reflected in a still alpine lake.",
            ["mountain", "lake", "reflection", "alps", "snow", "landscape", "calm"], Shape.Landscape, "#3a86ff", "#caf0f8", "#1b4332", "#ffffff"),
        new("ana", "Mountain ridge panorama", "The ridge line of a mountain range under a wide blue sky.",
            ["mountain", "ridge", "panorama", "hiking", "sky", "wilderness"], Shape.Panorama, "#0077b6", "#90e0ef", "#344e41", "#fefae0"),
        new("ben", "Coffee on a rainy morning", "A cup of black coffee by the window on a grey, rainy morning.",
            ["coffee", "morning", "rain", "cafe", "cosy", "window", "drink"], Shape.Square, "#6c757d", "#adb5bd", "#3e2723", "#d7ccc8"),
        new("ana", "Café terrace coffee", "Two coffees on a sunny café terrace in the old town.",
            ["coffee", "café", "terrace", "city", "summer", "friends", "drink"], Shape.Portrait, "#f9c74f", "#fff3b0", "#7f5539", "#ffffff", ShowsPeople: true),
        new("ben", "Desert dunes at noon", "Wind-shaped sand dunes under a hard midday sun.",
            ["desert", "dunes", "sand", "heat", "travel", "minimal"], Shape.Landscape, "#48cae4", "#fde2a7", "#e09f3e", "#fffbe0"),
        new("ana", "Purple lavender field", "Rows of lavender stretching to the horizon in Provence.",
            ["lavender", "field", "purple", "summer", "provence", "farming"], Shape.Landscape, "#a2d2ff", "#e0c3fc", "#7b2cbf", "#fff0f6"),
        new("ben", "Pink sunset over the bay", "The sky turns pink over a wide, calm bay.",
            ["sunset", "bay", "pink", "sea", "evening", "calm", "coast"], Shape.Panorama, "#ff70a6", "#ffd6a5", "#22223b", "#ffe5ec"),
        new("ana", "Winter forest in snow", "Pine forest after heavy snowfall, quiet and white.",
            ["winter", "forest", "snow", "pine", "cold", "quiet"], Shape.Portrait, "#dee2e6", "#f8f9fa", "#2d6a4f", "#ffffff"),
        new("ben", "Night city skyline", "The city skyline lit up against a deep blue night.",
            ["city", "skyline", "night", "lights", "urban", "buildings"], Shape.Landscape, "#03045e", "#023e8a", "#0b090a", "#ffd60a"),
        new("ana", "Protest march downtown", "Marchers fill the main street during a climate demonstration.",
            ["protest", "march", "climate", "street", "news", "people"], Shape.Landscape, "#adb5bd", "#dee2e6", "#495057", "#f8f9fa", EditorialOnly: true, ShowsPeople: true),
        new("ben", "Autumn vineyard", "Vineyard rows turning red and gold in autumn.",
            ["vineyard", "autumn", "wine", "harvest", "countryside", "red"], Shape.Landscape, "#e76f51", "#f4a261", "#9d0208", "#ffe8d6"),
        new("ana", "Tropical beach morning", "Turquoise water and white sand on an empty tropical beach.",
            ["beach", "tropical", "turquoise", "sea", "holiday", "sand"], Shape.Square, "#00b4d8", "#caf0f8", "#f1dca7", "#ffffff"),
        new("ben", "Storm over the moor", "Dark storm clouds rolling across an open moor.",
            ["storm", "moor", "clouds", "weather", "dramatic", "landscape"], Shape.Landscape, "#22223b", "#4a4e69", "#4f772d", "#c9ada7"),
        new("ana", "Rice terraces in the rain", "Green rice terraces stepping down a hillside in the rain.",
            ["rice", "terraces", "green", "rain", "asia", "farming"], Shape.Portrait, "#6c757d", "#b7e4c7", "#2d6a4f", "#e9ecef"),
        new("ben", "Red barn on the prairie", "A lone red barn on the open prairie under a big sky.",
            ["barn", "prairie", "farm", "red", "countryside", "rural"], Shape.Panorama, "#4cc9f0", "#e0fbfc", "#bc6c25", "#fefae0"),
    ];

    public static async Task RunAsync(WebApplication app, IReadOnlyDictionary<string, Guid> owners, Guid editorId)
    {
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            if (await connection.ExecuteScalarAsync<bool>("select exists (select 1 from assets where original_key like 'originals/demo/%')"))
                return;
        }

        var store = app.Services.GetRequiredService<IBlobStore>();
        using var scope = app.Services.CreateScope();
        var renditions = scope.ServiceProvider.GetRequiredService<RenditionJob>();
        var published = new List<Guid>();
        var spool = Path.Combine(Path.GetTempPath(), $"mediacoop-demo-{Guid.NewGuid():N}.jpg");
        try
        {
            for (var i = 0; i < Photos.Length; i++)
            {
                var photo = Photos[i];
                var (width, height) = photo.Shape switch
                {
                    Shape.Landscape => (2700, 1800),
                    Shape.Portrait => (1800, 2700),
                    Shape.Square => (2100, 2100),
                    _ => (3600, 1200),
                };
                byte[] bytes;
                using (var painting = Paint(photo, width, height, seed: i))
                    bytes = painting.JpegsaveBuffer(q: 90, optimizeCoding: true, keep: Enums.ForeignKeep.None);
                await File.WriteAllBytesAsync(spool, bytes);
                var id = Guid.CreateVersion7();
                var key = $"{KeyPrefix}{id:N}";
                await using (var file = File.OpenRead(spool))
                    await store.PutAsync(key, file, "image/jpeg", CancellationToken.None);
                await RecordAsync(dataSource, id, owners[photo.Owner], key, photo, width, height, bytes);
                await renditions.RunAsync(id, CancellationToken.None);
                await PublishAsync(dataSource, id, editorId);
                published.Add(id);
            }
        }
        finally
        {
            File.Delete(spool);
        }
        await FeatureAsync(dataSource, published, editorId);
        Console.WriteLine($"Demo catalogue: {published.Count} published photos and a featured collection.");
    }

    private static Image Paint(Photo photo, int width, int height, int seed)
    {
        var random = new Random(seed);
        var horizon = 0.55 + random.NextDouble() * 0.15;
        using var xy = Image.Xyz(width, height);
        using var x = xy[0];
        using var y = xy[1];
        // Sky: a vertical gradient from the top colour to the horizon colour.
        using var t = y / (height * horizon);
        var sky = Rgb(photo.Sky);
        var glow = Rgb(photo.Horizon);
        using var skyImage = t.Linear([glow[0] - sky[0], glow[1] - sky[1], glow[2] - sky[2]], sky);
        // Land: a gently rolling line (libvips sin takes degrees) below the horizon, darker towards the bottom.
        var land = Rgb(photo.Land);
        using var wave = (x * (360 * (1.5 + random.NextDouble()) / width)).Math(Enums.OperationMath.Sin) * (height * 0.03);
        using var line = wave + height * horizon;
        using var depth = (y - height * horizon) / (height * (1 - horizon));
        using var landImage = depth.Linear([-land[0] * 0.4, -land[1] * 0.4, -land[2] * 0.4], land);
        using var isLand = y > line;
        // Sun or moon: a soft disc in the sky.
        var (sunX, sunY, radius) = (width * (0.2 + random.NextDouble() * 0.6), height * horizon * (0.3 + random.NextDouble() * 0.4), Math.Min(width, height) * 0.07);
        using var distance = ((x - sunX).Pow(2) + (y - sunY).Pow(2)).Pow(0.5);
        using var isSun = distance < radius;
        using var sunImage = Image.Black(width, height, bands: 3) + Rgb(photo.Sun);
        using var scene = isLand.Ifthenelse(landImage, isSun.Ifthenelse(sunImage, skyImage));
        using var grain = Image.Gaussnoise(width, height, sigma: 6, mean: 0, seed: seed);
        using var noisy = scene + grain;
        return noisy.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    private static double[] Rgb(string hex) =>
    [
        Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16),
    ];

    private static async Task RecordAsync(NpgsqlDataSource dataSource, Guid id, Guid ownerId, string key, Photo photo, int width, int height, byte[] bytes)
    {
        const string sql = """
            insert into assets (id, owner_id, original_key, original_filename, content_type, byte_size, sha256, width, height,
                                title, description, keywords, editorial_only, shows_people, submitted_at, camera)
            values (@id, @ownerId, @key, @filename, 'image/jpeg', @size, @sha256, @width, @height,
                    @title, @description, @keywords, @editorialOnly, @showsPeople, now(), 'MediaCoop demo painter');
            insert into asset_contributors (asset_id, user_id, share_bp) values (@id, @ownerId, 10000);
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new
        {
            id, ownerId, key, filename = photo.Title.ToLowerInvariant().Replace(' ', '-') + ".jpg", size = (long)bytes.Length,
            sha256 = SHA256.HashData(bytes), width, height, title = photo.Title, description = photo.Description,
            keywords = photo.Keywords, editorialOnly = photo.EditorialOnly, showsPeople = photo.ShowsPeople,
        });
    }

    // The same record an editor's decision leaves, so the demo's review statistics and audit log stay truthful.
    private static async Task PublishAsync(NpgsqlDataSource dataSource, Guid id, Guid editorId)
    {
        const string sql = """
            update assets set status = 'published', published_at = now(), updated_at = now() where id = @id and status = 'ready';
            insert into review_decisions (id, asset_id, editor_id, outcome, reason_codes, note, on_appeal, submitted_at)
            select @decisionId, @id, @editorId, 'publish', '{}', 'Demo catalogue', false, submitted_at from assets where id = @id;
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var failure = await connection.ExecuteScalarAsync<string?>("select failure_reason from assets where id = @id and status <> 'ready'", new { id });
        if (failure is not null)
            throw new InvalidOperationException($"A demo photo was not processed: {failure}");
        await connection.ExecuteAsync(sql, new { id, editorId, decisionId = Guid.CreateVersion7() });
    }

    private static async Task FeatureAsync(NpgsqlDataSource dataSource, IReadOnlyList<Guid> assets, Guid editorId)
    {
        const string sql = """
            insert into collections (id, title, description, cover_asset_id, featured, published_at, created_by)
            values (@id, 'Coast and country', 'Harbours, meadows and mountains from our founding photographers.', @cover, true, now(), @editorId);
            insert into collection_assets (collection_id, asset_id, position)
            select @id, asset_id, ordinality::int from unnest(@picks) with ordinality as p(asset_id, ordinality);
            """;
        var picks = assets.Take(6).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { id = Guid.CreateVersion7(), cover = picks[0], editorId, picks });
    }
}
