extern alias TwilioPackage;

using Gateway.Channels.Twilio;
using RequestValidator = TwilioPackage::Twilio.Security.RequestValidator;

namespace Gateway.Tests.Channels.Twilio;

/// <summary>
/// The Twilio package's own RequestValidator backs the hand-written <see cref="TwilioSignature"/> (kept for speed: see
/// tests/Gateway.Benchmarks/README.md, twilio-ab): both give the same verdict on Twilio's published vector and on the
/// signatures the gateway computes for its own forms (Arabic text, plus signs, repeated spaces).
/// </summary>
public sealed class TwilioRequestValidatorAgreementSpecs
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly Dictionary<string, string> Published = new()
    {
        ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+14158675309", ["Digits"] = "1234",
        ["From"] = "+14158675309", ["To"] = "+18005551212",
    };

    [Theory]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8=", true)]   // Twilio's documented signature
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", false)]  // another request's signature
    public void Package_and_hand_written_check_agree_on_the_published_vector(string signature, bool valid)
    {
        Assert.Equal(valid, new RequestValidator(Token).Validate(Url, Published, signature));
        Assert.Equal(valid, TwilioSignature.IsValid(Token, signature, Url, Published));
    }

    [Theory]
    [InlineData("ABONNER")]
    [InlineData("شكرا  جزيلا + 2")]
    [InlineData("Ma rue est inondée & sale <3")]
    public void Package_accepts_what_the_gateway_signs(string body)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM0123456789abcdef0123456789abcdef", ["From"] = "whatsapp:+212612345678",
            ["To"] = "+212522000000", ["Body"] = body, ["NumMedia"] = "0",
        };
        var url = "https://gateway.example.ma/webhooks/twilio";
        var signature = TwilioSignature.Compute(Token, url, form);

        Assert.True(new RequestValidator(Token).Validate(url, form, signature));
        Assert.False(new RequestValidator(Token).Validate(url, new Dictionary<string, string>(form) { ["Body"] = body + "!" }, signature));
    }
}
