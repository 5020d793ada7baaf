using System.Buffers;
using System.Text;

namespace Gateway.Channels.Twilio;

/// <summary>
/// A Twilio webhook's form, decoded once by the signature filter and kept for the handler.
/// Keeps every pair in order (repeated keys included) because the signature covers each value.
/// </summary>
public sealed class TwilioForm(IReadOnlyList<KeyValuePair<string, string>> pairs)
{
    private static readonly object ItemKey = new();

    public static readonly TwilioForm Empty = new([]);

    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; } = pairs;

    /// <summary>The first value of <paramref name="name"/> (names are case-sensitive, as Twilio sends them), or null.</summary>
    public string? this[string name]
    {
        get
        {
            for (var i = 0; i < Pairs.Count; i++)
                if (Pairs[i].Key == name) return Pairs[i].Value;
            return null;
        }
    }

    /// <summary>Decodes application/x-www-form-urlencoded as ASP.NET's FormReader does ('+' is a space, then percent-decoding as UTF-8).</summary>
    /// <remarks>Decoded into a pooled buffer and unescaped in place: the only strings made are the names and values kept.</remarks>
    public static TwilioForm Parse(ReadOnlySpan<byte> body)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(body.Length));
        try
        {
            var text = buffer.AsSpan(0, Encoding.UTF8.GetChars(body, buffer));
            var pairs = new List<KeyValuePair<string, string>>(text.Count('&') + 1);
            foreach (var range in ((ReadOnlySpan<char>)text).Split('&'))
            {
                var part = text[range];
                if (part.IsEmpty) continue;
                var equals = part.IndexOf('=');
                var name = Decode(equals < 0 ? part : part[..equals]);
                if (name.Length > 0) pairs.Add(new(name, equals < 0 ? "" : Decode(part[(equals + 1)..])));
            }
            return new TwilioForm(pairs);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    internal void Attach(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>The form verified by <see cref="TwilioVerifier"/> on this request.</summary>
    public static TwilioForm From(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var form) && form is TwilioForm twilioForm
            ? twilioForm
            : throw new InvalidOperationException("No verified Twilio form: is VerifiedBy<TwilioVerifier>() missing on this route?");

    private static string Decode(Span<char> encoded)
    {
        encoded.Replace('+', ' ');
        return Uri.UnescapeDataString(encoded);
    }
}
