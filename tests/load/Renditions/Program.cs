using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MediaCoop.Api.Uploads.Imaging;
using Microsoft.Extensions.Options;
using NetVips;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using Rational = SixLabors.ImageSharp.Rational;

// Renditions benchmark: camera-like JPEGs through the real engine (Inspect + VerifyDecodes + Build) with two
// workers, against Debian's vipsthumbnail making the same two sizes and djpeg decoding the same files.
//   dotnet run -c Release --project tests/load/Renditions -- [count per size, default 20] [work dir]

const int Workers = 2;
if (args is ["generate", var generateDirectory, var generatePrefix, var generateWidth, var generateHeight, var generateCount])
{
    // Child process: writing 45 MP fixtures takes hundreds of MB that glibc keeps, which would pollute the peak RSS.
    ImageEngine.Initialize();
    Fixtures.Generate(generateDirectory, generatePrefix, int.Parse(generateWidth, CultureInfo.InvariantCulture),
        int.Parse(generateHeight, CultureInfo.InvariantCulture), int.Parse(generateCount, CultureInfo.InvariantCulture));
    return 0;
}
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var workDirectory = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "mediacoop-renditions-bench");
Directory.CreateDirectory(workDirectory);

ImageEngine.Initialize();
var options = Options.Create(new ImagingOptions());
var inspector = new ImageInspector(options);
var builder = new RenditionBuilder(options);

Console.WriteLine($"MediaCoop renditions benchmark: {count} images per size, {Workers} workers, {Environment.ProcessorCount} cores, libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)} (NetVips.Concurrency = {NetVips.NetVips.Concurrency})");
Console.WriteLine($"files in {workDirectory}");

var sets = new[] { (Name: "24 MP", Width: 6000, Height: 4000), (Name: "45 MP", Width: 8256, Height: 5504) };
var results = new List<string>();
foreach (var set in sets)
{
    var prefix = set.Name.Replace(" ", "", StringComparison.Ordinal);
    Tools.RunSelf("generate", workDirectory, prefix, set.Width.ToString(CultureInfo.InvariantCulture), set.Height.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture));
    var files = Fixtures.Generate(workDirectory, prefix, set.Width, set.Height, count);
    var averageMegabytes = files.Average(f => new FileInfo(f).Length) / 1e6;
    Console.WriteLine();
    Console.WriteLine($"== {set.Name} ({set.Width} x {set.Height}), {files.Count} files, {averageMegabytes:0.0} MB average, EXIF with GPS, every 4th file orientation 6");

    // Warm-up outside the measurement: JIT, the watermark tile, the page cache for the files.
    builder.Build(files[0]);
    foreach (var file in files)
    {
        // Streamed, not File.ReadAllBytes: 20 × 22 MB of large-object-heap arrays would stay committed and
        // count as the engine's memory.
        using var stream = File.OpenRead(file);
        stream.CopyTo(Stream.Null);
    }

    Memory.ResetPeak();
    var baselineMegabytes = Memory.CurrentMegabytes();
    Console.WriteLine($"  load average before: {Memory.LoadAverage()} (other processes on this machine skew every figure below)");
    var ours = Run.Parallel(files, file =>
    {
        var header = inspector.Inspect(file);
        inspector.VerifyDecodes(file, header);
        builder.Build(file);
    });
    var peakMegabytes = Memory.PeakMegabytes();
    ours.Print("MediaCoop engine (inspect + verify + renditions)");
    // The same work split as production splits it: the upload request, then the background job.
    Run.Parallel(files, file => inspector.VerifyDecodes(file, inspector.Inspect(file))).Print("  of which upload check (inspect + verify)");
    Run.Parallel(files, file => builder.Build(file)).Print("  of which rendition job (build)");
    Console.WriteLine($"  peak RSS during the run: {peakMegabytes:0} MB (VmHWM, reset before the run; the process sat at {baselineMegabytes:0} MB before it)");

    var outputs = Path.Combine(workDirectory, "out");
    Directory.CreateDirectory(outputs);
    var vipsthumbnail = Tools.Exists("vipsthumbnail")
        ? Run.Parallel(files, file =>
        {
            var name = Path.GetFileNameWithoutExtension(file);
            Tools.Run("vipsthumbnail", file, "--size", "1600", "-o", Path.Combine(outputs, name + "_1600.jpg[Q=82,strip]"));
            Tools.Run("vipsthumbnail", file, "--size", "400", "-o", Path.Combine(outputs, name + "_400.jpg[Q=80,strip]"));
        })
        : null;
    vipsthumbnail?.Print("vipsthumbnail --size 1600 and --size 400 (two runs per file, VIPS_CONCURRENCY=1)");

    var shrink = Shrink(set.Width, set.Height, options.Value.PreviewLongEdge);
    Timings? djpegFull = null, djpegScaled = null;
    if (Tools.Exists("djpeg"))
    {
        djpegFull = Run.Parallel(files, file => Tools.Run("djpeg", "-outfile", "/dev/null", file));
        djpegFull.Print("djpeg full decode (floor for a full-size decode)");
        djpegScaled = Run.Parallel(files, file => Tools.Run("djpeg", "-scale", $"1/{shrink}", "-outfile", "/dev/null", file));
        djpegScaled.Print($"djpeg -scale 1/{shrink} (the same reduced decode the engine uses)");
    }

    var line = $"{set.Name}: {ours.ImagesPerMinute:0} images/min, p50 {ours.Percentile(50):0} ms, p95 {ours.Percentile(95):0} ms, peak RSS {peakMegabytes:0} MB";
    if (vipsthumbnail is not null) line += $"; vs vipsthumbnail x{ours.WallSeconds / vipsthumbnail.WallSeconds:0.00} time";
    if (djpegFull is not null && djpegScaled is not null)
        line += $"; vs djpeg full x{ours.WallSeconds / djpegFull.WallSeconds:0.00}, vs djpeg 1/{shrink} x{ours.WallSeconds / djpegScaled.WallSeconds:0.00}";
    results.Add(line);
}

Console.WriteLine();
Console.WriteLine("== Summary (ratios are wall time for the same files with 2 workers; < 1 means the engine is faster)");
foreach (var line in results) Console.WriteLine(line);
Console.WriteLine("Goals: no slower than vipsthumbnail, within 1.5x of djpeg, >= 400 images/min at 24 MP on 2 cores, peak RSS < 300 MB.");
return 0;

static int Shrink(int width, int height, int target)
{
    var longEdge = Math.Max(width, height);
    var shrink = 1;
    while (shrink < 8 && (longEdge + shrink * 2 - 1) / (shrink * 2) >= target) shrink *= 2;
    return shrink;
}

internal sealed class Timings(List<double> milliseconds, double wallSeconds)
{
    public double WallSeconds { get; } = wallSeconds;
    public double ImagesPerMinute => milliseconds.Count / WallSeconds * 60;

    public double Percentile(int percent)
    {
        var sorted = milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public void Print(string what) => Console.WriteLine(
        $"  {what}: {ImagesPerMinute,6:0} images/min, p50 {Percentile(50),5:0} ms, p95 {Percentile(95),5:0} ms per image, {WallSeconds:0.0} s wall");
}

internal static class Run
{
    public static Timings Parallel(IReadOnlyList<string> files, Action<string> work)
    {
        var milliseconds = new ConcurrentBag<double>();
        var wall = Stopwatch.StartNew();
        System.Threading.Tasks.Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            var one = Stopwatch.StartNew();
            work(file);
            milliseconds.Add(one.Elapsed.TotalMilliseconds);
        });
        return new Timings([.. milliseconds], wall.Elapsed.TotalSeconds);
    }
}

internal static class Memory
{
    /// <summary>Linux resets VmHWM to the current RSS when "5" is written to clear_refs, so generation does not count.</summary>
    public static void ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        File.WriteAllText("/proc/self/clear_refs", "5");
    }

    public static double PeakMegabytes() => Status("VmHWM:");

    public static double CurrentMegabytes() => Status("VmRSS:");

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static double Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}

internal static class Tools
{
    public static bool Exists(string tool)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
        if (!found) Console.WriteLine($"  ({tool} not found: install Debian package {(tool == "djpeg" ? "libjpeg-turbo-progs" : "libvips-tools")} to compare)");
        return found;
    }

    /// <summary>This program again, in a child process (dotnet run starts the apphost, so ProcessPath is it).</summary>
    public static void RunSelf(params string[] arguments)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(Tools).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"fixture generation failed ({process.ExitCode})");
    }

    public static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // One thread per process, two processes: the same use of the two cores as the engine's two workers.
        start.Environment["VIPS_CONCURRENCY"] = "1";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {errors.Result}");
    }
}

/// <summary>Camera-like JPEGs: soft random shapes plus sensor grain compress like photos; EXIF as a camera writes it.</summary>
internal static class Fixtures
{
    private const int Distinct = 5;

    public static List<string> Generate(string directory, string prefix, int width, int height, int count)
    {
        // A handful of distinct pictures, copied under new names: decode cost depends on content, not name, and
        // generating 45 MP noise is slow. Kept between runs.
        var sources = Enumerable.Range(0, Math.Min(Distinct, count)).Select(seed =>
        {
            var orientation = (ushort)(seed % 4 == 3 ? 6 : 1);
            var path = Path.Combine(directory, $"{prefix}-source{seed}-o{orientation}.jpg");
            if (!File.Exists(path)) Write(path, width, height, seed, orientation);
            return path;
        }).ToList();
        var files = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(directory, $"{prefix}-{i:000}.jpg");
            var source = sources[i % sources.Count];
            if (!File.Exists(path) || new FileInfo(path).Length != new FileInfo(source).Length) File.Copy(source, path, overwrite: true);
            files.Add(path);
        }
        return files;
    }

    private static void Write(string path, int width, int height, int seed, ushort orientation)
    {
        Console.WriteLine($"  generating {Path.GetFileName(path)} ...");
        var bands = new Image[3];
        for (var band = 0; band < 3; band++)
        {
            using var coarse = Image.Gaussnoise(width / 300, height / 300, sigma: 50, mean: 128, seed: seed * 3 + band);
            using var smooth = coarse.Resize((double)width / coarse.Width, vscale: (double)height / coarse.Height);
            using var detail = Image.Gaussnoise(width / 8, height / 8, sigma: 14, mean: 0, seed: seed * 5 + band);
            using var detailUp = detail.Resize((double)width / detail.Width, vscale: (double)height / detail.Height);
            using var grain = Image.Gaussnoise(width, height, sigma: 5, mean: 0, seed: seed * 7 + band);
            bands[band] = smooth + detailUp + grain;
        }
        using var joined = bands[0].Bandjoin(bands[1], bands[2]);
        foreach (var band in bands) band.Dispose();
        using var image = joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        var exif = Exif(width, height, orientation);
        using var withExif = image.Mutate(m => m.Set(GValue.BlobType, "exif-data", exif));
        File.WriteAllBytes(path, withExif.JpegsaveBuffer(q: 92, keep: Enums.ForeignKeep.Exif));
    }

    private static byte[] Exif(int width, int height, ushort orientation)
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "Canon");
        exif.SetValue(ExifTag.Model, "EOS R6");
        exif.SetValue(ExifTag.Orientation, orientation);
        exif.SetValue(ExifTag.DateTimeOriginal, "2026:05:01 10:20:30");
        exif.SetValue(ExifTag.PixelXDimension, (uint)width);
        exif.SetValue(ExifTag.PixelYDimension, (uint)height);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(48, 1), new Rational(51, 1), new Rational(24, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(2, 1), new Rational(21, 1), new Rational(3, 1)]);
        var tiff = exif.ToByteArray();
        // libvips keeps the APP1 payload with its "Exif\0\0" identifier; ImageSharp gives the TIFF block alone.
        return tiff.AsSpan().StartsWith("Exif\0\0"u8) ? tiff : [.. "Exif\0\0"u8, .. tiff];
    }
}
