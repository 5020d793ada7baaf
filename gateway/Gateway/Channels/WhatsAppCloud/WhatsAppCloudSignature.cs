using System.Security.Cryptography;
using System.Text;

namespace Gateway.Channels.WhatsAppCloud;

/// <summary>
/// X-Hub-Signature-256: <c>sha256=</c> + lowercase hex HMAC-SHA256(app secret, raw body bytes).
/// Always over the bytes received: Meta signs its escaped-unicode JSON, which re-serialising would change.
/// </summary>
public static class WhatsAppCloudSignature
{
    public const string Header = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static string Compute(string appSecret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    public static bool IsValid(string appSecret, string? header, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(appSecret) || header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.AsSpan(Prefix.Length).Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(claimed, HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));
    }
}
