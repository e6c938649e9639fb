namespace MediaCoop.Api.Uploads;

public sealed class UploadOptions
{
    public const string Section = "Uploads";
    /// <summary>Largest original accepted, in bytes (default 200 MB).</summary>
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;
    /// <summary>Per contributor, over any rolling 24 hours.</summary>
    public int FilesPerDay { get; set; } = 1000;
    public long BytesPerDay { get; set; } = 50L * 1024 * 1024 * 1024;
    /// <summary>Largest release document (PDF or image), in bytes.</summary>
    public long MaxReleaseBytes { get; set; } = 25L * 1024 * 1024;
    /// <summary>Where an upload is spooled while it is checked, before it reaches the store.</summary>
    public string SpoolDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "mediacoop-uploads");
    /// <summary>Hamming distance of 64-bit dHashes under which two images count as near-duplicates.</summary>
    public int NearDuplicateDistance { get; set; } = 6;
}
