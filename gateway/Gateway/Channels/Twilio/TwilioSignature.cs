using System.Security.Cryptography;
using System.Text;

namespace Gateway.Channels.Twilio;

/// <summary>
/// X-Twilio-Signature, as twilio-node 6.2.0 and twilio-csharp compute it (protocols.md §2):
/// Base64(HMAC-SHA1(AuthToken, url + for each name in ordinal order, for each of its values in ordinal order: name + value)).
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    /// <summary>The signature of <paramref name="url"/> (exactly as requested) and the decoded form parameters.</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form) =>
        Convert.ToBase64String(Hmac(Encoding.UTF8.GetBytes(authToken), url, Canonical(Sorted(form), distinctValues: true)));

    /// <summary>
    /// True when <paramref name="signature"/> matches the URL as given, without its port, or with the
    /// scheme's default port (Twilio signs the URL as configured; proxies add or drop ports).
    /// </summary>
    public static bool IsValid(string authToken, string? signature, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        if (string.IsNullOrEmpty(authToken) || !TryDecode(signature, out var expected)) return false;
        // The form part of the signed text does not depend on the URL variant: build it once (a webhook is signed
        // on every request, so this is hot: no LINQ grouping per variant).
        var sorted = Sorted(form);
        var distinct = Canonical(sorted, distinctValues: true);
        var plain = HasRepeats(sorted) ? Canonical(sorted, distinctValues: false) : null;
        var key = Encoding.UTF8.GetBytes(authToken);

        // The URL exactly as requested is what Twilio signs when no proxy rewrote it: try it before building the variants.
        // Stopping at the first match reveals only which public rewrite of the URL matched; each comparison is fixed-time.
        if (Matches(expected, key, url, distinct, plain)) return true;
        foreach (var candidate in UrlVariants(url).Skip(1))
        {
            if (Matches(expected, key, candidate, distinct, plain)) return true;
        }
        return false;
    }

    // twilio-node signs a repeated identical value once; the plain concatenation is accepted too in case Twilio does not.
    private static bool Matches(byte[] expected, byte[] key, string url, string distinct, string? plain) =>
        HmacEquals(expected, key, url, distinct) || (plain is not null && HmacEquals(expected, key, url, plain));

    /// <summary>
    /// The JSON-body variant: Twilio adds <c>bodySHA256=&lt;hex SHA-256 of the raw body&gt;</c> to the URL and signs the URL alone.
    /// </summary>
    public static bool IsValidWithBody(string authToken, string? signature, string url, ReadOnlySpan<byte> body)
    {
        var claimed = BodyHashFromUrl(url);
        if (claimed is null || !IsValid(authToken, signature, url, [])) return false;
        var actual = Encoding.ASCII.GetBytes(BodyHash(body));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(claimed.ToLowerInvariant()), actual);
    }

    /// <summary>Lowercase hex SHA-256, as Twilio puts in <c>bodySHA256</c>.</summary>
    public static string BodyHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>The <c>bodySHA256</c> query parameter of a URL, when present.</summary>
    public static string? BodyHashFromUrl(string url)
    {
        var query = url.IndexOf('?');
        if (query < 0) return null;
        foreach (var pair in url[(query + 1)..].Split('&'))
        {
            if (pair.StartsWith("bodySHA256=", StringComparison.Ordinal)) return Uri.UnescapeDataString(pair["bodySHA256=".Length..]);
        }
        return null;
    }

    /// <summary>The URL as given, without any explicit port, and with the default port when none is given (twilio-node's addPort/removePort), plus the WHATWG-normalised quote.</summary>
    public static IReadOnlyList<string> UrlVariants(string url)
    {
        var variants = new List<string> { url };
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            var scheme = url[..schemeEnd].ToLowerInvariant();
            var hostStart = schemeEnd + 3;
            var hostEnd = url.IndexOfAny(['/', '?', '#'], hostStart);
            if (hostEnd < 0) hostEnd = url.Length;
            var authority = url[hostStart..hostEnd];
            var rest = url[hostEnd..];
            var colon = authority.LastIndexOf(':');
            var hasPort = colon > authority.LastIndexOf(']') && colon >= 0 && authority[(colon + 1)..].All(char.IsAsciiDigit);
            var host = hasPort ? authority[..colon] : authority;
            var prefix = url[..hostStart];
            variants.Add(prefix + host + rest);
            if (!hasPort && scheme is "https" or "http")
                variants.Add(prefix + host + (scheme == "https" ? ":443" : ":80") + rest);
        }
        // twilio-node 6.2.0 also tries the URL after `new URL()`, which escapes a quote as %27.
        foreach (var variant in variants.ToArray())
        {
            if (variant.Contains('\'')) variants.Add(variant.Replace("'", "%27", StringComparison.Ordinal));
        }
        return [.. variants.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The pairs ordered by name, then value (ordinal): the order Twilio signs them in.</summary>
    private static KeyValuePair<string, string>[] Sorted(IEnumerable<KeyValuePair<string, string>> form)
    {
        var pairs = form.ToArray();
        Array.Sort(pairs, static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        return pairs;
    }

    private static bool HasRepeats(KeyValuePair<string, string>[] sorted)
    {
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i].Key == sorted[i - 1].Key && sorted[i].Value == sorted[i - 1].Value) return true;
        return false;
    }

    /// <summary>name + value for each pair of <paramref name="sorted"/>, a repeated identical pair once when <paramref name="distinctValues"/>.</summary>
    private static string Canonical(KeyValuePair<string, string>[] sorted, bool distinctValues)
    {
        var data = new StringBuilder();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (distinctValues && i > 0 && sorted[i].Key == sorted[i - 1].Key && sorted[i].Value == sorted[i - 1].Value) continue;
            data.Append(sorted[i].Key).Append(sorted[i].Value);
        }
        return data.ToString();
    }

    private static byte[] Hmac(byte[] key, string url, string canonicalForm) =>
        HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(string.Concat(url, canonicalForm)));

    /// <summary>Whether HMAC-SHA1(key, url + form) equals <paramref name="expected"/>, hashing from a pooled buffer (this runs on every webhook).</summary>
    private static bool HmacEquals(byte[] expected, byte[] key, string url, string canonicalForm)
    {
        var length = Encoding.UTF8.GetMaxByteCount(url.Length + canonicalForm.Length);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(url, buffer);
            written += Encoding.UTF8.GetBytes(canonicalForm, buffer.AsSpan(written));
            Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
            HMACSHA1.HashData(key, buffer.AsSpan(0, written), mac);
            return CryptographicOperations.FixedTimeEquals(expected, mac);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryDecode(string? signature, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrWhiteSpace(signature)) return false;
        var buffer = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature.Trim(), buffer, out var written)) return false;
        bytes = buffer[..written];
        return true;
    }
}
