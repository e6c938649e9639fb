using System.Numerics;
using NetVips;

namespace MediaCoop.Api.Uploads.Imaging;

/// <summary>
/// 64-bit difference hash: the image in grey at 9 × 8, one bit per horizontal neighbour pair (set when the left
/// pixel is brighter), row by row from the most significant bit. Near-duplicates differ in a few bits. Every hash
/// we compare must come from this code: other libraries' resamplers give hashes 1–17 bits apart for the same file.
/// </summary>
public static class DHash
{
    public static int Distance(long a, long b) => BitOperations.PopCount((ulong)(a ^ b));

    /// <summary>From an 8-bit sRGB image (the rendition base, already oriented).</summary>
    internal static long Compute(Image image)
    {
        using var grey = image.Colourspace(Enums.Interpretation.Bw);
        using var small = grey.Resize(9.0 / grey.Width, vscale: 8.0 / grey.Height);
        using var pixels = small.Cast(Enums.BandFormat.Uchar);
        if (pixels.Width != 9 || pixels.Height != 8 || pixels.Bands != 1)
            throw new InvalidOperationException($"dHash grid came out {pixels.Width} × {pixels.Height} × {pixels.Bands}.");
        var bytes = pixels.WriteToMemory<byte>();
        ulong hash = 0;
        for (var y = 0; y < 8; y++)
        for (var x = 0; x < 8; x++)
            hash = (hash << 1) | (bytes[y * 9 + x] > bytes[y * 9 + x + 1] ? 1UL : 0UL);
        return unchecked((long)hash);
    }
}
