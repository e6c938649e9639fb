namespace MediaCoop.Api.Platform;

/// <summary>Where originals and renditions are kept. The local directory is the embedded default.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public string Provider { get; set; } = "disk";
    public string Root { get; set; } = Path.Combine(".data", "blobs");
}
