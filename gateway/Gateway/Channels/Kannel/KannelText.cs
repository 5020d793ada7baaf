using System.Text;
using Gateway.Conversations;

namespace Gateway.Channels.Kannel;

/// <summary>Decoding what smsbox sends and rendering what we answer as SMS text.</summary>
internal static class KannelText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Form/query pairs with the values left percent-encoded, so the text's bytes can be decoded by what
    /// Kannel says they are rather than by ASP.NET's UTF-8 guess.
    /// Null when there are more than <see cref="WebhookForm.MaxFields"/> pairs.
    /// </summary>
    public static Dictionary<string, string>? RawPairs(string? encoded)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(encoded)) return pairs;
        var count = 0;
        foreach (var part in encoded.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (++count > WebhookForm.MaxFields) return null;
            var eq = part.IndexOf('=');
            var name = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            pairs[name] = eq < 0 ? "" : part[(eq + 1)..];
        }
        return pairs;
    }

    /// <summary>Percent-decoding to bytes ('+' is a space; characters outside %XX stand for themselves).</summary>
    public static byte[] UnescapeBytes(string raw)
    {
        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%' && i + 2 < raw.Length && Uri.IsHexDigit(raw[i + 1]) && Uri.IsHexDigit(raw[i + 2]))
            {
                bytes.Add(Convert.ToByte(raw.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c == '+') bytes.Add((byte)' ');
            else if (c < 0x80) bytes.Add((byte)c);
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        return [.. bytes];
    }

    /// <summary>
    /// The MO text. With <c>mo-recode = true</c> smsbox sends UTF-8 whatever the air coding was (docs/protocols.md §8),
    /// yet <c>%c</c>/<c>%C</c> still describe that air coding; so the bytes are read as UTF-8 unless they cannot be
    /// (mo-recode off): UCS-2 text such as Arabic is then UTF-16BE, whose bytes (06 45 …) are often valid UTF-8 too,
    /// but as control characters no citizen types, which is how the two are told apart.
    /// </summary>
    public static string DecodeText(string raw, string? coding, string? charset)
    {
        var bytes = UnescapeBytes(raw);
        string? utf8 = null;
        try
        {
            utf8 = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
        }

        var ucs2 = coding == "2" || string.Equals(charset, "UTF-16BE", StringComparison.OrdinalIgnoreCase)
            || string.Equals(charset, "UCS-2", StringComparison.OrdinalIgnoreCase);
        if (ucs2 && bytes.Length % 2 == 0 && (utf8 is null || utf8.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
            return Encoding.BigEndianUnicode.GetString(bytes);
        if (utf8 is not null) return utf8;
        return (DeclaredCharset(charset) ?? Encoding.Latin1).GetString(bytes);
    }

    /// <summary>
    /// The charsets smsbox names in <c>%C</c> (protocols.md §8) that .NET decodes without throwing; any other name
    /// (UTF-7 throws NotSupportedException, EBCDIC and code pages are not registered) falls back to Latin-1, which maps
    /// every byte. Never <c>Encoding.GetEncoding(name)</c> on a name from the request.
    /// </summary>
    private static Encoding? DeclaredCharset(string? charset) => charset?.Trim().ToUpperInvariant() switch
    {
        "UTF-16BE" or "UCS-2" or "UCS-2BE" => Encoding.BigEndianUnicode,
        "UTF-16LE" or "UTF-16" or "UCS-2LE" => Encoding.Unicode,
        "US-ASCII" or "ASCII" => Encoding.ASCII,
        _ => null,
    };

    /// <summary>Replies as SMS text: each reply's text with its options on their own lines, replies separated by a blank line.</summary>
    public static string Render(IEnumerable<Reply> replies) =>
        string.Join("\n\n", replies.Select(Render).Where(t => t.Length > 0));

    public static string Render(Reply reply) => SmsText.RenderSms(reply with { Text = reply.Text.Replace("\r\n", "\n").Trim() });

    /// <summary>Kannel's data coding: 0 (GSM 7-bit) when every character is in GSM 03.38, else 2 (UCS-2).</summary>
    public static int Coding(string text) => Text.Gsm7.IsGsm(text) ? 0 : 2;
}
