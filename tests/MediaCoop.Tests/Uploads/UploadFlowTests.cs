using System.Net;
using MediaCoop.Tests.Infrastructure;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Xmp;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaCoop.Tests.Uploads;

public sealed class UploadFlowTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task A_contributor_uploads_a_photo_and_gets_renditions_and_prefilled_metadata()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var photo = Photos.Jpeg(2400, 1800, seed: Random.Shared.Next(), metadata: new Photos.Embedded(
            Title: "Harbour at dawn", Caption: "Fishing boats leaving the harbour", Keywords: ["harbour", "boats", "dawn"],
            Gps: true, Camera: "Canon Canon EOS R5"));

        var created = await (await client.UploadPhotoAsync(photo, "IMG_0001.jpg")).JsonAsync(HttpStatusCode.Created);
        Assert.That(created["status"]!.GetValue<string>(), Is.EqualTo("processing"));
        var asset = await client.ProcessedAsync(created["id"]!.GetValue<Guid>());

        Assert.Multiple(() =>
        {
            Assert.That(asset["status"]!.GetValue<string>(), Is.EqualTo("draft"), asset.ToJsonString());
            Assert.That(asset["originalFilename"]!.GetValue<string>(), Is.EqualTo("IMG_0001.jpg"));
            Assert.That(asset["width"]!.GetValue<int>(), Is.EqualTo(2400));
            Assert.That(asset["title"]!.GetValue<string>(), Is.EqualTo("Harbour at dawn"));
            Assert.That(asset["description"]!.GetValue<string>(), Is.EqualTo("Fishing boats leaving the harbour"));
            Assert.That(asset["keywords"].Strings(), Is.EquivalentTo(new[] { "harbour", "boats", "dawn" }));
            Assert.That(asset["hasPrivateLocation"]!.GetValue<bool>(), Is.True);
            Assert.That(asset.ToJsonString(), Does.Not.Contain("52.3").And.Not.Contain("latitude"), "GPS is never sent, even to the owner's API");
            Assert.That(asset["thumbnail"]!["width"]!.GetValue<int>(), Is.EqualTo(400));
            Assert.That(asset["preview"]!["width"]!.GetValue<int>(), Is.EqualTo(1600));
            Assert.That(asset["blurPlaceholder"]!.GetValue<string>(), Does.StartWith("data:image/"));
            Assert.That(asset["dominantColours"]!.AsArray(), Is.Not.Empty);
        });

        var preview = await client.GetAsync(asset["preview"]!["url"]!.GetValue<string>());
        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(preview.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/jpeg"));
        Assert.That(preview.Headers.CacheControl!.ToString(), Does.Contain("immutable"));
        var directories = ImageMetadataReader.ReadMetadata(new MemoryStream(await preview.Content.ReadAsByteArrayAsync()));
        Assert.That(directories.OfType<GpsDirectory>(), Is.Empty, "no GPS in what is published");
        Assert.That(directories.OfType<ExifIfd0Directory>(), Is.Empty, "no EXIF in what is published");
        Assert.That(directories.OfType<IptcDirectory>(), Is.Empty);
        Assert.That(directories.OfType<XmpDirectory>(), Is.Empty);
    }

    [Test]
    public async Task Exact_duplicates_are_refused_with_a_link_only_to_your_own_asset()
    {
        var (ana, _) = await Users.SignedInAsync(Api, "contributor");
        var (ben, _) = await Users.SignedInAsync(Api, "contributor");
        var photo = Photos.Jpeg(seed: Random.Shared.Next());
        var id = await ana.UploadedAsync(photo);

        var again = await (await ana.UploadPhotoAsync(photo, "copy.jpg")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(again["existingAssetId"]!.GetValue<Guid>(), Is.EqualTo(id));

        var theirs = await (await ben.UploadPhotoAsync(photo, "mine-now.jpg")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(theirs.ContainsKey("existingAssetId"), Is.False, "another member's asset is not revealed");
    }

    [Test]
    public async Task Near_duplicates_are_flagged_for_the_contributor()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var seed = Random.Shared.Next();
        var first = await client.UploadedAsync(Photos.Jpeg(seed: seed, quality: 90));
        await client.ProcessedAsync(first);
        var second = await client.UploadedAsync(Photos.Jpeg(seed: seed, quality: 70));
        var asset = await client.ProcessedAsync(second);

        var duplicates = asset["nearDuplicates"]!.AsArray();
        Assert.That(duplicates.Select(d => d!["assetId"]!.GetValue<Guid>()), Does.Contain(first), asset.ToJsonString());
        Assert.That(duplicates.First(d => d!["assetId"]!.GetValue<Guid>() == first)!["yours"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task A_png_is_accepted_too()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var asset = await client.ProcessedAsync(await client.UploadedAsync(Photos.Png(seed: Random.Shared.Next()), "scan.png"));
        Assert.That(asset["status"]!.GetValue<string>(), Is.EqualTo("draft"), asset.ToJsonString());
    }

    [Test]
    public async Task Running_the_rendition_job_again_changes_nothing()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var id = await client.UploadedAsync(Photos.Jpeg(seed: Random.Shared.Next()));
        var before = await client.ProcessedAsync(id);

        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("update assets set status = 'processing' where id = @id", new { id });
        using (var scope = Api.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<MediaCoop.Api.Uploads.RenditionJob>().RunAsync(id, CancellationToken.None);

        var after = await client.AssetAsync(id);
        Assert.That(after["thumbnail"]!.ToJsonString(), Is.EqualTo(before["thumbnail"]!.ToJsonString()), "content-addressed: same bytes, same key");
        await using var check = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await check.ExecuteScalarAsync<int>("select count(*) from asset_renditions where asset_id = @id", new { id }), Is.EqualTo(2));
        Assert.That(after["status"]!.GetValue<string>(), Is.EqualTo("draft"));
    }

    [Test]
    public async Task A_failing_rendition_is_retried_and_marked_failed_with_a_reason_on_the_last_attempt()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var id = await client.UploadedAsync(Photos.Jpeg(seed: Random.Shared.Next()));
        await client.ProcessedAsync(id);
        // The original vanishes from the store: a transient fault as far as the job can tell.
        string key;
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            key = await connection.ExecuteScalarAsync<string>("select original_key from assets where id = @id", new { id }) ?? "";
            await connection.ExecuteAsync("update assets set status = 'processing', processing_attempts = 0 where id = @id", new { id });
        }
        File.Move(Path.Combine(ApiFactory.StorageRoot, key), Path.Combine(ApiFactory.StorageRoot, key + ".away"));
        try
        {
            using var scope = Api.Services.CreateScope();
            var job = scope.ServiceProvider.GetRequiredService<MediaCoop.Api.Uploads.RenditionJob>();
            for (var attempt = 1; attempt < MediaCoop.Api.Uploads.RenditionJob.MaxAttempts; attempt++)
            {
                Assert.ThrowsAsync<InvalidOperationException>(() => job.RunAsync(id, CancellationToken.None), "thrown, so the queue retries it");
                Assert.That((await client.AssetAsync(id))["status"]!.GetValue<string>(), Is.EqualTo("processing"));
            }
            await job.RunAsync(id, CancellationToken.None);
            var asset = await client.AssetAsync(id);
            Assert.That(asset["status"]!.GetValue<string>(), Is.EqualTo("failed"));
            Assert.That(asset["failureReason"]!.GetValue<string>(), Does.Contain("Upload the file again"));
        }
        finally
        {
            File.Move(Path.Combine(ApiFactory.StorageRoot, key + ".away"), Path.Combine(ApiFactory.StorageRoot, key));
        }
    }

    [Test]
    public async Task An_asset_left_behind_by_a_crash_is_picked_up_by_the_recovery_sweep()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var id = await client.UploadedAsync(Photos.Jpeg(seed: Random.Shared.Next()));
        await client.ProcessedAsync(id);
        // As if the process died after committing the row but before its job ran.
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("""
                delete from asset_renditions where asset_id = @id;
                update assets set status = 'uploaded', processing_attempts = 0, updated_at = now() - interval '11 minutes' where id = @id
                """, new { id });

        using (var scope = Api.Services.CreateScope())
            Assert.That(await scope.ServiceProvider.GetRequiredService<MediaCoop.Api.Uploads.MaintenanceJobs>().RecoverStuckRenditionsAsync(CancellationToken.None),
                Is.GreaterThanOrEqualTo(1));
        var asset = await client.ProcessedAsync(id);
        Assert.That(asset["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        Assert.That(asset["thumbnail"], Is.Not.Null);
    }

    [Test]
    public async Task The_orphan_sweep_deletes_old_unreferenced_objects_and_keeps_referenced_ones()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var id = await client.ProcessedAsync(await client.UploadedAsync(Photos.Jpeg(seed: Random.Shared.Next())));
        var store = Api.Services.GetRequiredService<MediaCoop.Api.Platform.IBlobStore>();
        var orphanKey = $"originals/2020/01/{Guid.NewGuid():N}";
        await store.PutAsync(orphanKey, new MemoryStream([1, 2, 3]), "image/jpeg", CancellationToken.None);
        var orphanFile = Path.Combine(ApiFactory.StorageRoot, orphanKey);
        File.SetLastWriteTimeUtc(orphanFile, DateTime.UtcNow.AddHours(-2));

        using (var scope = Api.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<MediaCoop.Api.Uploads.MaintenanceJobs>().SweepOrphansAsync(CancellationToken.None);

        Assert.That(await store.ExistsAsync(orphanKey, CancellationToken.None), Is.False);
        var preview = await client.GetAsync(id["preview"]!["url"]!.GetValue<string>());
        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK), "renditions in use survive the sweep");
    }
}
