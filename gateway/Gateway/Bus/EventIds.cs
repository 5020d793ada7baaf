using System.Security.Cryptography;
using System.Text;

namespace Gateway.Bus;

/// <summary>
/// Deterministic message ids (name-based, UUID v5 layout over SHA-1): the same logical event always gets the
/// same MessageId, so a consumer can de-duplicate whatever the number of publish attempts.
/// </summary>
public static class EventIds
{
    private static readonly byte[] Namespace = Guid.Parse("6f1c7d1e-0b7a-4c59-9d55-1f0e2a5b8c31").ToByteArray(bigEndian: true);

    public static Guid Deterministic(string scope, string key)
    {
        var name = Encoding.UTF8.GetBytes(scope + "\n" + key);
        var input = new byte[Namespace.Length + name.Length];
        Namespace.CopyTo(input, 0);
        name.CopyTo(input, Namespace.Length);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        var bytes = hash[..16].ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }
}
