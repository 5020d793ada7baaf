using System.Security.Cryptography;
using Gateway.Storage.Redis;

namespace Gateway.Feedback;

/// <summary>
/// Short references citizens can read out on the phone (<c>R-4F7K2</c>): 5 characters from an alphabet without
/// look-alikes (no 0/O, 1/I/L, U), about 24 million values. A reference is not a secret nor a key: the contact id
/// travels with it in every event. Randomness is not trusted for uniqueness: the store refuses a reference that exists
/// (the step is then decided again with a new one).
/// <para>A report filed by a contact gets a reference in the contact's shard (<see cref="RedisKeys.Shard"/> of both is
/// equal), so the report is written in the contact's Redis Cluster slot by the step's own commit; drawing one costs
/// about 64 tries (microseconds). That leaves ~380,000 references per shard; past a few tens of thousands of reports
/// per shard, collisions (and retries) become frequent and the length should grow (the parsers accept 4 to 8 characters).</para>
/// </summary>
public class FeedbackReferences
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 5;

    /// <summary>A random reference in the shard of <paramref name="contactId"/>.</summary>
    public virtual string Next(string contactId)
    {
        var shard = RedisKeys.Shard(contactId);
        while (true)
        {
            var reference = Next();
            if (RedisKeys.Shard(reference) == shard) return reference;
        }
    }

    /// <summary>A random reference in any shard (a report no contact filed: Open311).</summary>
    public string Next()
    {
        Span<byte> random = stackalloc byte[Length];
        Span<char> chars = stackalloc char[2 + Length];
        chars[0] = 'R';
        chars[1] = '-';
        // 256 is not a multiple of 30: redraw the few bytes that would bias the first letters.
        for (var i = 0; i < Length; i++)
        {
            byte b;
            do { RandomNumberGenerator.Fill(random[i..(i + 1)]); b = random[i]; } while (b >= 240);
            chars[2 + i] = Alphabet[b % Alphabet.Length];
        }
        return new string(chars);
    }

    /// <summary>
    /// Reads a reference as a citizen or a clerk types it: any case, with or without the dash or with a space, digits of
    /// any script already folded to ASCII by the caller's normalisation. Null when it cannot be one.
    /// </summary>
    public static string? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (t.Length < 5 || t[0] != 'R') return null;
        var body = t[1..];
        if (body.Length is < 4 or > 8) return null;
        foreach (var c in body)
            if (!Alphabet.Contains(c, StringComparison.Ordinal)) return null;
        return "R-" + body;
    }
}
