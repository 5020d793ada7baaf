using Gateway.Text;

namespace Gateway.Tests.Text;

public class PhoneNumbersSpecs
{
    [Theory]
    [InlineData("0612345678", "+212612345678")]
    [InlineData("06 12 34 56 78", "+212612345678")]
    [InlineData("06-12-34-56-78", "+212612345678")]
    [InlineData("06.12.34.56.78", "+212612345678")]
    [InlineData(" 0712345678 ", "+212712345678")]
    [InlineData("0522123456", "+212522123456")]          // fixed line
    [InlineData("0812345678", "+212812345678")]
    [InlineData("+212612345678", "+212612345678")]
    [InlineData("+212 6 12 34 56 78", "+212612345678")]
    [InlineData("+212 (0)6 12 34 56 78", "+212612345678")]
    [InlineData("+2120612345678", "+212612345678")]      // the trunk 0 typed after the country code
    [InlineData("00212612345678", "+212612345678")]
    [InlineData("00212 (0) 612345678", "+212612345678")]
    [InlineData("212612345678", "+212612345678")]
    [InlineData("٠٦١٢٣٤٥٦٧٨", "+212612345678")]
    [InlineData("۰۶۱۲۳۴۵۶۷۸", "+212612345678")]
    [InlineData("+٢١٢٦١٢٣٤٥٦٧٨", "+212612345678")]
    [InlineData("\u200F٠٦١٢٣٤٥٦٧٨\u200F", "+212612345678")] // right-to-left marks around Arabic digits
    [InlineData("whatsapp:+212612345678", "+212612345678")]
    [InlineData("WhatsApp:+14155238886", "+14155238886")]
    [InlineData("tel:+33612345678", "+33612345678")]
    [InlineData("+14155238886", "+14155238886")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("0033612345678", "+33612345678")]
    [InlineData("+3212345678", "+3212345678")]           // 10 digits, international minimum is 8
    [InlineData("+123456789012345", "+123456789012345")]  // 15 digits, the E.164 maximum
    public void TryNormalize_accepts_national_international_and_arabic_digit_forms(string raw, string expected)
    {
        Assert.True(PhoneNumbers.TryNormalize(raw, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("061234567")]            // 9 digits
    [InlineData("06123456789")]          // 11 digits
    [InlineData("0412345678")]           // 04 is not a Moroccan prefix
    [InlineData("0912345678")]
    [InlineData("612345678")]            // no trunk 0, no country code: ambiguous
    [InlineData("+21261234567")]         // +212 with 8 digits
    [InlineData("+2126123456789")]       // +212 with 10 digits
    [InlineData("+212412345678")]        // +212 then 4
    [InlineData("06 12 34 56 7A")]       // letters
    [InlineData("call 0612345678")]
    [InlineData("+1234567")]             // 7 digits
    [InlineData("+1234567890123456")]    // 16 digits
    [InlineData("+0612345678")]          // no country code starts with 0
    [InlineData("06+12345678")]          // a plus only leads
    [InlineData("++212612345678")]
    [InlineData("whatsapp:")]
    [InlineData("1234567890123456789012345")]
    public void TryNormalize_rejects_what_is_not_a_dialable_number(string? raw)
    {
        Assert.False(PhoneNumbers.TryNormalize(raw, out var e164));
        Assert.Equal("", e164);
    }

    [Theory]
    [InlineData("+212612345678", "+212•••••••78")]
    [InlineData("+33612345678", "+33•••••••78")]
    [InlineData("+14155238886", "+14•••••••86")]
    [InlineData(null, "***")]
    [InlineData("", "***")]
    [InlineData("+2126", "***")]
    [InlineData("+33612", "***")]
    public void Mask_keeps_the_country_code_and_the_last_two_digits(string? e164, string expected)
    {
        Assert.Equal(expected, PhoneNumbers.Mask(e164));
    }

    [Theory]
    [InlineData("+212612345678", true)]
    [InlineData("+212712345678", true)]
    [InlineData("+212522123456", false)]
    [InlineData("+212812345678", false)]
    [InlineData("+33612345678", false)]
    [InlineData("+21261234567", false)]
    [InlineData("", false)]
    public void IsMoroccanMobile_is_true_for_plus_2126_and_plus_2127(string e164, bool expected)
    {
        Assert.Equal(expected, PhoneNumbers.IsMoroccanMobile(e164));
    }
}
