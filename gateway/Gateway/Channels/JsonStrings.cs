using System.Text;
using System.Text.Json;
using Gateway.Text;

namespace Gateway.Channels;

/// <summary>Reads JSON strings sent by providers without trusting them to be valid UTF-16.</summary>
public static class JsonStrings
{
    /// <summary>
    /// The string value, with an escaped lone surrogate (<c>"\ud800"</c>, valid JSON syntax per RFC 8259 §8.2 but not
    /// text) turned into U+FFFD instead of the <see cref="InvalidOperationException"/> <see cref="JsonElement.GetString"/> throws.
    /// </summary>
    public static string Read(JsonElement value)
    {
        try
        {
            return value.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            return InboundText.Clean(Unescape(value.GetRawText()));
        }
    }

    /// <summary>A raw JSON string token (quotes included) unescaped as UTF-16 code units, lone surrogates kept.</summary>
    private static string Unescape(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length - 1; i++)
        {
            var c = raw[i];
            if (c != '\\' || i + 1 >= raw.Length - 1)
            {
                builder.Append(c);
                continue;
            }
            var escape = raw[++i];
            switch (escape)
            {
                case 'u' when i + 4 < raw.Length - 1 && ushort.TryParse(raw.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var unit):
                    builder.Append((char)unit);
                    i += 4;
                    break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                default: builder.Append(escape); break;
            }
        }
        return builder.ToString();
    }
}
