using Microsoft.Playwright;

namespace Gateway.BrowserTests.Infrastructure;

/// <summary>
/// Where the browser drew each character of a piece of text: the order a reader sees, which is what bidirectional text
/// gets wrong ("#4*123*" for "*123*4#") while the DOM's text stays right.
/// </summary>
public static class TextLayout
{
    public sealed record Glyph(char Char, double Left, double Top);

    // The first text node under the element holding the whole text; one box per non-blank character.
    private const string Script = """
        (el, text) => {
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(text);
                if (at < 0) continue;
                const glyphs = [];
                for (let i = 0; i < text.length; i++) {
                    if (/\s/.test(text[i])) continue;
                    const range = document.createRange();
                    range.setStart(node, at + i); range.setEnd(node, at + i + 1);
                    const box = range.getBoundingClientRect();
                    glyphs.push([text[i], box.left, box.top]);
                }
                return glyphs;
            }
            return null;
        }
        """;

    /// <summary>The drawn boxes of <paramref name="text"/>'s characters inside <paramref name="element"/> (fails when the text is not there).</summary>
    public static async Task<IReadOnlyList<Glyph>> GlyphsAsync(ILocator element, string text)
    {
        var found = await element.EvaluateAsync<System.Text.Json.JsonElement>(Script, text);
        Assert.True(found.ValueKind == System.Text.Json.JsonValueKind.Array, $"'{text}' is not in one text node of the element (text: {await element.InnerTextAsync()})");
        return found.EnumerateArray().Select(g => new Glyph(g[0].GetString()![0], g[1].GetDouble(), g[2].GetDouble())).ToList();
    }

    /// <summary>Asserts that <paramref name="text"/> is drawn on one line, each character to the right of the one before.</summary>
    public static async Task AssertReadsLeftToRightOnOneLineAsync(ILocator element, string text)
    {
        var glyphs = await GlyphsAsync(element, text);
        // One line: the boxes' tops differ by less than half a line (fonts of different scripts sit a pixel or two apart).
        Assert.True(glyphs.Max(g => g.Top) - glyphs.Min(g => g.Top) < 8, $"'{text}' wraps: {string.Join(", ", glyphs.Select(g => $"{g.Char}@{g.Top:0}"))}");
        var drawn = string.Concat(glyphs.OrderBy(g => g.Left).Select(g => g.Char));
        Assert.Equal(text.Replace(" ", ""), drawn);
    }

    /// <summary>The computed CSS direction of the element (ltr or rtl).</summary>
    public static Task<string> DirectionAsync(ILocator element) => element.EvaluateAsync<string>("e => getComputedStyle(e).direction");

    /// <summary>The page's width as drawn against the viewport's: wider means a reader must scroll sideways.</summary>
    public static async Task AssertNothingWiderThanTheScreenAsync(IPage page, string what)
    {
        var (scroll, viewport) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), page.ViewportSize!.Width);
        Assert.True(scroll <= viewport, $"{what}: the page is {scroll} px wide on a {viewport} px screen");
        var outside = await page.EvaluateAsync<string[]>("""
            w => [...document.querySelectorAll('main table, main td, main th:not(thead th), main .card')]
                .filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 && (b.left < -0.5 || b.right > w + 0.5); })
                .map(e => e.tagName + ' ' + (e.getAttribute('data-label') ?? '') + ' ' + e.textContent.trim().slice(0, 40))
            """, viewport);
        Assert.True(outside.Length == 0, $"{what}: out of the {viewport} px screen: {string.Join(" | ", outside)}");
    }
}
