namespace MediaCoop.Api.Licensing;

/// <summary>
/// Reads a verification code the way a person types it from a printed certificate: any case, with or without the
/// dashes or spaces, and with the letters Crockford's base32 treats as digits (O for 0, I and L for 1).
/// </summary>
public static class VerificationCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 15;

    /// <summary>The canonical XXXXX-XXXXX-XXXXX form, or null when the input cannot be a code.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40) return null;
        Span<char> code = stackalloc char[Length];
        var n = 0;
        foreach (var raw in input)
        {
            if (raw is '-' or ' ') continue;
            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (n == Length || !Alphabet.Contains(c, StringComparison.Ordinal)) return null;
            code[n++] = c;
        }
        if (n != Length) return null;
        var text = new string(code);
        return $"{text[..5]}-{text[5..10]}-{text[10..]}";
    }
}
