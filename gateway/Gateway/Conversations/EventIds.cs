using System.Security.Cryptography;
using System.Text;

namespace Gateway.Conversations;

/// <summary>
/// Deterministic message ids: the same logical event always gets the same MessageId, so a consumer that sees it twice
/// (a relay retry after a lost broker confirm, a provider webhook retried) can de-duplicate on it.
/// </summary>
public static class EventIds
{
    // The gateway's own UUID namespace (a fixed random UUID). Never change it: ids already on the bus depend on it.
    private static readonly Guid Namespace = new("5d0f6f3a-6b9e-4c57-9a0e-2f4b1c7e8d21");

    /// <summary>
    /// A name-based UUID version 5 (RFC 9562: SHA-1 over the namespace and the name) with the name
    /// <c>scope + "\n" + key</c>, e.g. <c>Deterministic("FeedbackReceived", contactId + ":" + reference)</c>.
    /// </summary>
    public static Guid Deterministic(string scope, string key) => NameBased(Namespace, scope + "\n" + key);

    /// <summary>RFC 9562 UUID version 5 of <paramref name="text"/> (UTF-8) in <paramref name="ns"/>.</summary>
    internal static Guid NameBased(Guid ns, string text)
    {
        var name = Encoding.UTF8.GetBytes(text);
        var input = new byte[16 + name.Length];
        ns.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
