namespace MediaCoop.Api.Members;

/// <summary>NIST 800-63B style: long enough, and not on a list of passwords attackers try first.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("MediaCoop.Api.Members.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line.Trim());
        return set;
    });

    /// <summary>True when the password is on the common list, or is one character or a short pattern repeated.</summary>
    public static bool IsCommon(string password)
    {
        if (Common.Value.Contains(password)) return true;
        for (var period = 1; period <= 4; period++)
        {
            if (password.Length < period * 3) break;
            var repeated = true;
            for (var i = period; i < password.Length && repeated; i++)
                repeated = password[i] == password[i % period];
            if (repeated) return true;
        }
        return false;
    }
}
