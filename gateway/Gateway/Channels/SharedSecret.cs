using System.Security.Cryptography;
using System.Text;

namespace Gateway.Channels;

/// <summary>Shared-secret comparison for webhooks that carry a secret in the URL or a header (USSD routes, Kannel).</summary>
internal static class SharedSecret
{
    /// <summary>Constant-time equality; hashing first makes the time independent of the lengths too.</summary>
    public static bool FixedTimeEquals(string? provided, string expected) =>
        provided is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(provided)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
