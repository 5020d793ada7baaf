using System.Security.Cryptography;

namespace Gateway.Conversations.Actions;

/// <summary>
/// Short references citizens can read out on the phone (<c>R-4F7K</c>): 5 characters from an alphabet without
/// look-alikes (no 0/O, 1/I/L, U), about 24 million values. A reference is not a secret nor a key:
/// the contact id travels with it in every event.
/// </summary>
public sealed class FeedbackReferences
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public string Next()
    {
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return "R-" + new string(chars);
    }
}
