using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace MediaCoop.Api.Platform;

/// <summary>
/// Members' text (messages, board posts, proposals, minutes) is Markdown. It is rendered once, when written, and the
/// HTML is stored beside the source: Markdig with raw HTML disabled (typed tags come out as text), then HtmlSanitizer
/// as a second wall that keeps only a small set of tags and http/https/mailto links. Every link gets
/// <c>rel="nofollow noopener"</c> (members' links must not lend the co-op's reputation to spam, nor hand a new tab a
/// handle on ours) and opens in a new tab.
/// </summary>
public static class SafeMarkdown
{
    /// <summary>The longest text accepted anywhere Markdown is written, in characters.</summary>
    public const int MaxLength = 20_000;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .UseListExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in new[]
                 {
                     "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a",
                     "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
                 })
            sanitizer.AllowedTags.Add(tag);
        sanitizer.AllowedAttributes.Clear();
        foreach (var attribute in new[] { "href", "title", "start", "align" }) sanitizer.AllowedAttributes.Add(attribute);
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) sanitizer.AllowedSchemes.Add(scheme);
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowDataAttributes = false;
        // A link whose href the sanitizer dropped (javascript:, data:, a relative path) stays as its text.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement { TagName: "A" } link) return;
            if (string.IsNullOrEmpty(link.GetAttribute("href")))
            {
                link.Replace(link.ChildNodes.ToArray());
                return;
            }
            link.SetAttribute("rel", "nofollow noopener");
            link.SetAttribute("target", "_blank");
        };
        return sanitizer;
    }

    /// <summary>Safe HTML for <paramref name="markdown"/>: no scripts, no event handlers, no unsafe links.</summary>
    public static string ToHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        return Sanitizer.Sanitize(html).Trim();
    }

    /// <summary>Plain text for notifications and previews: the Markdown without its markup, cut at <paramref name="max"/> characters.</summary>
    public static string ToPlainText(string markdown, int max = 200)
    {
        var text = Markdown.ToPlainText(markdown, Pipeline).ReplaceLineEndings(" ").Trim();
        while (text.Contains("  ", StringComparison.Ordinal)) text = text.Replace("  ", " ", StringComparison.Ordinal);
        return text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
    }
}
