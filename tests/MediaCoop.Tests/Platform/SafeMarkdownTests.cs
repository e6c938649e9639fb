using AngleSharp.Html.Parser;
using MediaCoop.Api.Platform;

namespace MediaCoop.Tests.Platform;

public sealed class SafeMarkdownTests
{
    [TestCase("<script>alert(1)</script>")]
    [TestCase("<img src=x onerror=alert(1)>")]
    [TestCase("<a href=\"javascript:alert(1)\">x</a>")]
    [TestCase("<svg onload=alert(1)>")]
    [TestCase("<iframe src=\"https://evil.example\"></iframe>")]
    [TestCase("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    public void Typed_html_comes_out_as_text_never_as_markup(string hostile)
    {
        var html = SafeMarkdown.ToHtml(hostile);

        AssertHarmless(html);
        Assert.That(Parse(html).Body!.TextContent, Is.EqualTo(hostile), "the text is kept, escaped, so the reader sees what was sent");
    }

    [TestCase("[click](javascript:alert(1))")]
    [TestCase("[click](JaVaScRiPt:alert(1))")]
    [TestCase("[click](javascript&#58;alert(1))")]
    [TestCase("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [TestCase("[click](vbscript:msgbox(1))")]
    [TestCase("<javascript:alert(1)>")]
    public void Unsafe_links_lose_their_href_and_keep_their_text(string hostile)
    {
        var html = SafeMarkdown.ToHtml(hostile);

        AssertHarmless(html);
        Assert.That(Parse(html).QuerySelectorAll("a"), Is.Empty, html);
    }

    [Test]
    public void Event_handlers_in_link_titles_and_images_are_dropped()
    {
        var html = SafeMarkdown.ToHtml("[x](https://example.com \"t\" onmouseover=alert(1)) ![pic](https://example.com/a.png\" onerror=\"alert(1))");

        AssertHarmless(html);
    }

    [Test]
    public void Links_are_nofollow_noopener_and_open_in_a_new_tab()
    {
        var html = SafeMarkdown.ToHtml("See [our brief](https://example.com/brief?a=1&b=2) or https://example.org.");

        Assert.That(html, Does.Contain("<a href=\"https://example.com/brief?a=1&amp;b=2\" rel=\"nofollow noopener\" target=\"_blank\">our brief</a>"));
        Assert.That(html, Does.Contain("href=\"https://example.org\" rel=\"nofollow noopener\""));
    }

    [Test]
    public void Ordinary_markdown_renders()
    {
        var html = SafeMarkdown.ToHtml("# Brief\n\n**Bold** and *soft*, ~~old~~\n\n- one\n- two\n\n> quoted\n\n`code`");

        Assert.That(html, Does.Contain("<h1>Brief</h1>").And.Contain("<strong>Bold</strong>").And.Contain("<em>soft</em>")
            .And.Contain("<del>old</del>").And.Contain("<li>one</li>").And.Contain("<blockquote>").And.Contain("<code>code</code>"));
    }

    [Test]
    public void Plain_text_drops_the_markup_and_is_cut_for_previews()
    {
        Assert.That(SafeMarkdown.ToPlainText("**Hello** [there](https://example.com)\n\n<b>x</b>"), Is.EqualTo("Hello there <b>x</b>"));
        Assert.That(SafeMarkdown.ToPlainText(new string('a', 500), 10), Is.EqualTo("aaaaaaaaa…"));
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    // What a browser would build from the HTML: only the allowed elements, no event-handler or style attributes, and
    // links only to http, https or mailto.
    private static void AssertHarmless(string html)
    {
        string[] allowed = ["html", "head", "body", "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a",
            "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"];
        foreach (var element in Parse(html).All)
        {
            Assert.That(allowed, Does.Contain(element.LocalName), html);
            foreach (var attribute in element.Attributes)
            {
                Assert.That(attribute.Name, Is.AnyOf("href", "title", "start", "align", "rel", "target"), html);
                if (attribute.Name == "href") Assert.That(attribute.Value, Does.Match("^(https?|mailto):"), html);
            }
        }
    }
}
