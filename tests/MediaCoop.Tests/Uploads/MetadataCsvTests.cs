using System.Text;
using MediaCoop.Api.Uploads;

namespace MediaCoop.Tests.Uploads;

public sealed class MetadataCsvTests
{
    private const string SevenKeywords = "lake;mist;dawn;swan;water;reflection;calm";

    private static MetadataCsvResult Parse(string text, bool byteOrderMark = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (byteOrderMark) bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        using var stream = new MemoryStream(bytes);
        return MetadataCsv.Parse(stream);
    }

    private static string Keywords(int count, string separator = ";") => string.Join(separator, Enumerable.Range(1, count).Select(i => $"keyword{i}"));

    private static void AssertNoErrors(MetadataCsvResult result) =>
        Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));

    [Test]
    public void A_complete_row_is_read_with_every_field()
    {
        var result = Parse($"filename,title,description,keywords,editorial\r\nIMG_0001.jpg,Lake at dawn,Mist over the lake,\"{SevenKeywords}\",yes\r\n");

        AssertNoErrors(result);
        Assert.That(result.Rows, Has.Count.EqualTo(1));
        var row = result.Rows[0];
        Assert.Multiple(() =>
        {
            Assert.That(row.Line, Is.EqualTo(2));
            Assert.That(row.Filename, Is.EqualTo("IMG_0001.jpg"));
            Assert.That(row.Title, Is.EqualTo("Lake at dawn"));
            Assert.That(row.Description, Is.EqualTo("Mist over the lake"));
            Assert.That(row.Keywords, Is.EqualTo(SevenKeywords.Split(';')));
            Assert.That(row.EditorialOnly, Is.True);
        });
    }

    [Test]
    public void Header_names_are_case_insensitive_and_trimmed_and_editorial_only_is_an_alias()
    {
        var result = Parse("  FileName , TITLE ,Editorial_Only\na.jpg,A title,false\n");

        AssertNoErrors(result);
        Assert.That(result.Rows.Single(), Is.EqualTo(new MetadataCsvRow(2, "a.jpg", "A title", null, null, false)));
    }

    [Test]
    public void Absent_columns_and_empty_cells_mean_leave_unchanged()
    {
        var result = Parse("filename,title,description,keywords,editorial\na.jpg,,  ,,\nb.jpg\n");

        AssertNoErrors(result);
        Assert.That(result.Rows, Is.EqualTo(new[]
        {
            new MetadataCsvRow(2, "a.jpg", null, null, null, null),
            new MetadataCsvRow(3, "b.jpg", null, null, null, null),
        }));
    }

    [Test]
    public void Keywords_split_on_semicolons_and_a_comma_stays_inside_a_keyword_when_semicolons_are_used()
    {
        var result = Parse("filename,keywords\na.jpg,\"Washington, D.C.;capitol; dome ;;USA;travel;architecture;DOME;Capitol Hill\"\n");

        AssertNoErrors(result);
        Assert.That(result.Rows.Single().Keywords, Is.EqualTo(new[] { "Washington, D.C.", "capitol", "dome", "USA", "travel", "architecture", "Capitol Hill" }),
            "trimmed, empties removed, repeats ignoring case removed with the first spelling kept");
    }

    [Test]
    public void Keywords_split_on_commas_when_the_cell_has_no_semicolon()
    {
        var result = Parse($"filename,keywords\na.jpg,\"{Keywords(7, ", ")}\"\n");

        AssertNoErrors(result);
        Assert.That(result.Rows.Single().Keywords, Is.EqualTo(Keywords(7).Split(';')));
    }

    [TestCase(6, false)]
    [TestCase(7, true)]
    [TestCase(50, true)]
    [TestCase(51, false)]
    public void A_keywords_cell_needs_7_to_50_keywords(int count, bool valid)
    {
        var result = Parse($"filename,keywords\na.jpg,\"{Keywords(count)}\"\n");

        Assert.That(result.Rows, Has.Count.EqualTo(valid ? 1 : 0));
        if (!valid)
            Assert.That(result.Errors.Single(), Has.Property("Field").EqualTo("keywords").And.Property("Line").EqualTo(2)
                .And.Property("Message").Contains($"{count} different keywords").And.Property("Message").Contains("between 7 and 50"));
    }

    [Test]
    public void Repeated_keywords_count_once_towards_the_minimum()
    {
        var result = Parse("filename,keywords\na.jpg,\"a;b;c;d;e;f;A\"\n");
        Assert.That(result.Errors.Single().Message, Does.Contain("6 different keywords"));
    }

    [Test]
    public void A_keyword_over_50_characters_is_an_error()
    {
        var longKeyword = new string('k', 51);
        var result = Parse($"filename,keywords\na.jpg,\"{Keywords(7)};{longKeyword}\"\nb.jpg,\"{Keywords(6)};{new string('k', 50)}\"\n");

        Assert.That(result.Errors.Single(), Has.Property("Line").EqualTo(2).And.Property("Field").EqualTo("keywords").And.Property("Message").Contains("51 characters"));
        Assert.That(result.Rows.Single().Filename, Is.EqualTo("b.jpg"));
    }

    [Test]
    public void A_title_over_70_characters_is_an_error_and_70_is_fine()
    {
        var result = Parse($"filename,title\na.jpg,{new string('t', 71)}\nb.jpg,{new string('t', 70)}\n");

        Assert.That(result.Errors.Single(), Is.EqualTo(new MetadataCsvError(2, "a.jpg", "title", "The title has 71 characters; the limit is 70.")));
        Assert.That(result.Rows.Single().Filename, Is.EqualTo("b.jpg"));
    }

    [Test]
    public void A_description_over_2000_characters_is_an_error()
    {
        var result = Parse($"filename,description\na.jpg,{new string('d', 2001)}\n");
        Assert.That(result.Errors.Single().Field, Is.EqualTo("description"));
        Assert.That(result.Rows, Is.Empty);
    }

    [TestCase("yes", true)]
    [TestCase("YES", true)]
    [TestCase(" True ", true)]
    [TestCase("1", true)]
    [TestCase("no", false)]
    [TestCase("False", false)]
    [TestCase("0", false)]
    public void Editorial_accepts_yes_no_true_false_1_0(string cell, bool expected)
    {
        var result = Parse($"filename,editorial\na.jpg,{cell}\n");
        AssertNoErrors(result);
        Assert.That(result.Rows.Single().EditorialOnly, Is.EqualTo(expected));
    }

    [TestCase("editorial", "maybe")]
    [TestCase("editorial_only", "y")]
    [TestCase("editorial", "2")]
    public void Any_other_editorial_value_is_an_error_naming_the_column_used(string column, string cell)
    {
        var result = Parse($"filename,{column}\na.jpg,{cell}\n");

        Assert.That(result.Rows, Is.Empty);
        Assert.That(result.Errors.Single(), Has.Property("Field").EqualTo(column).And.Property("Filename").EqualTo("a.jpg")
            .And.Property("Message").Contains($"'{cell}' is not a yes/no value"));
    }

    [Test]
    public void An_empty_filename_is_an_error()
    {
        var result = Parse("filename,title\n  ,A title\n");

        Assert.That(result.Rows, Is.Empty);
        Assert.That(result.Errors.Single(), Has.Property("Line").EqualTo(2).And.Property("Field").EqualTo("filename")
            .And.Property("Filename").Null.And.Property("Message").Contains("filename is empty"));
    }

    [Test]
    public void A_filename_repeated_in_any_letter_case_is_an_error_on_the_repeat_that_names_the_first_line()
    {
        var result = Parse("filename,title\nIMG_1.jpg,First\nIMG_2.jpg,Second\nimg_1.JPG,Again\n");

        Assert.That(result.Rows.Select(r => r.Title), Is.EqualTo(new[] { "First", "Second" }));
        Assert.That(result.Errors.Single(), Has.Property("Line").EqualTo(4).And.Property("Field").EqualTo("filename")
            .And.Property("Message").Contains("already appears on line 2"));
    }

    [Test]
    public void A_row_with_several_problems_reports_each_and_is_left_out()
    {
        var result = Parse($"filename,title,keywords,editorial\na.jpg,{new string('t', 80)},\"a;b\",perhaps\nb.jpg,Fine,,no\n");

        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EquivalentTo(new[] { (2, "title"), (2, "keywords"), (2, "editorial") }));
        Assert.That(result.Rows.Select(r => r.Filename), Is.EqualTo(new[] { "b.jpg" }));
    }

    [Test]
    public void An_unknown_column_is_one_error_on_line_1_and_the_rows_are_still_checked()
    {
        var result = Parse("filename,title,keywrods,Price\na.jpg,A title,x,3\n");

        Assert.That(result.Errors, Is.EquivalentTo(new[]
        {
            new MetadataCsvError(1, null, "keywrods", "Unknown column 'keywrods'. Known columns are filename, title, description, keywords and editorial (or editorial_only)."),
            new MetadataCsvError(1, null, "Price", "Unknown column 'Price'. Known columns are filename, title, description, keywords and editorial (or editorial_only)."),
        }));
        Assert.That(result.Rows.Single(), Is.EqualTo(new MetadataCsvRow(2, "a.jpg", "A title", null, null, null)));
    }

    [TestCase("title,keywords\nA title,x\n")]
    [TestCase("name,title,whatever\na.jpg,A title,x\n")]
    [TestCase("filename;title\na.jpg;A title\n")] // the delimiter is never guessed
    public void Without_a_filename_column_there_is_a_single_error_and_no_rows(string csv)
    {
        var result = Parse(csv);

        Assert.That(result.Rows, Is.Empty);
        Assert.That(result.Errors.Single(), Has.Property("Line").EqualTo(1).And.Property("Field").EqualTo("filename")
            .And.Property("Message").Contains("no 'filename' column"));
    }

    [Test]
    public void A_column_named_twice_is_an_error_and_no_rows_are_read()
    {
        var result = Parse("filename,editorial,editorial_only\na.jpg,yes,no\n");

        Assert.That(result.Rows, Is.Empty);
        Assert.That(result.Errors.Single(), Has.Property("Line").EqualTo(1).And.Property("Field").EqualTo("editorial_only"));
    }

    [Test]
    public void An_empty_file_is_an_error_and_a_header_alone_gives_no_rows_and_no_errors()
    {
        Assert.That(Parse("").Errors.Single().Message, Does.Contain("empty"));

        var headerOnly = Parse("filename,title\r\n");
        Assert.That(headerOnly.Rows, Is.Empty);
        Assert.That(headerOnly.Errors, Is.Empty);
    }

    [Test]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var result = Parse("filename,title\r\ncafé.jpg,Café in Zürich\r\n", byteOrderMark: true);

        AssertNoErrors(result);
        Assert.That(result.Rows.Single(), Is.EqualTo(new MetadataCsvRow(2, "café.jpg", "Café in Zürich", null, null, null)));
    }

    [Test]
    public void Text_that_is_not_utf8_is_reported_instead_of_read_as_replacement_characters()
    {
        var latin1 = Encoding.Latin1.GetBytes("filename,title\r\ncafe.jpg,Caf\u00e9\r\n");
        using var stream = new MemoryStream(latin1);

        var result = MetadataCsv.Parse(stream);

        Assert.That(result.Rows, Is.Empty);
        Assert.That(result.Errors.Single().Message, Does.Contain("UTF-8"));
    }

    [TestCase("\r\n")]
    [TestCase("\n")]
    public void Quoted_cells_may_hold_commas_quotes_and_line_breaks_and_lines_count_physical_lines(string newline)
    {
        var csv = string.Join(newline,
            "filename,title,description",
            "a.jpg,\"Say \"\"cheese\"\", please\",\"First paragraph.",
            "",
            "Second paragraph.\"",
            "",
            "b.jpg,Plain,",
            "");

        var result = Parse(csv);

        AssertNoErrors(result);
        Assert.That(result.Rows, Has.Count.EqualTo(2));
        Assert.That(result.Rows[0].Title, Is.EqualTo("Say \"cheese\", please"));
        Assert.That(result.Rows[0].Description, Is.EqualTo($"First paragraph.{newline}{newline}Second paragraph."));
        Assert.That(result.Rows.Select(r => r.Line), Is.EqualTo(new[] { 2, 6 }), "a blank line is skipped but still counted");
    }

    [Test]
    public void An_unterminated_quote_is_an_error_on_the_line_where_it_opens_not_an_exception()
    {
        var result = Parse("filename,title\na.jpg,Fine\nb.jpg,\"Never closed\nc.jpg,Swallowed\n");

        Assert.That(result.Rows.Select(r => r.Filename), Is.EqualTo(new[] { "a.jpg" }));
        Assert.That(result.Errors.Single(), Has.Property("Line").EqualTo(3).And.Property("Filename").EqualTo("b.jpg")
            .And.Property("Message").Contains("never closed"));
    }

    [Test]
    public void A_stray_quote_inside_a_cell_is_an_error_on_its_line_and_later_rows_are_still_read()
    {
        var result = Parse("filename,title\na.jpg,The 12\" record\nb.jpg,Fine\n");

        Assert.That(result.Rows.Select(r => r.Filename), Is.EqualTo(new[] { "b.jpg" }));
        Assert.That(result.Errors.Single(), Has.Property("Line").EqualTo(2).And.Property("Message").Contains("quote"));
    }

    [Test]
    public void A_row_with_more_cells_than_the_header_is_an_error_because_an_unquoted_comma_shifted_it()
    {
        var result = Parse("filename,title\na.jpg,Zurich, Switzerland\nb.jpg,Fine,,\n");

        Assert.That(result.Errors.Single(), Has.Property("Line").EqualTo(2).And.Property("Message").Contains("must be put in quotes"));
        Assert.That(result.Rows.Single().Filename, Is.EqualTo("b.jpg"), "empty trailing cells are harmless");
    }

    [Test]
    public void A_cell_larger_than_any_valid_value_stops_reading_with_an_error()
    {
        var result = Parse($"filename,description\na.jpg,Fine\nb.jpg,\"{new string('x', 100_000)}\"\n");

        Assert.That(result.Rows.Single().Filename, Is.EqualTo("a.jpg"));
        Assert.That(result.Errors.Single(), Has.Property("Line").EqualTo(3).And.Property("Message").Contains("longer than"));
    }

    [Test]
    public void Five_thousand_rows_are_accepted()
    {
        var csv = new StringBuilder("filename,title\n");
        for (var i = 1; i <= MetadataCsv.MaxRows; i++) csv.Append($"IMG_{i:D5}.jpg,Title {i}\n");

        var result = Parse(csv.ToString());

        AssertNoErrors(result);
        Assert.That(result.Rows, Has.Count.EqualTo(5000));
    }

    [Test]
    public void Rows_beyond_5000_are_ignored_with_one_error_naming_the_limit()
    {
        var csv = new StringBuilder("filename,title\n");
        for (var i = 1; i <= MetadataCsv.MaxRows + 1; i++) csv.Append($"IMG_{i:D5}.jpg,Title {i}\n");

        var result = Parse(csv.ToString());

        Assert.That(result.Rows, Has.Count.EqualTo(5000));
        Assert.That(result.Rows[^1].Filename, Is.EqualTo("IMG_05000.jpg"));
        Assert.That(result.Errors.Single(), Has.Property("Line").EqualTo(5002).And.Property("Field").EqualTo("file")
            .And.Property("Message").Contains("more than 5,000 rows"));
    }
}
