using Gateway.Text;

namespace Gateway.Tests.Text;

/// <summary>
/// Contact ids are keyed on the E.164 form: every input form accepted before the switch to libphonenumber-csharp gives the
/// E.164 it gave then (the expected values were produced by the hand-written parser and committed before the switch),
/// and every form refused then is still refused.
/// </summary>
public class PhoneNumbersE164CompatibilitySpecs
{
    public static TheoryData<string, string> Accepted => new()
    {
        // Moroccan national: mobile (06, 07), fixed (05), other (08), with the separators people type.
        { "0612345678", "+212612345678" },
        { "0661234567", "+212661234567" },
        { "0700112233", "+212700112233" },
        { "0770112233", "+212770112233" },
        { "0522123456", "+212522123456" },
        { "0537771234", "+212537771234" },
        { "0528001122", "+212528001122" },
        { "0812345678", "+212812345678" },
        { "0800001234", "+212800001234" },
        { "06 12 34 56 78", "+212612345678" },
        { "06-12-34-56-78", "+212612345678" },
        { "06.12.34.56.78", "+212612345678" },
        { "06/12/34/56/78", "+212612345678" },
        { "(06) 12 34 56 78", "+212612345678" },
        { "  0612345678\t", "+212612345678" },
        { "0612\u00A0345678", "+212612345678" },                 // no-break space
        // +212, 00212 and 212 without a prefix, with the trunk 0 written in by mistake or in brackets.
        { "+212612345678", "+212612345678" },
        { "+212 612-345678", "+212612345678" },
        { "+212 5 22 12 34 56", "+212522123456" },
        { "+212 (0)6 12 34 56 78", "+212612345678" },
        { "+212(0)612345678", "+212612345678" },
        { "+212 ( 0 ) 612345678", "+212612345678" },
        { "+2120612345678", "+212612345678" },
        { "+212 0522 12 34 56", "+212522123456" },
        { "00212612345678", "+212612345678" },
        { "00 212 6 12 34 56 78", "+212612345678" },
        { "00212 (0) 612345678", "+212612345678" },
        { "002120612345678", "+212612345678" },
        { "212612345678", "+212612345678" },
        { "212 522 123456", "+212522123456" },
        { "\uFF0B212612345678", "+212612345678" },               // fullwidth plus
        // Arabic-Indic and Eastern Arabic-Indic (Persian) digits, with bidi marks around them.
        { "٠٦١٢٣٤٥٦٧٨", "+212612345678" },
        { "۰۶۱۲۳۴۵۶۷۸", "+212612345678" },
        { "+٢١٢٦١٢٣٤٥٦٧٨", "+212612345678" },
        { "٠٠٢١٢٥٢٢١٢٣٤٥٦", "+212522123456" },
        { "٠٦ ١٢ ٣٤ ٥٦ ٧٨", "+212612345678" },
        { "\u200F٠٦١٢٣٤٥٦٧٨\u200F", "+212612345678" },
        { "\u202Bـ0612345678\u202C".Replace("ـ", ""), "+212612345678" },
        // Provider prefixes.
        { "whatsapp:+212612345678", "+212612345678" },
        { "WhatsApp:+14155238886", "+14155238886" },
        { "tel:+212612345678", "+212612345678" },
        { "tel:+33612345678", "+33612345678" },
        // Foreign numbers of the diaspora and of providers, kept digit for digit after the country code.
        { "+33612345678", "+33612345678" },
        { "+33 6 12 34 56 78", "+33612345678" },
        { "0033612345678", "+33612345678" },
        { "+33 (0)6 12 34 56 78", "+33612345678" },
        { "+330612345678", "+330612345678" },                   // a foreign trunk 0 is not removed (only Morocco's is)
        { "+34612345678", "+34612345678" },
        { "+39 312 345 6789", "+393123456789" },
        { "+39 06 1234 5678", "+390612345678" },                // Italy keeps its leading 0
        { "+32 470 12 34 56", "+32470123456" },
        { "+31 6 12345678", "+31612345678" },
        { "+49 1512 3456789", "+4915123456789" },
        { "+44 7700 900123", "+447700900123" },
        { "+44 (0)7700 900123", "+447700900123" },
        { "+1 (415) 523-8886", "+14155238886" },
        { "+1 514 555 0199", "+15145550199" },
        { "+971 50 123 4567", "+971501234567" },
        { "+966 50 123 4567", "+966501234567" },
        { "+213 551 23 45 67", "+213551234567" },
        { "+216 20 123 456", "+21620123456" },
        { "+3212345678", "+3212345678" },
        { "+12345678", "+12345678" },                           // 8 digits, the international minimum
        { "+123456789012345", "+123456789012345" },             // 15 digits, the E.164 maximum
        { "+999123456789", "+999123456789" },                   // an unassigned country code is not refused today
        { "+15550001234", "+15550001234" },                     // fictitious ranges (tests, simulators) pass
        { "0012345678", "+12345678" },                          // 00 then 8 digits reads as international
        { "(0)612345678", "+212612345678" },                    // brackets are separators when no country code leads
        { "+33 (1)6 12 34 56 78", "+331612345678" },            // only "(0)" is a trunk to drop
    };

    public static TheoryData<string?> Refused => new()
    {
        null, "", "   ", "whatsapp:", "tel:",
        "061234567", "06123456789", "0412345678", "0912345678", "612345678", "6123456789",
        "+21261234567", "+2126123456789", "+212412345678", "+212912345678", "+212 (0) 41234567",
        "21261234567", "2126123456789",
        "06 12 34 56 7A", "call 0612345678", "0612345678 ext 2", "06_12_34_56_78", "06,12,34,56,78", "06#1234567",
        "+1234567", "+1234567890123456", "+0612345678", "06+12345678", "++212612345678", "+ +212612345678",
        "1234567890123456789012345", "+", "00"
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Every_form_accepted_before_gives_the_same_E164(string raw, string expected)
    {
        Assert.True(PhoneNumbers.TryNormalize(raw, out var e164), raw);
        Assert.Equal(expected, e164);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Every_form_refused_before_is_still_refused(string? raw)
    {
        Assert.False(PhoneNumbers.TryNormalize(raw, out var e164), raw);
        Assert.Equal("", e164);
    }
}
