using System.Globalization;
using NetVips;

namespace MediaCoop.Api.Uploads.Imaging;

/// <summary>
/// Up to five colours that cover most of the picture, for colour search: k-means on a 64 px copy, seeded from
/// the fullest cells of a coarse histogram so the same image always gives the same answer.
/// </summary>
internal static class DominantColours
{
    private const int SampleLongEdge = 64;
    private const int MaxColours = 5;
    private const int Iterations = 8;
    // A colour on less than this share of the picture is noise for search purposes.
    private const double MinShare = 0.02;

    /// <summary>From an 8-bit, 3-band sRGB image; "#rrggbb" strings, the largest share first.</summary>
    public static IReadOnlyList<string> Compute(Image image)
    {
        var scale = Math.Min(1.0, (double)SampleLongEdge / Math.Max(image.Width, image.Height));
        using var small = scale < 1 ? image.Resize(scale) : image.Copy();
        var pixels = small.WriteToMemory<byte>();
        var count = pixels.Length / 3;

        var centres = Seeds(pixels, count);
        var members = new int[centres.Count];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var sums = new long[centres.Count, 3];
            Array.Clear(members);
            for (var i = 0; i < count; i++)
            {
                var nearest = Nearest(centres, pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2]);
                members[nearest]++;
                for (var band = 0; band < 3; band++) sums[nearest, band] += pixels[3 * i + band];
            }
            for (var c = 0; c < centres.Count; c++)
            {
                if (members[c] == 0) continue;
                centres[c] = ((double)sums[c, 0] / members[c], (double)sums[c, 1] / members[c], (double)sums[c, 2] / members[c]);
            }
        }

        return Enumerable.Range(0, centres.Count)
            .Where(c => members[c] >= MinShare * count)
            .OrderByDescending(c => members[c]).ThenBy(c => c)
            .Select(c => Hex(centres[c]))
            .Distinct()
            .ToList();
    }

    /// <summary>Centres of the most populated cells of an 8 × 8 × 8 histogram.</summary>
    private static List<(double R, double G, double B)> Seeds(byte[] pixels, int count)
    {
        var cells = new int[512];
        for (var i = 0; i < count; i++)
            cells[Cell(pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2])]++;
        return Enumerable.Range(0, cells.Length)
            .Where(cell => cells[cell] > 0)
            .OrderByDescending(cell => cells[cell]).ThenBy(cell => cell)
            .Take(MaxColours)
            .Select(cell => (R: (cell >> 6) * 32 + 16.0, G: ((cell >> 3) & 7) * 32 + 16.0, B: (cell & 7) * 32 + 16.0))
            .ToList();
    }

    private static int Cell(byte r, byte g, byte b) => (r >> 5) << 6 | (g >> 5) << 3 | b >> 5;

    private static int Nearest(List<(double R, double G, double B)> centres, byte r, byte g, byte b)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < centres.Count; c++)
        {
            var (cr, cg, cb) = centres[c];
            var distance = (r - cr) * (r - cr) + (g - cg) * (g - cg) + (b - cb) * (b - cb);
            if (distance < bestDistance) (best, bestDistance) = (c, distance);
        }
        return best;
    }

    private static string Hex((double R, double G, double B) colour) => string.Create(CultureInfo.InvariantCulture,
        $"#{(int)Math.Round(colour.R):x2}{(int)Math.Round(colour.G):x2}{(int)Math.Round(colour.B):x2}");
}
