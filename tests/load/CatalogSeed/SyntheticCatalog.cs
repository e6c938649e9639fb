using System.Globalization;
using System.Text;

namespace MediaCoop.Load.CatalogSeed;

internal sealed record Contributor(Guid Id, string Email, string DisplayName, string Handle, DateTime CreatedAt);

internal sealed record Release(Guid Id, Guid OwnerId, string Kind, string Name, string BlobKey, DateTime CreatedAt);

internal sealed class Asset
{
    public required Guid Id { get; init; }
    public required int Owner { get; init; }
    public required string OriginalKey { get; init; }
    public required string OriginalFilename { get; init; }
    public required long ByteSize { get; init; }
    public required byte[] Sha256 { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string[] Keywords { get; init; }
    public required bool EditorialOnly { get; init; }
    public required bool ShowsPeople { get; init; }
    public required bool ShowsProperty { get; init; }
    public required DateTime CapturedAt { get; init; }
    public required string Camera { get; init; }
    public required string Lens { get; init; }
    public required long DHash { get; init; }
    public required string[] DominantColours { get; init; }
    public required int Picture { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime SubmittedAt { get; init; }
    public required DateTime PublishedAt { get; init; }
}

/// <summary>Credits and releases of one asset, kept (compactly) for the second COPY pass after the assets commit.</summary>
internal readonly record struct AssetLinks(Guid AssetId, int Owner, byte Picture, int ModelRelease, int PropertyRelease, int CoCredit1, int CoCredit2);

/// <summary>
/// The deterministic synthetic catalogue: everything is drawn from one seeded <see cref="Random"/> in a fixed order,
/// so the same options always produce the same rows (ids included).
/// </summary>
internal sealed class SyntheticCatalog
{
    public const string EmailDomain = "seed.mediacoop.test";
    // Every seeded contributor can sign in with this password (the hash is computed once with the product's hasher).
    public const string Password = "seeded-contributor-2026";
    private const int PseudoWords = 200_000;
    private const double HapaxChance = 0.05;

    private static readonly DateTime CatalogueStart = new(2021, 11, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime CatalogueEnd = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    private static readonly (int Width, int Height)[] CameraFrames =
    [
        (6000, 4000), (8256, 5504), (5472, 3648), (4032, 3024), (6720, 4480), (7952, 5304), (6000, 3375),
        (5184, 3456), (4000, 3000), (3840, 2160), (8192, 5464), (6240, 4160),
    ];
    private static readonly (int Width, int Height)[] SquareFrames = [(4000, 4000), (3024, 3024), (5504, 5504), (2160, 2160)];
    private static readonly (int Width, int Height)[] PanoramaFrames = [(12000, 4000), (9000, 3000), (16000, 4000), (8000, 2600), (14000, 3500)];

    private readonly SeedOptions options;
    private readonly IReadOnlyList<SharedPicture> pictures;
    private readonly Random random;
    private readonly ZipfSampler keywordSampler;
    private readonly ZipfSampler ownerSampler;
    private readonly string[] rankedWords;
    private readonly Dictionary<string, ZipfSampler> categorySamplers = [];

    public SyntheticCatalog(SeedOptions options, IReadOnlyList<SharedPicture> pictures)
    {
        this.options = options;
        this.pictures = pictures;
        random = new Random(options.Seed);
        rankedWords = RankWords(random);
        // Zipf–Mandelbrot: without the offset the top word would be in nearly every asset. With these figures a
        // quarter of a keyword list's draws fall in the made-up tail, "background" is on about a third of the
        // assets, the 100th word on ~4 %, the 1,000th on ~0.2 %, and the last words on two or three assets each.
        keywordSampler = new ZipfSampler(rankedWords.Length, exponent: 1.3, offset: 20);
        // A few prolific contributors, a long tail of occasional ones.
        ownerSampler = new ZipfSampler(options.Contributors, exponent: 0.8, offset: 5);
        Contributors = MakeContributors();
        Releases = MakeReleases();
    }

    public IReadOnlyList<Contributor> Contributors { get; }

    /// <summary>Per contributor: three model releases then one property release.</summary>
    public IReadOnlyList<Release> Releases { get; }

    public IReadOnlyList<SharedPicture> Pictures => pictures;

    public List<AssetLinks> Links { get; } = [];

    public IEnumerable<Asset> Assets()
    {
        var span = (CatalogueEnd - CatalogueStart).Ticks;
        var owners = Contributors.Count;
        for (var i = 0; i < options.Assets; i++)
        {
            // Growing library: the square root packs more uploads into recent years; monotonic, so ids (UUIDv7,
            // time-ordered) arrive in index order and the primary key is appended to rather than split.
            var published = CatalogueStart.AddTicks((long)(span * Math.Sqrt((i + 0.5) / options.Assets)));
            var id = UuidV7(published);
            var owner = ownerSampler.Sample(random);
            var (width, height) = Frame();
            var picture = PictureFor(width, height);
            var (title, titleWords, showsPeople) = Title();
            var keywords = Keywords(titleWords);
            var description = Description(title);
            var created = published.AddMinutes(-random.Next(60 * 24, 60 * 24 * 21));
            var submitted = created.AddMinutes(random.Next(5, 60 * 24));
            var captured = created.AddDays(-random.Next(1, 400)).AddSeconds(-random.Next(0, 86_400));
            var showsProperty = random.NextDouble() < 0.12;
            var modelRelease = showsPeople && random.NextDouble() < 0.85 ? owner * 4 + random.Next(3) : -1;
            var propertyRelease = showsProperty && random.NextDouble() < 0.5 ? owner * 4 + 3 : -1;
            int coCredit1 = -1, coCredit2 = -1;
            var credit = random.NextDouble();
            if (credit < 0.035 && owners > 2)
            {
                coCredit1 = OtherContributor(owner, -1);
                if (credit < 0.005) coCredit2 = OtherContributor(owner, coCredit1);
            }
            Links.Add(new AssetLinks(id, owner, (byte)picture, modelRelease, propertyRelease, coCredit1, coCredit2));

            var sha = new byte[32];
            random.NextBytes(sha);
            yield return new Asset
            {
                Id = id,
                Owner = owner,
                OriginalKey = $"originals/{published.ToString("yyyy/MM", CultureInfo.InvariantCulture)}/{id:N}",
                OriginalFilename = random.Next(3) switch
                {
                    0 => $"IMG_{random.Next(10_000):0000}.jpg",
                    1 => $"DSC{random.Next(100_000):00000}.jpg",
                    _ => $"{string.Join('-', titleWords.Take(3)).ToLowerInvariant()}.jpg",
                },
                ByteSize = (long)(width * (double)height * (0.25 + random.NextDouble() * 0.4)),
                Sha256 = sha,
                Width = width,
                Height = height,
                Title = title,
                Description = description,
                Keywords = keywords,
                EditorialOnly = random.NextDouble() < 0.10,
                ShowsPeople = showsPeople,
                ShowsProperty = showsProperty,
                CapturedAt = captured,
                Camera = Vocabulary.Cameras[random.Next(Vocabulary.Cameras.Length)],
                Lens = Vocabulary.Lenses[random.Next(Vocabulary.Lenses.Length)],
                DHash = random.NextInt64(long.MinValue, long.MaxValue),
                DominantColours = Colours(),
                Picture = picture,
                CreatedAt = created,
                SubmittedAt = submitted,
                PublishedAt = published,
            };
        }
    }

    private int OtherContributor(int owner, int other)
    {
        while (true)
        {
            var candidate = random.Next(Contributors.Count);
            if (candidate != owner && candidate != other) return candidate;
        }
    }

    private (int Width, int Height) Frame()
    {
        var kind = random.NextDouble();
        (int Width, int Height) frame;
        if (kind < 0.58) frame = CameraFrames[random.Next(CameraFrames.Length)];
        else if (kind < 0.86) frame = Swap(CameraFrames[random.Next(CameraFrames.Length)]);
        else if (kind < 0.955) return SquareFrames[random.Next(SquareFrames.Length)];
        else frame = random.NextDouble() < 0.9 ? PanoramaFrames[random.Next(PanoramaFrames.Length)] : Swap(PanoramaFrames[random.Next(PanoramaFrames.Length)]);
        // A third of the photos were cropped a little in editing.
        if (random.NextDouble() < 0.33)
        {
            frame = ((int)(frame.Width * (0.7 + random.NextDouble() * 0.3)), (int)(frame.Height * (0.7 + random.NextDouble() * 0.3)));
        }
        return frame;

        static (int, int) Swap((int W, int H) f) => (f.H, f.W);
    }

    private int PictureFor(int width, int height)
    {
        var aspect = Math.Log((double)width / height);
        var best = 0;
        for (var i = 1; i < pictures.Count; i++)
        {
            if (Math.Abs(Math.Log(pictures[i].Aspect) - aspect) < Math.Abs(Math.Log(pictures[best].Aspect) - aspect)) best = i;
        }
        // The pictures come in runs of palettes per shape: pick one of the run at random.
        var runStart = best - best % 4;
        return runStart + random.Next(4);
    }

    private string Pick(string[] category)
    {
        if (!categorySamplers.TryGetValue(category[0], out var sampler))
        {
            sampler = new ZipfSampler(category.Length, exponent: 1.0, offset: 5);
            categorySamplers[category[0]] = sampler;
        }
        return category[sampler.Sample(random)];
    }

    private (string Title, List<string> Words, bool ShowsPeople) Title()
    {
        while (true)
        {
            var words = new List<string>();
            string W(string[] category) { var w = Pick(category); words.Add(w); return w; }
            var template = random.NextDouble();
            bool people;
            string title;
            if (template < 0.38)
            {
                people = true;
                title = random.Next(4) switch
                {
                    0 => $"{Cap(W(Vocabulary.Adjectives))} {W(Vocabulary.People)} {W(Vocabulary.Actions)} in the {W(Vocabulary.Places)}",
                    1 => $"{Cap(W(Vocabulary.People))} {W(Vocabulary.Actions)} at {W(Vocabulary.Times)}",
                    2 => $"{Cap(W(Vocabulary.People))} and {W(Vocabulary.People)} {W(Vocabulary.Actions)} together",
                    _ => $"Portrait of a {W(Vocabulary.Adjectives)} {W(Vocabulary.People)} with {W(Vocabulary.Things)}",
                };
            }
            else
            {
                // Crowds and passers-by in the background.
                people = random.NextDouble() < 0.05;
                title = random.Next(7) switch
                {
                    0 => $"{Cap(W(Vocabulary.Adjectives))} {W(Vocabulary.Animals)} in the {W(Vocabulary.Places)}",
                    1 => $"{Cap(W(Vocabulary.Places))} at {W(Vocabulary.Times)}",
                    2 => $"{Cap(W(Vocabulary.Adjectives))} {W(Vocabulary.Places)} with {W(Vocabulary.Things)}",
                    3 => $"{Cap(W(Vocabulary.Concepts))} concept: {W(Vocabulary.Things)} and {W(Vocabulary.Things)}",
                    4 => $"Close-up of {W(Vocabulary.Adjectives)} {W(Vocabulary.Things)}",
                    5 => $"Aerial view of {W(Vocabulary.Places)} at {W(Vocabulary.Times)}",
                    _ => $"{Cap(W(Vocabulary.Things))} on a {W(Vocabulary.Adjectives)} {W(Vocabulary.Things)}, {W(Vocabulary.Places)}",
                };
            }
            if (title.Length <= 70) return (title, words, people);
        }
    }

    private string[] Keywords(List<string> titleWords)
    {
        // 7–50, most between 15 and 35: the skewed draw leans towards the lower middle like real uploads.
        var count = 7 + (int)(43 * Math.Pow(random.NextDouble(), 1.4));
        var chosen = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in titleWords)
        {
            if (chosen.Count < count && seen.Add(word)) chosen.Add(word);
        }
        if (random.NextDouble() < HapaxChance && chosen.Count < count)
        {
            // A word (a place name, a brand, a typo) that only this one asset uses.
            var hapax = PseudoWord(random, 4 + random.Next(2));
            if (seen.Add(hapax)) chosen.Add(hapax);
        }
        var guard = 0;
        while (chosen.Count < count && guard++ < 1000)
        {
            var word = rankedWords[keywordSampler.Sample(random)];
            if (seen.Add(word)) chosen.Add(word);
        }
        return [.. chosen];
    }

    private string Description(string title)
    {
        var first = $"{title}, photographed in {Pick(Vocabulary.Places)} on a {Pick(Vocabulary.Adjectives)} {Pick(Vocabulary.Times)}.";
        return random.Next(3) switch
        {
            0 => first,
            1 => $"{first} Plenty of copy space on the {(random.Next(2) == 0 ? "left" : "right")}.",
            _ => $"{first} Shot with natural light; {Pick(Vocabulary.Concepts)} and {Pick(Vocabulary.Concepts)} themes.",
        };
    }

    private string[] Colours()
    {
        var count = 1 + (int)(5 * Math.Pow(random.NextDouble(), 1.3));
        var colours = new string[Math.Min(count, 5)];
        for (var i = 0; i < colours.Length; i++)
        {
            int r, g, b;
            if (random.NextDouble() < 0.25)
            {
                // Neutrals: black, greys, whites, and the warm beiges of skin, sand and paper.
                var level = random.Next(256);
                var warm = random.NextDouble() < 0.3 ? random.Next(10, 40) : 0;
                (r, g, b) = (Math.Min(255, level + warm), Math.Min(255, level + warm / 2), level);
            }
            else
            {
                (r, g, b) = Hsv(random.NextDouble() * 360, 0.3 + random.NextDouble() * 0.7, 0.3 + random.NextDouble() * 0.7);
            }
            colours[i] = string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
        }
        return colours;
    }

    private static (int, int, int) Hsv(double h, double s, double v)
    {
        var c = v * s;
        var x = c * (1 - Math.Abs(h / 60 % 2 - 1));
        var m = v - c;
        var (r, g, b) = (int)(h / 60) switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return ((int)((r + m) * 255), (int)((g + m) * 255), (int)((b + m) * 255));
    }

    private Guid UuidV7(DateTime at)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var ms = new DateTimeOffset(at).ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(ms >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private List<Contributor> MakeContributors()
    {
        var list = new List<Contributor>(options.Contributors);
        for (var c = 0; c < options.Contributors; c++)
        {
            var first = Vocabulary.FirstNames[random.Next(Vocabulary.FirstNames.Length)];
            var last = Vocabulary.LastNames[random.Next(Vocabulary.LastNames.Length)];
            var slug = Slug($"{first} {last}");
            var joined = CatalogueStart.AddDays(-random.Next(30, 900));
            list.Add(new Contributor(UuidV7(joined), $"{slug}.{c}@{EmailDomain}", $"{first} {last}",
                string.Create(CultureInfo.InvariantCulture, $"{slug}-{c}"), joined));
        }
        return list;
    }

    private List<Release> MakeReleases()
    {
        var list = new List<Release>(Contributors.Count * 4);
        foreach (var contributor in Contributors)
        {
            for (var k = 0; k < 4; k++)
            {
                var kind = k < 3 ? "model" : "property";
                var created = contributor.CreatedAt.AddDays(random.Next(1, 30));
                var id = UuidV7(created);
                var name = kind == "model"
                    ? $"Model release: {Vocabulary.FirstNames[random.Next(Vocabulary.FirstNames.Length)]} {Vocabulary.LastNames[random.Next(Vocabulary.LastNames.Length)]}"
                    : $"Property release: {Cap(Pick(Vocabulary.Places))}";
                list.Add(new Release(id, contributor.Id, kind, name, $"releases/{id:N}.pdf", created));
            }
        }
        return list;
    }

    /// <summary>Most common first: the generic words, the categories interleaved, then the made-up long tail.</summary>
    private static string[] RankWords(Random random)
    {
        var ranked = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Vocabulary.Generic) if (seen.Add(word)) ranked.Add(word);
        string[][] categories =
        [
            Vocabulary.People, Vocabulary.Places, Vocabulary.Things, Vocabulary.Concepts, Vocabulary.Adjectives,
            Vocabulary.Actions, Vocabulary.Animals, Vocabulary.Times,
        ];
        var longest = categories.Max(c => c.Length);
        for (var i = 0; i < longest; i++)
        {
            foreach (var category in categories)
            {
                if (i < category.Length && seen.Add(category[i])) ranked.Add(category[i]);
            }
        }
        var target = ranked.Count + PseudoWords;
        while (ranked.Count < target)
        {
            var word = PseudoWord(random, 2 + random.Next(3));
            if (seen.Add(word)) ranked.Add(word);
        }
        return [.. ranked];
    }

    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kr", "st", "th", "sh", "tr"];
    private static readonly string[] Nuclei = ["a", "e", "i", "o", "u", "ai", "ou", "ea"];
    private static readonly string[] Codas = ["", "", "", "n", "r", "l", "s", "k", "m", "x"];

    private static string PseudoWord(Random random, int syllables)
    {
        var builder = new StringBuilder();
        for (var s = 0; s < syllables; s++)
        {
            builder.Append(Onsets[random.Next(Onsets.Length)]).Append(Nuclei[random.Next(Nuclei.Length)]);
            if (s == syllables - 1 || random.Next(3) == 0) builder.Append(Codas[random.Next(Codas.Length)]);
        }
        return builder.ToString();
    }

    private static string Cap(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary>Lowercase ASCII letters, digits and dashes, as the users_handle_format check wants.</summary>
    private static string Slug(string name)
    {
        var builder = new StringBuilder();
        foreach (var ch in name.ToLowerInvariant())
        {
            var folded = ch switch
            {
                'á' or 'à' or 'â' or 'ä' or 'ã' or 'å' => 'a',
                'é' or 'è' or 'ê' or 'ë' => 'e',
                'í' or 'ì' or 'î' or 'ï' => 'i',
                'ó' or 'ò' or 'ô' or 'ö' or 'õ' or 'ø' => 'o',
                'ú' or 'ù' or 'û' or 'ü' => 'u',
                'ñ' => 'n',
                'ç' => 'c',
                _ => ch,
            };
            if (folded is >= 'a' and <= 'z' or >= '0' and <= '9') builder.Append(folded);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }
}

/// <summary>Draws ranks 0..n-1 with weight 1 / (rank + 1 + offset)^exponent by binary search in the cumulative weights.</summary>
internal sealed class ZipfSampler
{
    private readonly double[] cumulative;

    public ZipfSampler(int n, double exponent, double offset)
    {
        cumulative = new double[n];
        var sum = 0.0;
        for (var r = 0; r < n; r++)
        {
            sum += 1.0 / Math.Pow(r + 1 + offset, exponent);
            cumulative[r] = sum;
        }
    }

    public int Sample(Random random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        return index >= 0 ? index : Math.Min(~index, cumulative.Length - 1);
    }
}
