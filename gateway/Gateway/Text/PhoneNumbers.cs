extern alias libphonenumber;

using LibPhoneNumber = libphonenumber::PhoneNumbers.PhoneNumber;
using PhoneNumberFormat = libphonenumber::PhoneNumbers.PhoneNumberFormat;
using PhoneNumberUtil = libphonenumber::PhoneNumbers.PhoneNumberUtil;

namespace Gateway.Text;

/// <summary>E.164 normalisation (Morocco by default) and masking for logs.</summary>
/// <remarks>
/// Reading what people type (Arabic-Indic digits, "(0)", bidi marks, provider prefixes) stays hand-written: libphonenumber
/// reads some of it differently and contact ids are keyed on the E.164 this gives (PhoneNumbersE164CompatibilitySpecs).
/// Moroccan numbers are then built and formatted by libphonenumber-csharp. Foreign numbers are kept digit for digit after
/// the "+": libphonenumber strips a foreign trunk 0 ("+33 06…") and refuses unassigned or fictitious ranges, both accepted
/// today with contact ids keyed on them.
/// </remarks>
public static class PhoneNumbers
{
    /// <summary>One instance for the process: it loads the metadata once and is thread-safe (inbound hot path).</summary>
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private const int MaxDigits = 15; // E.164 ceiling
    private const int MinInternationalDigits = 8;

    /// <summary>
    /// Reads a phone number as citizens, providers and staff write it and gives "+" and digits.
    /// Moroccan national form: 10 digits starting 05/06/07/08 ("06 12 34 56 78", "٠٦١٢٣٤٥٦٧٨").
    /// International form: "+" or "00" then 8–15 digits; for +212, exactly 9 digits starting 5–8
    /// ("+212 (0)6…" and the common "+21206…" slip are accepted). "212…" without a prefix is read as
    /// Moroccan when it has 12 digits. A "whatsapp:" or "tel:" prefix is stripped.
    /// </summary>
    public static bool TryNormalize(string? raw, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(raw)) return false;

        var text = raw.AsSpan().Trim();
        if (text.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase)) text = text["whatsapp:".Length..].TrimStart();
        else if (text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) text = text["tel:".Length..].TrimStart();

        Span<char> digits = stackalloc char[MaxDigits + 4];
        var count = 0;
        var plus = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var digit = TextNormalizer.DigitValue(c);
            if (digit >= 0)
            {
                if (count == digits.Length) return false; // far too long
                digits[count++] = (char)('0' + digit);
            }
            else if (c is '+' or '\uFF0B')
            {
                if (plus || count > 0) return false; // a plus only leads
                plus = true;
            }
            else if (c == '(' && IsTrunkZero(text[(i + 1)..], out var skip) && (plus || StartsWith00(digits[..count])))
            {
                i += skip; // "+212 (0)6…": the national trunk 0 is not dialled from abroad
            }
            else if (!(char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')' or '/' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
            {
                return false; // letters and anything else: not a phone number
            }
        }

        ReadOnlySpan<char> number = digits[..count];
        bool international;
        if (plus) international = true;
        else if (number.StartsWith("00")) { number = number[2..]; international = true; }
        else if (number.Length == 12 && number.StartsWith("212")) international = true;
        else international = false;

        if (!international)
        {
            // Moroccan national: 0 + 9 digits, fixed (05), mobile (06, 07) or VoIP/other (08).
            if (number.Length != 10 || number[0] != '0' || number[1] is < '5' or > '8') return false;
            e164 = MoroccanE164(number[1..]);
            return true;
        }

        if (number.StartsWith("212"))
        {
            var national = number[3..];
            if (national.Length == 10 && national[0] == '0') national = national[1..]; // "+2120612…"
            if (national.Length != 9 || national[0] is < '5' or > '8') return false;
            e164 = MoroccanE164(national);
            return true;
        }

        if (number.Length is < MinInternationalDigits or > MaxDigits || number[0] == '0') return false;
        e164 = string.Concat("+", number);
        return true;
    }

    /// <summary>
    /// A Moroccan national significant number (9 digits, 5–8 first) in E.164, by libphonenumber. Acceptance is decided
    /// before, as it always was: libphonenumber's range check would refuse unallocated 05–08 numbers that have contact ids.
    /// </summary>
    private static string MoroccanE164(ReadOnlySpan<char> national)
    {
        LibPhoneNumber number = Util.Parse(string.Concat("+212", national), null);
        return Util.Format(number, PhoneNumberFormat.E164);
    }

    /// <summary>
    /// The number as it may appear in logs: country code prefix and last two digits, the rest as '•'
    /// ("+212•••••••78"); "***" when there is too little to hide anything.
    /// </summary>
    public static string Mask(string? e164)
    {
        if (string.IsNullOrEmpty(e164)) return "***";
        var keep = e164.StartsWith("+212", StringComparison.Ordinal) ? 4 : 3;
        if (e164.Length < keep + 2 + 4) return "***"; // fewer than four hidden digits hides nothing useful
        return string.Create(e164.Length, (e164, keep), static (span, state) =>
        {
            var (source, prefix) = state;
            source.AsSpan(0, prefix).CopyTo(span);
            span[prefix..^2].Fill('•');
            source.AsSpan(source.Length - 2).CopyTo(span[^2..]);
        });
    }

    /// <summary>A Moroccan mobile number (+2126…, +2127…) in E.164.</summary>
    public static bool IsMoroccanMobile(string e164) =>
        e164 is { Length: 13 } && (e164.StartsWith("+2126", StringComparison.Ordinal) || e164.StartsWith("+2127", StringComparison.Ordinal))
        && e164.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    // "(0)" possibly with spaces inside: returns how many chars after '(' to skip.
    private static bool IsTrunkZero(ReadOnlySpan<char> afterParen, out int skip)
    {
        skip = 0;
        var i = 0;
        while (i < afterParen.Length && char.IsWhiteSpace(afterParen[i])) i++;
        if (i >= afterParen.Length || TextNormalizer.DigitValue(afterParen[i]) != 0) return false;
        i++;
        while (i < afterParen.Length && char.IsWhiteSpace(afterParen[i])) i++;
        if (i >= afterParen.Length || afterParen[i] != ')') return false;
        skip = i + 1;
        return true;
    }

    private static bool StartsWith00(ReadOnlySpan<char> digits) => digits.Length > 2 && digits.StartsWith("00");
}
