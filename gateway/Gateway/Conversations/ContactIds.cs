using System.Security.Cryptography;
using System.Text;

namespace Gateway.Conversations;

/// <summary>
/// Pseudonymous contact ids: a keyed hash (HMAC-SHA256) of the E.164 number. Stable for a number, not
/// reversible without the key, so events and stored votes never carry the number (law 09-08).
/// The key is <c>Gateway:PseudonymKey</c>; rotating it re-keys every contact.
/// </summary>
public sealed class ContactIds
{
    private const string DevelopmentKey = "gateway-development-pseudonym-key-change-me";
    private readonly byte[] _key;

    public ContactIds(IConfiguration configuration, ILogger<ContactIds> logger)
    {
        var key = configuration["Gateway:PseudonymKey"];
        if (string.IsNullOrWhiteSpace(key))
        {
            logger.LogWarning("Gateway:PseudonymKey is not set: using the development key. Set a secret key in production.");
            key = DevelopmentKey;
        }
        _key = Encoding.UTF8.GetBytes(key);
    }

    /// <summary>The contact id of an E.164 number: "c" + 26 base32 characters (130 bits).</summary>
    public string For(string e164)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(e164), hash);
        return "c" + Base32(hash[..16]);
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var output = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) output.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return output.ToString();
    }
}
