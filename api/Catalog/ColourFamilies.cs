namespace MediaCoop.Api.Catalog;

/// <summary>The colour families a buyer picks from; bit numbers as in catalog_colour_family (migration 08).</summary>
public static class ColourFamilies
{
    public static readonly string[] Names =
        ["red", "orange", "yellow", "lime", "green", "teal", "blue", "navy", "purple", "pink", "brown", "beige", "black", "grey", "white"];

    public static int? BitOf(string name)
    {
        var index = Array.IndexOf(Names, name == "gray" ? "grey" : name);
        return index < 0 ? null : index;
    }

    private const double CubeDiagonal = 441.6729559300637; // √3 × 255
    private const int CellSide = 32;

    /// <summary>Largest squared RGB distance that counts as "near" at this percentage of the cube's diagonal.</summary>
    public static int MaxSquaredDistance(int percent)
    {
        var d = CubeDiagonal * percent / 100.0;
        return (int)Math.Floor(d * d);
    }

    /// <summary>
    /// The 8 × 8 × 8 cube cells (as catalog_colour_cell numbers them) that the sphere of this radius around
    /// <paramref name="rgb"/> touches: the GIN index on catalog.colour_cells finds candidates through them,
    /// and the exact distance on catalog.colours decides.
    /// </summary>
    public static int[] CellsNear(int rgb, int maxSquaredDistance)
    {
        int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
        var cells = new List<int>(64);
        for (var cr = 0; cr < 8; cr++)
        {
            var dr = AxisGap(r, cr);
            if (dr * dr > maxSquaredDistance) continue;
            for (var cg = 0; cg < 8; cg++)
            {
                var dg = AxisGap(g, cg);
                if (dr * dr + dg * dg > maxSquaredDistance) continue;
                for (var cb = 0; cb < 8; cb++)
                {
                    var db = AxisGap(b, cb);
                    if (dr * dr + dg * dg + db * db <= maxSquaredDistance) cells.Add(cr << 6 | cg << 3 | cb);
                }
            }
        }
        return [.. cells];
    }

    // Distance along one axis from a value to the nearest value inside a cell (0 when inside).
    private static int AxisGap(int value, int cell)
    {
        int low = cell * CellSide, high = low + CellSide - 1;
        return value < low ? low - value : value > high ? value - high : 0;
    }
}
