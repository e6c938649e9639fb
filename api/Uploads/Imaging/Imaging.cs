namespace MediaCoop.Api.Uploads.Imaging;

/// <summary>Limits and sizes of the image engine. Pixel limits are on the image as stored (width × height).</summary>
public sealed class ImagingOptions
{
    public const string Section = "Imaging";
    /// <summary>The co-op's minimum: stock buyers expect at least 4 MP.</summary>
    public long MinPixels { get; set; } = 4_000_000;
    public long MaxPixels { get; set; } = 100_000_000;
    public int MaxSide { get; set; } = 20_000;
    public int PreviewLongEdge { get; set; } = 1600;
    public int ThumbnailLongEdge { get; set; } = 400;
    /// <summary>Decodes running at once in this process, upload checks and rendition jobs together.</summary>
    public int MaxConcurrentDecodes { get; set; } = Environment.ProcessorCount;
    /// <summary>How long one decode may run, and how long a caller may wait for a decode slot.</summary>
    public TimeSpan DecodeTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

public static class Imaging
{
    public static IServiceCollection AddImaging(this IServiceCollection services)
    {
        services.AddOptions<ImagingOptions>().BindConfiguration(ImagingOptions.Section)
            .Validate(o => o.MinPixels >= 0 && o.MaxPixels >= o.MinPixels && o.MaxSide > 0
                && o.ThumbnailLongEdge > 0 && o.PreviewLongEdge >= o.ThumbnailLongEdge
                && o.MaxConcurrentDecodes > 0 && o.DecodeTimeout > TimeSpan.Zero, "Imaging options out of range")
            .ValidateOnStart();
        ImageEngine.Initialize();
        services.AddSingleton<ImageInspector>();
        services.AddSingleton<RenditionBuilder>();
        return services;
    }
}
