using Dapper;
using FluentValidation;
using Npgsql;

namespace MediaCoop.Api.Uploads;

public sealed class UpdateAssetRequestValidator : AbstractValidator<UpdateAssetRequest>
{
    public UpdateAssetRequestValidator()
    {
        RuleFor(r => r.Title).MaximumLength(SubmissionRules.MaxTitleLength)
            .WithMessage($"A title has at most {SubmissionRules.MaxTitleLength} characters.");
        RuleFor(r => r.Description).MaximumLength(2000).WithMessage("A description has at most 2,000 characters.");
        RuleFor(r => r.Keywords!).Must(k => k.Length <= SubmissionRules.MaxKeywords)
            .WithMessage($"Use at most {SubmissionRules.MaxKeywords} keywords.")
            .When(r => r.Keywords is not null);
        RuleForEach(r => r.Keywords).Must(k => !string.IsNullOrWhiteSpace(k) && k.Trim().Length <= SubmissionRules.MaxKeywordLength)
            .WithMessage($"Each keyword has 1 to {SubmissionRules.MaxKeywordLength} characters.");
        RuleFor(r => r.Contributors!).Must(c => c.Length > 0 && c.Sum(x => (long)x.ShareBasisPoints) == 10_000)
            .WithMessage("Shares must add up to 100% (10,000 basis points).")
            .Must(c => c.All(x => x.ShareBasisPoints is > 0 and <= 10_000))
            .WithMessage("Each share is between 0.01% and 100%.")
            .Must(c => c.Select(x => x.UserId).Distinct().Count() == c.Length)
            .WithMessage("Each contributor appears once.")
            .When(r => r.Contributors is not null);
    }
}

public sealed class BatchUpdateAssetsRequestValidator : AbstractValidator<BatchUpdateAssetsRequest>
{
    public BatchUpdateAssetsRequestValidator()
    {
        RuleFor(r => r.AssetIds).NotEmpty().WithMessage("Choose at least one asset.")
            .Must(ids => ids.Length <= 500).WithMessage("Edit at most 500 assets at once.");
        RuleForEach(r => r.AddKeywords).Must(k => !string.IsNullOrWhiteSpace(k) && k.Trim().Length <= SubmissionRules.MaxKeywordLength)
            .WithMessage($"Each keyword has 1 to {SubmissionRules.MaxKeywordLength} characters.");
    }
}

/// <summary>Metadata changes by the owner, with the rules that need the database.</summary>
public static class AssetEditing
{
    public sealed class EditRejectedException(int status, string title, string detail, IDictionary<string, string[]>? errors = null) : Exception(detail)
    {
        public int Status { get; } = status;
        public string Title { get; } = title;
        public IDictionary<string, string[]>? Errors { get; } = errors;
    }

    public static string[] NormalizeKeywords(IEnumerable<string> keywords) =>
        keywords.Select(k => k.Trim()).Where(k => k.Length > 0).DistinctBy(k => k.ToLowerInvariant()).ToArray();

    private sealed record Editable(string Status);

    /// <summary>Applies one owner's edit inside the caller's transaction; false when the asset is not theirs.</summary>
    public static async Task<bool> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid ownerId, Guid assetId, UpdateAssetRequest edit)
    {
        var current = await connection.QuerySingleOrDefaultAsync<Editable>(
            "select status from assets where id = @assetId and owner_id = @ownerId for update", new { assetId, ownerId }, tx);
        if (current is null) return false;
        if (!AssetStatus.IsEditable(current.Status))
            throw new EditRejectedException(409, "Asset cannot be edited now",
                $"This asset is {AssetStatus.ToApi(current.Status)}; metadata can be changed while it is a draft or sent back.");

        const string update = """
            update assets set
                title          = case when @setTitle then nullif(btrim(@title), '') else title end,
                description    = case when @setDescription then nullif(btrim(@description), '') else description end,
                keywords       = coalesce(@keywords, keywords),
                editorial_only = coalesce(@editorialOnly, editorial_only),
                shows_people   = coalesce(@showsPeople, shows_people),
                shows_property = coalesce(@showsProperty, shows_property),
                updated_at     = now()
            where id = @assetId
            """;
        await connection.ExecuteAsync(update, new
        {
            assetId,
            setTitle = edit.Title is not null, title = edit.Title,
            setDescription = edit.Description is not null, description = edit.Description,
            keywords = edit.Keywords is null ? null : NormalizeKeywords(edit.Keywords),
            edit.EditorialOnly, edit.ShowsPeople, edit.ShowsProperty,
        }, tx);

        if (edit.Contributors is not null) await SetContributorsAsync(connection, tx, assetId, ownerId, edit.Contributors);
        if (edit.ReleaseIds is not null) await SetReleasesAsync(connection, tx, assetId, ownerId, edit.ReleaseIds, replace: true);
        return true;
    }

    private static async Task SetContributorsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid assetId, Guid ownerId, ContributorShare[] shares)
    {
        if (shares.All(s => s.UserId != ownerId))
            throw new EditRejectedException(400, "The owner must be credited", "Keep yourself among the credited contributors.",
                new Dictionary<string, string[]> { ["contributors"] = ["Keep yourself among the credited contributors."] });
        var ids = shares.Select(s => s.UserId).ToArray();
        var known = await connection.ExecuteScalarAsync<int>(
            "select count(*) from user_roles where role = 'contributor' and user_id = any(@ids)", new { ids }, tx);
        if (known != ids.Length)
            throw new EditRejectedException(400, "Unknown contributor", "Every credited person must be a contributor of the co-op.",
                new Dictionary<string, string[]> { ["contributors"] = ["Every credited person must be a contributor of the co-op."] });
        await connection.ExecuteAsync("delete from asset_contributors where asset_id = @assetId", new { assetId }, tx);
        await connection.ExecuteAsync(
            "insert into asset_contributors (asset_id, user_id, share_bp) select @assetId, unnest(@ids), unnest(@bps)",
            new { assetId, ids, bps = shares.Select(s => s.ShareBasisPoints).ToArray() }, tx);
    }

    public static async Task SetReleasesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid assetId, Guid ownerId, Guid[] releaseIds, bool replace)
    {
        var ids = releaseIds.Distinct().ToArray();
        var owned = await connection.ExecuteScalarAsync<int>(
            "select count(*) from releases where owner_id = @ownerId and id = any(@ids)", new { ownerId, ids }, tx);
        if (owned != ids.Length)
            throw new EditRejectedException(400, "Unknown release", "Attach releases you have uploaded yourself.",
                new Dictionary<string, string[]> { ["releaseIds"] = ["Attach releases you have uploaded yourself."] });
        if (replace) await connection.ExecuteAsync("delete from asset_releases where asset_id = @assetId", new { assetId }, tx);
        await connection.ExecuteAsync(
            "insert into asset_releases (asset_id, release_id) select @assetId, unnest(@ids) on conflict do nothing", new { assetId, ids }, tx);
    }
}
