namespace MediaCoop.Api.Uploads;

/// <summary>What an asset still needs before the editorial board will look at it.</summary>
public static class SubmissionRules
{
    public const int MinKeywords = 7;
    public const int MaxKeywords = 50;
    public const int MaxTitleLength = 70;
    public const int MaxKeywordLength = 50;

    public static IReadOnlyList<string> Missing(string status, string? title, string[] keywords, bool editorialOnly,
        bool showsPeople, bool showsProperty, int shareBasisPointsTotal, IEnumerable<string> releaseKinds)
    {
        var missing = new List<string>();
        if (status is AssetStatus.Uploaded or AssetStatus.Processing)
            missing.Add("Wait until processing has finished.");
        else if (status == AssetStatus.Failed)
            missing.Add("Processing failed; upload the file again.");
        else if (status is not (AssetStatus.Ready or AssetStatus.SentBack))
            return missing;

        if (string.IsNullOrWhiteSpace(title)) missing.Add("Add a title.");
        if (keywords.Length < MinKeywords) missing.Add($"Add at least {MinKeywords} keywords (it has {keywords.Length}).");
        if (keywords.Length > MaxKeywords) missing.Add($"Use at most {MaxKeywords} keywords (it has {keywords.Length}).");
        if (shareBasisPointsTotal != 10_000) missing.Add("Credited contributors' shares must add up to 100%.");

        var kinds = releaseKinds.ToHashSet(StringComparer.Ordinal);
        if (!editorialOnly && showsPeople && !kinds.Contains("model"))
            missing.Add("Attach a model release for the people shown, or mark the image editorial-only.");
        if (!editorialOnly && showsProperty && !kinds.Contains("property"))
            missing.Add("Attach a property release for the property shown, or mark the image editorial-only.");
        return missing;
    }
}
