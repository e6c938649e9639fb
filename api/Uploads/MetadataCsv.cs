using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace MediaCoop.Api.Uploads;

/// <summary>
/// One data row. Null means "leave unchanged": the column is absent or its cell is empty, so a
/// contributor can send only the columns they want to change.
/// </summary>
public sealed record MetadataCsvRow(int Line, string Filename, string? Title, string? Description, IReadOnlyList<string>? Keywords, bool? EditorialOnly);

/// <summary>Line is the line in the file where the row starts (1 is the header); Field is a column name or "file".</summary>
public sealed record MetadataCsvError(int Line, string? Filename, string Field, string Message);

public sealed record MetadataCsvResult(IReadOnlyList<MetadataCsvRow> Rows, IReadOnlyList<MetadataCsvError> Errors);

/// <summary>
/// A contributor's spreadsheet of metadata for bulk edits, checked row by row so that the report can
/// say exactly which cell to fix. Rows with any error are left out of <see cref="MetadataCsvResult.Rows"/>;
/// whether to apply the valid rows when others failed is the caller's decision.
/// </summary>
public static class MetadataCsv
{
    public const int MaxRows = 5000;
    internal const int TitleMaxLength = EmbeddedMetadataReader.TitleMaxLength;
    internal const int DescriptionMaxLength = EmbeddedMetadataReader.DescriptionMaxLength;
    internal const int MinKeywords = 7;
    internal const int MaxKeywords = 50;
    internal const int KeywordMaxLength = EmbeddedMetadataReader.KeywordMaxLength;

    // Larger than any valid cell (50 keywords of 50 characters), small enough that a hostile file
    // cannot make one cell eat memory.
    private const int MaxFieldSize = 16 * 1024;

    private const string FileField = "file";

    private enum Column { Filename, Title, Description, Keywords, Editorial }

    private static readonly Dictionary<string, Column> KnownColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["filename"] = Column.Filename,
        ["title"] = Column.Title,
        ["description"] = Column.Description,
        ["keywords"] = Column.Keywords,
        ["editorial"] = Column.Editorial,
        ["editorial_only"] = Column.Editorial,
    };

    public static MetadataCsvResult Parse(Stream csv)
    {
        var rows = new List<MetadataCsvRow>();
        var errors = new List<MetadataCsvError>();

        // Strict UTF-8: a file saved by Excel as plain "CSV" is Windows-1252, and decoding it leniently
        // would quietly turn "café" into "caf\uFFFD". Better to say so and have it saved as "CSV UTF-8".
        using var reader = new StreamReader(csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true, leaveOpen: true);

        string? badData = null; // set by CsvHelper's callback while Read() parses a record
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = false,
            Delimiter = ",",
            HasHeaderRecord = false, // read by hand: the header rules are ours, not a class map's
            IgnoreBlankLines = false, // so that every physical line is counted; blank records are skipped below
            MaxFieldSize = MaxFieldSize,
            BadDataFound = args => badData = DescribeBadData(args.Field),
        };
        using var csvReader = new CsvReader(reader, config);

        var line = 1; // where the record being read starts
        try
        {
            if (!csvReader.Read())
                return Fail(new MetadataCsvError(1, null, "filename", "The file is empty: it needs a header row with a 'filename' column."));
            if (badData is not null)
                return Fail(new MetadataCsvError(1, null, FileField, badData));

            var header = ReadHeader(csvReader.Parser.Record ?? [], errors);
            if (header is null) return new MetadataCsvResult([], errors);

            var firstLineOfFilename = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var dataRows = 0;
            line = csvReader.Parser.RawRow + 1;
            while (true)
            {
                badData = null;
                if (!csvReader.Read()) break;
                var record = csvReader.Parser.Record ?? [];
                var startLine = line;
                line = csvReader.Parser.RawRow + 1;

                if (record.All(string.IsNullOrWhiteSpace)) continue; // blank lines and ",,," rows from spreadsheets

                if (++dataRows > MaxRows)
                {
                    errors.Add(new MetadataCsvError(startLine, null, FileField,
                        $"The file has more than {MaxRows:N0} rows; rows from line {startLine} on were not read. Split it into files of at most {MaxRows:N0} rows."));
                    break;
                }

                if (badData is not null)
                {
                    errors.Add(new MetadataCsvError(startLine, Cell(record, header, Column.Filename), FileField, badData));
                    if (IsUnterminatedQuote(badData)) break; // everything after the quote was swallowed into one cell
                    continue;
                }

                if (ReadRow(startLine, record, header, firstLineOfFilename, errors) is { } row)
                    rows.Add(row);
            }
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new MetadataCsvError(line, null, FileField,
                "The file is not UTF-8 text. In your spreadsheet, save or export it as \"CSV UTF-8\"."));
        }
        catch (MaxFieldSizeException)
        {
            errors.Add(new MetadataCsvError(line, null, FileField,
                $"A cell in the row starting on line {line} is longer than {MaxFieldSize:N0} characters, which no valid value needs; reading stopped there."));
        }
        catch (CsvHelperException)
        {
            errors.Add(new MetadataCsvError(line, null, FileField, $"Line {line} could not be read as CSV; reading stopped there."));
        }

        return new MetadataCsvResult(rows, errors);

        MetadataCsvResult Fail(MetadataCsvError error) => new([], [error]);
    }

    private const string UnterminatedQuoteMessage = "A quoted cell that starts on this line is never closed, so the rest of the file was read as part of it. Add the missing closing quote (\").";

    private static bool IsUnterminatedQuote(string message) => string.Equals(message, UnterminatedQuoteMessage, StringComparison.Ordinal);

    /// <summary>
    /// CsvHelper reports both an unclosed quote and a stray quote inside a cell as bad data. An opening
    /// quote with no partner leaves an odd number of quotes in the field: that is the unclosed case.
    /// </summary>
    private static string DescribeBadData(string field) =>
        field.StartsWith('"') && field.Count(c => c == '"') % 2 == 1
            ? UnterminatedQuoteMessage
            : "A cell on this line has a quote (\") in the wrong place. Put the whole cell in quotes and write a quote inside it as two quotes (\"\").";

    /// <summary>Where each known column is, how it was spelled (lower case), and how many columns the header has.</summary>
    private sealed record Header(Dictionary<Column, int> Index, Dictionary<Column, string> Names, int Width);

    /// <summary>The header, or null (with the reason in errors) when no row can be read reliably.</summary>
    private static Header? ReadHeader(string[] names, List<MetadataCsvError> errors)
    {
        var header = new Header([], [], names.Length);
        var duplicates = new List<MetadataCsvError>();
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i].Trim();
            if (name.Length == 0)
            {
                errors.Add(new MetadataCsvError(1, null, $"column {i + 1}", $"Column {i + 1} has no name in the header row. Remove the column or name it."));
            }
            else if (!KnownColumns.TryGetValue(name, out var column))
            {
                errors.Add(new MetadataCsvError(1, null, name,
                    $"Unknown column '{name}'. Known columns are filename, title, description, keywords and editorial (or editorial_only)."));
            }
            else if (header.Index.TryAdd(column, i))
            {
                header.Names[column] = name.ToLowerInvariant();
            }
            else
            {
                duplicates.Add(new MetadataCsvError(1, null, name, $"Column '{name}' appears more than once in the header (or as both editorial and editorial_only); keep only one."));
            }
        }

        if (!header.Index.ContainsKey(Column.Filename))
        {
            errors.Clear();
            errors.Add(new MetadataCsvError(1, null, "filename",
                "The header row has no 'filename' column, so no row can be matched to a photo. The first row must name the columns, for example: filename,title,keywords"));
            return null;
        }
        // Two columns for one field leave no way to tell which value the contributor meant.
        if (duplicates.Count > 0)
        {
            errors.AddRange(duplicates);
            return null;
        }
        // Unknown or unnamed columns are reported but do not stop the other rows from being checked:
        // the contributor gets the whole report in one go.
        return header;
    }

    private static string? Cell(string[] record, Header header, Column column)
    {
        if (!header.Index.TryGetValue(column, out var index) || index >= record.Length) return null;
        var value = record[index].Trim();
        return value.Length == 0 ? null : value;
    }

    private static MetadataCsvRow? ReadRow(int line, string[] record, Header header,
        Dictionary<string, int> firstLineOfFilename, List<MetadataCsvError> errors)
    {
        var errorsBefore = errors.Count;
        var filename = Cell(record, header, Column.Filename);
        void Error(Column column, string message) => errors.Add(new MetadataCsvError(line, filename, header.Names[column], message));

        // A short row is fine (spreadsheets drop trailing empty cells); a long one usually means a value
        // with an unquoted comma pushed the following cells one column to the right.
        if (record.Skip(header.Width).Any(c => !string.IsNullOrWhiteSpace(c)))
            errors.Add(new MetadataCsvError(line, filename, FileField,
                $"This row has {record.Length} cells but the header has {header.Width}. A value that contains a comma must be put in quotes."));

        if (filename is null)
            Error(Column.Filename, "The filename is empty; every row needs the name of the uploaded photo it describes.");
        // Case-insensitive because contributors' disks mostly are: IMG_1.jpg and img_1.JPG are one photo to them.
        else if (!firstLineOfFilename.TryAdd(filename, line))
            Error(Column.Filename, $"'{filename}' already appears on line {firstLineOfFilename[filename]}; each photo may appear only once.");

        var title = Cell(record, header, Column.Title);
        if (title is { Length: > TitleMaxLength })
            Error(Column.Title, $"The title has {title.Length} characters; the limit is {TitleMaxLength}.");

        var description = Cell(record, header, Column.Description);
        if (description is { Length: > DescriptionMaxLength })
            Error(Column.Description, $"The description has {description.Length:N0} characters; the limit is {DescriptionMaxLength:N0}.");

        var keywords = Cell(record, header, Column.Keywords) is { } keywordCell ? SplitKeywords(keywordCell) : null;
        if (keywords is not null)
        {
            foreach (var keyword in keywords.Where(k => k.Length > KeywordMaxLength))
                Error(Column.Keywords, $"The keyword '{keyword[..30]}…' has {keyword.Length} characters; the limit is {KeywordMaxLength}.");
            if (keywords.Count is < MinKeywords or > MaxKeywords)
                Error(Column.Keywords, $"There are {keywords.Count} different keywords; a photo needs between {MinKeywords} and {MaxKeywords}.");
        }

        bool? editorial = null;
        if (Cell(record, header, Column.Editorial) is { } editorialCell)
        {
            editorial = ParseYesNo(editorialCell);
            if (editorial is null)
                Error(Column.Editorial, $"'{editorialCell}' is not a yes/no value; write yes or no (true/false and 1/0 work too).");
        }

        return errors.Count == errorsBefore
            ? new MetadataCsvRow(line, filename!, title, description, keywords, editorial)
            : null;
    }

    /// <summary>
    /// Keywords share one quoted cell. ';' is the separator we document because keywords may contain
    /// commas ("Washington, D.C."); a cell with no ';' at all is split on ',' instead, since that is
    /// what most people type and what other agencies' exports use. Trimmed, empties dropped, and
    /// repeats (ignoring case) dropped with the first spelling kept.
    /// </summary>
    internal static List<string> SplitKeywords(string cell)
    {
        var separator = cell.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var keywords = new List<string>();
        foreach (var part in cell.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (seen.Add(part)) keywords.Add(part);
        return keywords;
    }

    private static bool? ParseYesNo(string value) => value.ToUpperInvariant() switch
    {
        "YES" or "TRUE" or "1" => true,
        "NO" or "FALSE" or "0" => false,
        _ => null,
    };
}
