using Gateway.Text;

namespace Gateway.Channels;

/// <summary>Phone numbers as providers send them, for every channel that receives bare digits (Kannel, USSD aggregators).</summary>
internal static class ProviderPhone
{
    /// <summary>
    /// E.164 from what a provider sends: Africa's Talking sends <c>+212…</c>, Arkesel, Nalo and smsbox may send
    /// international digits without the plus (<c>233271231234</c>), so a digits-only number gets one.
    /// </summary>
    public static bool TryNormalize(string raw, out string e164)
    {
        if (PhoneNumbers.TryNormalize(raw, out e164)) return true;
        var digits = raw.Trim();
        return digits.Length > 0 && digits[0] != '0' && digits.All(char.IsAsciiDigit)
            && PhoneNumbers.TryNormalize("+" + digits, out e164);
    }
}
