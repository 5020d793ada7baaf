namespace Gateway.Text;

/// <summary>E.164 normalisation (Morocco by default) and masking for logs.</summary>
public static class PhoneNumbers
{
    // STUB: replaced by the full implementation (Text helper).
    public static bool TryNormalize(string? raw, out string e164)
    {
        e164 = raw?.Trim() ?? "";
        return e164.StartsWith('+') && e164.Length > 8;
    }

    public static string Mask(string? e164) => string.IsNullOrEmpty(e164) || e164.Length < 7 ? "***" : e164[..5] + new string('•', e164.Length - 8) + e164[^3..];
}
