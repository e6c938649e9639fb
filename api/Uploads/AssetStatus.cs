namespace MediaCoop.Api.Uploads;

/// <summary>
/// The asset life cycle. The database keeps the fine-grained states; the API shows what a
/// contributor acts on ("processing" covers uploaded and processing, "draft" is ready but not submitted).
/// </summary>
public static class AssetStatus
{
    public const string Uploaded = "uploaded";
    public const string Processing = "processing";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string InReview = "in_review";
    public const string SentBack = "sent_back";
    public const string Published = "published";
    public const string Declined = "declined";
    public const string Appealed = "appealed";

    public static readonly IReadOnlyList<string> ApiValues = ["processing", "failed", "draft", "inReview", "sentBack", "published", "declined", "appealed"];

    public static string ToApi(string status) => status switch
    {
        Uploaded or Processing => "processing",
        Ready => "draft",
        InReview => "inReview",
        SentBack => "sentBack",
        _ => status,
    };

    /// <summary>The database states behind one API filter value; null when the value is unknown.</summary>
    public static string[]? FromApi(string value) => value switch
    {
        "processing" => [Uploaded, Processing],
        "draft" => [Ready],
        "failed" => [Failed],
        "inReview" => [InReview],
        "sentBack" => [SentBack],
        "published" => [Published],
        "declined" => [Declined],
        "appealed" => [Appealed],
        _ => null,
    };

    /// <summary>States in which the contributor may still change metadata.</summary>
    public static bool IsEditable(string status) => status is Uploaded or Processing or Ready or Failed or SentBack;
}
