using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace MediaCoop.Load.CatalogSeed;

internal sealed record CatalogIndex(string Name, string Definition);

/// <summary>Writes the synthetic catalogue with binary COPY and builds the catalogue tables set-based.</summary>
internal sealed class Loader(NpgsqlConnection connection, SyntheticCatalog data)
{
    public async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task RefuseIfSeededAsync()
    {
        await using var command = new NpgsqlCommand("select count(*) from users where email::text like '%@' || @domain", connection);
        command.Parameters.AddWithValue("domain", SyntheticCatalog.EmailDomain);
        var seeded = (long)(await command.ExecuteScalarAsync())!;
        if (seeded > 0)
        {
            throw new InvalidOperationException(
                $"This database already holds {seeded:N0} seeded contributors; seed a fresh database instead (ids are deterministic and would collide).");
        }
    }

    public async Task CopyPeopleAsync()
    {
        // The product's own hasher and settings, so a seeded contributor can sign in with SyntheticCatalog.Password.
        var hasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = 220_000,
        }));
        var hash = hasher.HashPassword(new object(), SyntheticCatalog.Password);

        await using (var users = await connection.BeginBinaryImportAsync(
            "copy users (id, email, display_name, password_hash, handle, created_at, updated_at) from stdin (format binary)"))
        {
            foreach (var c in data.Contributors)
            {
                users.StartRow();
                users.Write(c.Id, NpgsqlDbType.Uuid);
                users.Write(c.Email, NpgsqlDbType.Citext);
                users.Write(c.DisplayName, NpgsqlDbType.Text);
                users.Write(hash, NpgsqlDbType.Text);
                users.Write(c.Handle, NpgsqlDbType.Citext);
                users.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
                users.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
            }
            await users.CompleteAsync();
        }

        await using (var roles = await connection.BeginBinaryImportAsync("copy user_roles (user_id, role, granted_at) from stdin (format binary)"))
        {
            foreach (var c in data.Contributors)
            {
                foreach (var role in new[] { "buyer", "contributor" })
                {
                    roles.StartRow();
                    roles.Write(c.Id, NpgsqlDbType.Uuid);
                    roles.Write(role, NpgsqlDbType.Text);
                    roles.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
                }
            }
            await roles.CompleteAsync();
        }

        await using var releases = await connection.BeginBinaryImportAsync(
            "copy releases (id, owner_id, kind, name, blob_key, content_type, byte_size, created_at) from stdin (format binary)");
        foreach (var r in data.Releases)
        {
            releases.StartRow();
            releases.Write(r.Id, NpgsqlDbType.Uuid);
            releases.Write(r.OwnerId, NpgsqlDbType.Uuid);
            releases.Write(r.Kind, NpgsqlDbType.Text);
            releases.Write(r.Name, NpgsqlDbType.Text);
            releases.Write(r.BlobKey, NpgsqlDbType.Text);
            releases.Write("application/pdf", NpgsqlDbType.Text);
            releases.Write(48_213L, NpgsqlDbType.Bigint);
            releases.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
        }
        await releases.CompleteAsync();
    }

    public async Task CopyAssetsAsync()
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            copy assets (id, owner_id, status, original_key, original_filename, content_type, byte_size, sha256, width, height,
                         title, description, keywords, editorial_only, shows_people, shows_property, captured_at, camera, lens,
                         dhash, dominant_colours, blur_placeholder, submitted_at, created_at, updated_at, published_at)
            from stdin (format binary)
            """);
        var count = 0;
        foreach (var a in data.Assets())
        {
            copy.StartRow();
            copy.Write(a.Id, NpgsqlDbType.Uuid);
            copy.Write(data.Contributors[a.Owner].Id, NpgsqlDbType.Uuid);
            copy.Write("published", NpgsqlDbType.Text);
            copy.Write(a.OriginalKey, NpgsqlDbType.Text);
            copy.Write(a.OriginalFilename, NpgsqlDbType.Text);
            copy.Write("image/jpeg", NpgsqlDbType.Text);
            copy.Write(a.ByteSize, NpgsqlDbType.Bigint);
            copy.Write(a.Sha256, NpgsqlDbType.Bytea);
            copy.Write(a.Width, NpgsqlDbType.Integer);
            copy.Write(a.Height, NpgsqlDbType.Integer);
            copy.Write(a.Title, NpgsqlDbType.Text);
            copy.Write(a.Description, NpgsqlDbType.Text);
            copy.Write(a.Keywords, NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(a.EditorialOnly, NpgsqlDbType.Boolean);
            copy.Write(a.ShowsPeople, NpgsqlDbType.Boolean);
            copy.Write(a.ShowsProperty, NpgsqlDbType.Boolean);
            copy.Write(a.CapturedAt, NpgsqlDbType.TimestampTz);
            copy.Write(a.Camera, NpgsqlDbType.Text);
            copy.Write(a.Lens, NpgsqlDbType.Text);
            copy.Write(a.DHash, NpgsqlDbType.Bigint);
            copy.Write(a.DominantColours, NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(data.Pictures[a.Picture].BlurPlaceholder, NpgsqlDbType.Text);
            copy.Write(a.SubmittedAt, NpgsqlDbType.TimestampTz);
            copy.Write(a.CreatedAt, NpgsqlDbType.TimestampTz);
            copy.Write(a.PublishedAt, NpgsqlDbType.TimestampTz);
            copy.Write(a.PublishedAt, NpgsqlDbType.TimestampTz);
            if (++count % 200_000 == 0) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"           … {count:N0} assets"));
        }
        await copy.CompleteAsync();
    }

    public async Task CopyAssetChildrenAsync()
    {
        await using (var renditions = await connection.BeginBinaryImportAsync(
            "copy asset_renditions (asset_id, kind, blob_key, width, height, byte_size) from stdin (format binary)"))
        {
            foreach (var link in data.Links)
            {
                var picture = data.Pictures[link.Picture];
                foreach (var (kind, rendition) in new[] { ("thumbnail", picture.Thumbnail), ("preview", picture.Preview) })
                {
                    renditions.StartRow();
                    renditions.Write(link.AssetId, NpgsqlDbType.Uuid);
                    renditions.Write(kind, NpgsqlDbType.Text);
                    renditions.Write(rendition.BlobKey, NpgsqlDbType.Text);
                    renditions.Write(rendition.Width, NpgsqlDbType.Integer);
                    renditions.Write(rendition.Height, NpgsqlDbType.Integer);
                    renditions.Write(rendition.ByteSize, NpgsqlDbType.Bigint);
                }
            }
            await renditions.CompleteAsync();
        }

        await using (var credits = await connection.BeginBinaryImportAsync(
            "copy asset_contributors (asset_id, user_id, share_bp) from stdin (format binary)"))
        {
            foreach (var asset in data.Links)
            {
                var owner = asset.Owner;
                // Shares in basis points summing to 10,000: alone, 70/30 with one co-creator, 50/25/25 with two.
                (int User, int Share)[] shares = asset.CoCredit1 < 0 ? [(owner, 10_000)]
                    : asset.CoCredit2 < 0 ? [(owner, 7_000), (asset.CoCredit1, 3_000)]
                    : [(owner, 5_000), (asset.CoCredit1, 2_500), (asset.CoCredit2, 2_500)];
                foreach (var (user, share) in shares)
                {
                    credits.StartRow();
                    credits.Write(asset.AssetId, NpgsqlDbType.Uuid);
                    credits.Write(data.Contributors[user].Id, NpgsqlDbType.Uuid);
                    credits.Write(share, NpgsqlDbType.Integer);
                }
            }
            await credits.CompleteAsync();
        }

        await using var releases = await connection.BeginBinaryImportAsync("copy asset_releases (asset_id, release_id) from stdin (format binary)");
        foreach (var asset in data.Links)
        {
            foreach (var release in new[] { asset.ModelRelease, asset.PropertyRelease })
            {
                if (release < 0) continue;
                releases.StartRow();
                releases.Write(asset.AssetId, NpgsqlDbType.Uuid);
                releases.Write(data.Releases[release].Id, NpgsqlDbType.Uuid);
            }
        }
        await releases.CompleteAsync();
    }

    /// <summary>
    /// Drops the catalogue's secondary indexes (building them once over a full table is much faster than
    /// maintaining them row by row, the GIN ones above all) and returns their definitions for the rebuild.
    /// </summary>
    public async Task<IReadOnlyList<CatalogIndex>> DropCatalogIndexesAsync()
    {
        const string sql = """
            select i.relname as name, pg_get_indexdef(i.oid) as definition
            from pg_index x
            join pg_class i on i.oid = x.indexrelid
            where x.indrelid = 'catalog'::regclass
              and not exists (select 1 from pg_constraint c where c.conindid = i.oid)
            order by i.relname
            """;
        var indexes = new List<CatalogIndex>();
        await using (var command = new NpgsqlCommand(sql, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) indexes.Add(new CatalogIndex(reader.GetString(0), reader.GetString(1)));
        }
        foreach (var index in indexes) await ExecuteAsync($"drop index {index.Name}");
        return indexes;
    }

    /// <summary>
    /// The catalogue rows in one statement, each made by catalog_entry() (migration 15), the function the publishing
    /// trigger uses, so seeded rows are exactly what publishing would have written; their postings (migrations 14 and 20) in
    /// the same statement.
    /// Popularity, which the trigger leaves at 0 until lightbox adds and licences arrive, gets a skewed synthetic
    /// score derived from the id (most photos nothing, a few a lot), so "popular" ordering has real work to do.
    /// </summary>
    public async Task FillCatalogAsync()
    {
        const string sql = """
            with filled as (
            insert into catalog (asset_id, owner_id, published_at, title, keywords, document, width, height, long_edge,
                                 orientation, colours, colour_families, colour_cells, editorial_only, shows_people,
                                 people_released, dhash, popularity)
            select e.asset_id, e.owner_id, e.published_at, e.title, e.keywords, e.document, e.width, e.height, e.long_edge,
                   e.orientation, e.colours, e.colour_families, e.colour_cells, e.editorial_only, e.shows_people,
                   e.people_released, e.dhash,
                   case when hashtext(a.id::text) & 3 = 0
                        then power(((hashtext(a.id::text) >> 2) & 1048575) / 1048576.0, 6) * 400
                        else 0 end
            from assets a
            cross join lateral catalog_entry(a) e
            where a.status = 'published'
            on conflict (asset_id) do nothing
            returning asset_id, document, popularity, orientation, colour_families, editorial_only)
            insert into catalog_postings (lexeme, popularity, asset_id, facets)
            select l.lexeme, f.popularity, f.asset_id, catalog_facet_bits(f.orientation, f.colour_families, f.editorial_only)
            from filled f cross join lateral unnest(f.document) l
            """;
        await ExecuteAsync(sql);
    }

    /// <summary>The whole vocabulary from the whole catalogue, with the words of catalog_words_of() (migration 08).</summary>
    public async Task RebuildWordsAsync()
    {
        await ExecuteAsync("delete from catalog_words");
        await ExecuteAsync("""
            insert into catalog_words (word, documents)
            select w, count(*)
            from catalog c
            cross join lateral catalog_words_of(c.title, c.keywords) w
            group by w
            """);
    }

    public async Task PrintSummaryAsync()
    {
        const string sql = """
            select (select count(*) from catalog) as catalogue,
                   (select count(*) from users) as users,
                   (select count(*) from catalog_words) as words,
                   (select count(*) from catalog_words where documents <= 5) as rare_words,
                   (select string_agg(word || ' ' || documents, ', ' order by documents desc) from (select word, documents from catalog_words order by documents desc limit 8) t) as top,
                   pg_size_pretty(pg_total_relation_size('catalog')) as catalog_size,
                   pg_size_pretty(pg_total_relation_size('assets')) as assets_size,
                   pg_size_pretty(pg_database_size(current_database())) as database_size
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"catalogue {reader.GetInt64(0):N0} rows ({reader.GetString(5)}), assets {reader.GetString(6)}, database {reader.GetString(7)}; users {reader.GetInt64(1):N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vocabulary {reader.GetInt64(2):N0} words, {reader.GetInt64(3):N0} used by 5 assets or fewer; most used: {reader.GetString(4)}"));
    }
}
