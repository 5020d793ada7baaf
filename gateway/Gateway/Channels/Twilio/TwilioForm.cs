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
    public string? this[string name] => Pairs.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>Decodes application/x-www-form-urlencoded as ASP.NET's FormReader does ('+' is a space, then percent-decoding as UTF-8).</summary>
    public static TwilioForm Parse(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var name = Decode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? "" : Decode(part[(equals + 1)..]);
            if (name.Length > 0) pairs.Add(new(name, value));
        }
        return new TwilioForm(pairs);
    }

    internal void Attach(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>The form verified by <see cref="TwilioSignatureFilter"/> on this request.</summary>
    public static TwilioForm From(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var form) && form is TwilioForm twilioForm
            ? twilioForm
            : throw new InvalidOperationException("No verified Twilio form: is ValidateTwilioSignature() missing on this route?");

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
