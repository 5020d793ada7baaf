namespace Gateway.Components.Console;

/// <summary>
/// Direction marks for fragments that sit inside a sentence of the page's language, where markup cannot go (a label
/// filled by <see cref="ConsoleContext.T(string, object[])"/>, a page title, an attribute). Unicode isolates do what
/// <c>&lt;bdi dir="ltr"&gt;</c> does in markup: "*123*4#" and "+212612345678" keep their order inside Arabic text
/// instead of reading "#4*123*" and "212612345678+".
/// </summary>
public static class Bidi
{
    /// <summary>LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE around <paramref name="text"/>.</summary>
    public static string Ltr(string? text) => "\u2066" + text + "\u2069";

    /// <summary>FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: a citizen's words, in whatever direction they are written.</summary>
    public static string Auto(string? text) => "\u2068" + text + "\u2069";
}
