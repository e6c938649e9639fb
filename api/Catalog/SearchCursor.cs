using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MediaCoop.Api.Catalog;

/// <summary>
/// Where the next page starts: the last item's sort key and id (the unique tiebreak), for one sort and one
/// search (its filter fingerprint). After a typo correction it also carries the corrected text, so later
/// pages continue the corrected search. Opaque base64url with a checksum: a damaged or edited cursor is
/// refused rather than read. The checksum is not a secret signature: a forged cursor could only point to
/// another place in the same public results.
/// </summary>
public sealed record SearchCursor(SearchSort Sort, ulong Fingerprint, long Key, Guid AfterId, string? CorrectedText)
{
    private const byte Version = 1;
    private static readonly byte[] Pepper = "mediacoop search cursor v1"u8.ToArray();

    public static SearchCursor ForNewest(ulong fingerprint, DateTime publishedAt, Guid id, string? corrected) =>
        new(SearchSort.Newest, fingerprint, publishedAt.Ticks, id, corrected);

    public static SearchCursor ForPopular(ulong fingerprint, double popularity, Guid id, string? corrected) =>
        new(SearchSort.Popular, fingerprint, BitConverter.DoubleToInt64Bits(popularity), id, corrected);

    public static SearchCursor ForRelevance(ulong fingerprint, float rank, Guid id, string? corrected) =>
        new(SearchSort.Relevance, fingerprint, BitConverter.SingleToInt32Bits(rank), id, corrected);

    public DateTime PublishedAt => new(Key, DateTimeKind.Utc);
    public double Popularity => BitConverter.Int64BitsToDouble(Key);
    public float Rank => BitConverter.Int32BitsToSingle((int)Key);

    public string Encode()
    {
        var text = CorrectedText is null ? [] : Encoding.UTF8.GetBytes(CorrectedText);
        var buffer = new byte[1 + 1 + 8 + 8 + 16 + 2 + text.Length + 8];
        buffer[0] = Version;
        buffer[1] = (byte)Sort;
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(2), Fingerprint);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(10), Key);
        AfterId.TryWriteBytes(buffer.AsSpan(18, 16));
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(34), (ushort)text.Length);
        text.CopyTo(buffer.AsSpan(36));
        Checksum(buffer.AsSpan(0, buffer.Length - 8)).CopyTo(buffer.AsSpan(buffer.Length - 8));
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor, or null when it is not one this server wrote (garbage, truncated, edited).</summary>
    public static SearchCursor? Decode(string value)
    {
        if (value.Length is < 8 or > 2048) return null;
        var base64 = value.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var buffer = new byte[base64.Length * 3 / 4];
        if (!Convert.TryFromBase64String(base64, buffer, out var length) || length < 44) return null;
        var bytes = buffer.AsSpan(0, length);
        if (!Checksum(bytes[..^8]).AsSpan().SequenceEqual(bytes[^8..])) return null;
        if (bytes[0] != Version || bytes[1] is < (byte)SearchSort.Newest or > (byte)SearchSort.Relevance) return null;
        var textLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[34..]);
        if (36 + textLength + 8 != length) return null;
        string? corrected = null;
        if (textLength > 0)
        {
            try
            {
                corrected = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.Slice(36, textLength));
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }
        return new SearchCursor((SearchSort)bytes[1], BinaryPrimitives.ReadUInt64LittleEndian(bytes[2..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[10..]), new Guid(bytes.Slice(18, 16)), corrected);
    }

    private static byte[] Checksum(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[32];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Pepper);
        sha.AppendData(content);
        sha.GetHashAndReset(hash);
        return hash[..8].ToArray();
    }
}
