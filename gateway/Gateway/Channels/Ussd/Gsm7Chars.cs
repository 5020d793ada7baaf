namespace Gateway.Channels.Ussd;

/// <summary>
/// GSM 03.38 membership and septet count (protocols.md §6). A private stand-in until
/// <c>Gateway.Text.Gsm7</c>/<c>SmsSegments</c> land from the Text helper: the lead swaps the callers then.
/// ç is deliberately treated as non-GSM (protocols.md §6: the spec glyph is Ç and Twilio maps only U+00C7).
/// </summary>
internal static class Gsm7Chars
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    private static readonly HashSet<char> BasicSet = [.. Basic];
    private static readonly HashSet<char> ExtensionSet = [.. Extension];

    public static bool IsGsm7(string text)
    {
        foreach (var c in text)
            if (!BasicSet.Contains(c) && !ExtensionSet.Contains(c)) return false;
        return true;
    }

    /// <summary>Septets a GSM-7 character takes (extension characters are an escape pair).</summary>
    public static int Septets(char c) => ExtensionSet.Contains(c) ? 2 : 1;

    public static int Septets(string text)
    {
        var n = 0;
        foreach (var c in text) n += Septets(c);
        return n;
    }
}
