using System.Security.Cryptography;
using System.Text;

namespace MediaCoop.Api.Integrations;

/// <summary>
/// The API key format, in the style of GitHub's tokens:
/// <c>mcp_</c> + 32 random base62 characters (≈190 bits) + 6 base62 characters of the CRC-32 (IEEE) of the
/// preceding 36 characters, zero-padded, most significant digit first. 42 characters in all, e.g.
/// <c>mcp_1a2B…XyZ0k3Fq9w</c>.
/// The fixed prefix lets secret scanners spot a leaked key; the checksum lets us refuse a mistyped or made-up
/// key without touching the database. Only the SHA-256 of the whole key and its first 12 characters
/// (<see cref="Prefix"/>) are stored.
/// </summary>
public static class ApiKeyFormat
{
    public const string KeyPrefix = "mcp_";
    public const int RandomLength = 32;
    public const int ChecksumLength = 6;
    public const int Length = 4 + RandomLength + ChecksumLength;
    public const int DisplayPrefixLength = 12;
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate()
    {
        var body = KeyPrefix + RandomNumberGenerator.GetString(Base62, RandomLength);
        return body + Checksum(body);
    }

    /// <summary>True when <paramref name="key"/> has the shape and a matching checksum; no I/O.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> key)
    {
        if (key.Length != Length || !key.StartsWith(KeyPrefix, StringComparison.Ordinal)) return false;
        foreach (var c in key[KeyPrefix.Length..])
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        var body = key[..^ChecksumLength];
        return key[^ChecksumLength..].SequenceEqual(Checksum(body));
    }

    /// <summary>
    /// Shaped like one of our keys, checksum or not, even truncated: the prefix then 16+ base62 characters. What must
    /// never travel in a URL; an ordinary search such as "mcp_logo" does not match.
    /// </summary>
    public static bool LooksLikeKey(ReadOnlySpan<char> value)
    {
        if (!value.StartsWith(KeyPrefix, StringComparison.OrdinalIgnoreCase)) return false;
        var rest = value[KeyPrefix.Length..];
        var run = 0;
        while (run < rest.Length && char.IsAsciiLetterOrDigit(rest[run])) run++;
        return run >= 16;
    }

    public static string Prefix(string key) => key[..DisplayPrefixLength];

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.ASCII.GetBytes(key));

    private static string Checksum(ReadOnlySpan<char> body)
    {
        Span<byte> ascii = stackalloc byte[body.Length];
        for (var i = 0; i < body.Length; i++) ascii[i] = (byte)body[i];
        var crc = (ulong)Crc32(ascii);
        Span<char> digits = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            digits[i] = Base62[(int)(crc % 62)];
            crc /= 62;
        }
        return new string(digits);
    }

    // CRC-32/ISO-HDLC (zlib's), bitwise: 36 bytes per request do not need a table.
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
