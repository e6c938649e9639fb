using Dapper;
using Npgsql;

namespace MediaCoop.Api.Uploads;

/// <summary>Applies a parsed metadata CSV to the owner's drafts, matching rows by original filename.</summary>
public static class MetadataImport
{
    public static async Task<ImportResult> ApplyAsync(NpgsqlDataSource dataSource, Guid ownerId, MetadataCsvResult parsed, CancellationToken ct)
    {
        var errors = parsed.Errors.Select(e => new ImportError(e.Line, e.Filename, e.Field, e.Message)).ToList();
        if (parsed.Rows.Count == 0) return new ImportResult(0, errors);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        const string lookup = """
            select original_filename, id, status from assets
            where owner_id = @ownerId and original_filename = any(@names)
            order by id
            """;
        var names = parsed.Rows.Select(r => r.Filename).ToArray();
        var byName = (await connection.QueryAsync<(string Name, Guid Id, string Status)>(lookup, new { ownerId, names }, tx))
            .ToLookup(r => r.Name, StringComparer.Ordinal);

        var updated = 0;
        foreach (var row in parsed.Rows)
        {
            var matches = byName[row.Filename].ToList();
            if (matches.Count == 0)
            {
                errors.Add(new ImportError(row.Line, row.Filename, "filename", "No upload of yours has this filename."));
                continue;
            }
            if (matches.Count > 1)
            {
                errors.Add(new ImportError(row.Line, row.Filename, "filename", $"{matches.Count} of your uploads have this filename; edit them one by one."));
                continue;
            }
            if (!AssetStatus.IsEditable(matches[0].Status))
            {
                errors.Add(new ImportError(row.Line, row.Filename, "filename", $"This asset is {AssetStatus.ToApi(matches[0].Status)} and can no longer be edited."));
                continue;
            }
            var edit = new UpdateAssetRequest(row.Title, row.Description, row.Keywords?.ToArray(), row.EditorialOnly, null, null, null, null);
            await AssetEditing.ApplyAsync(connection, tx, ownerId, matches[0].Id, edit);
            updated++;
        }
        await tx.CommitAsync(ct);
        return new ImportResult(updated, errors.OrderBy(e => e.Line).ToList());
    }
}
