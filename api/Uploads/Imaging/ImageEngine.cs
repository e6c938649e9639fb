using NetVips;

namespace MediaCoop.Api.Uploads.Imaging;

/// <summary>
/// The process-wide libvips settings every image operation relies on: only the JPEG and PNG file loaders
/// may run, work is single-threaded per image (one worker per core scales better than splitting an image),
/// and no decoded image outlives its caller in a cache. Also the decode gate shared by upload checks and
/// rendition jobs, so together they never decode more than <see cref="ImagingOptions.MaxConcurrentDecodes"/> at once.
/// </summary>
public static class ImageEngine
{
    private static readonly Lock Gate = new();
    private static bool initialized;
    private static SemaphoreSlim? decodeSlots;

    static ImageEngine() => Initialize();

    public static void Initialize()
    {
        lock (Gate)
        {
            if (initialized) return;
            NetVips.NetVips.Concurrency = 1;
            // The operation cache keys loads by file name: a temp path reused for another upload would get the
            // previous image back, and cached decodes would hold memory between jobs. Nothing here repeats work.
            Cache.Max = 0;
            Cache.MaxMem = 0;
            Cache.MaxFiles = 0;
            NetVips.NetVips.BlockUntrusted = true;
            // Deny every loader, then allow back exactly the two we accept, from files only (no buffer or
            // stream loaders: uploads are always spooled to disk first). Blocking by class name silently
            // ignores unknown names, so the tests prove GIF/TIFF/WebP really fail.
            Operation.Block("VipsForeignLoad", true);
            Operation.Block("VipsForeignLoadJpegFile", false);
            Operation.Block("VipsForeignLoadPngFile", false);
            // Savers too: nothing here writes files through libvips, renditions are encoded to memory.
            Operation.Block("VipsForeignSave", true);
            Operation.Block("VipsForeignSaveJpegBuffer", false);
            Operation.Block("VipsForeignSavePngBuffer", false);
            initialized = true;
        }
    }

    /// <summary>
    /// Runs a decode in one of the process's decode slots, killing libvips work that outlives
    /// <see cref="ImagingOptions.DecodeTimeout"/>. <paramref name="decode"/> must attach the token to the image
    /// it evaluates with <see cref="KillWhen"/>.
    /// </summary>
    /// <exception cref="TimeoutException">No slot came free in time: the server is busy, the file is not at fault.</exception>
    internal static T RunDecode<T>(ImagingOptions options, Func<CancellationToken, T> decode)
    {
        var slots = Slots(options.MaxConcurrentDecodes);
        if (!slots.Wait(options.DecodeTimeout))
            throw new TimeoutException($"No image decode slot came free within {options.DecodeTimeout.TotalSeconds:0} s.");
        try
        {
            using var deadline = new CancellationTokenSource(options.DecodeTimeout);
            try
            {
                return decode(deadline.Token);
            }
            catch (VipsException) when (deadline.IsCancellationRequested)
            {
                // With decodes bounded by the slots, a minute means a decompression bomb (say, a progressive
                // JPEG with thousands of scans), not a busy machine.
                throw new ImageRejectedException("corrupt", "The image took too long to decode; it may be damaged. Export it again and re-upload.");
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Stops libvips evaluating <paramref name="image"/> (an error at the next tile) once the token is cancelled.</summary>
    internal static Image KillWhen(this Image image, CancellationToken token)
    {
        image.SetProgress(NoProgress.Instance, token);
        return image;
    }

    private static SemaphoreSlim Slots(int max)
    {
        // Sized by the first caller: options are one singleton per process, so every caller agrees.
        if (Volatile.Read(ref decodeSlots) is { } slots) return slots;
        Interlocked.CompareExchange(ref decodeSlots, new SemaphoreSlim(max, max), null);
        return decodeSlots;
    }

    private sealed class NoProgress : IProgress<int>
    {
        public static readonly NoProgress Instance = new();
        public void Report(int value) { }
    }
}
