using System.Text;
using Gateway.Channels.Twilio;

namespace Gateway.Tests.Channels.Twilio;

/// <summary>Twilio's published vectors (docs/protocols.md §2), checked against <see cref="TwilioSignature"/> directly.</summary>
public sealed class TwilioSignatureSpecs
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly KeyValuePair<string, string>[] V1 =
    [
        new("CallSid", "CA1234567890ABCDE"), new("Caller", "+14158675309"), new("Digits", "1234"),
        new("From", "+14158675309"), new("To", "+18005551212"),
    ];

    private static readonly KeyValuePair<string, string>[] V1b =
    [
        new("CallSid", "CA1234567890ABCDE"), new("Caller", "+12349013030"), new("Digits", "1234"),
        new("From", "+12349013030"), new("To", "+18005551212"),
    ];

    private static readonly KeyValuePair<string, string>[] V1c =
    [
        new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", "5678"), new("Digits", "1234"),
    ];

    [Fact]
    public void V1_docs_example_computes_the_published_signature() =>
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.Compute(Token, Url, V1));

    [Fact]
    public void V1b_older_docs_numbers_compute_the_published_signature() =>
        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioSignature.Compute(Token, Url, V1b));

    [Fact]
    public void V1_with_443_computes_the_published_signature() =>
        Assert.Equal("kvajT1Ptam85bY51eRf/AJRuM3w=", TwilioSignature.Compute(Token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", V1));

    [Fact]
    public void V1_http_with_80_computes_the_published_signature() =>
        Assert.Equal("0ZXoZLH/DfblKGATFgpif+LLRf4=", TwilioSignature.Compute(Token, "http://mycompany.com:80/myapp.php?foo=1&bar=2", V1));

    [Fact]
    public void V1c_repeated_key_signs_each_value_in_sorted_order() =>
        Assert.Equal("IK+Dwps556ElfBT0I3Rgjkr1wJU=", TwilioSignature.Compute(Token, Url, V1c));

    [Theory]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8=", Url)]
    [InlineData("kvajT1Ptam85bY51eRf/AJRuM3w=", Url)] // signed with :443, validated against the URL without a port
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8=", "https://mycompany.com:443/myapp.php?foo=1&bar=2")] // and the reverse
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8=", "https://mycompany.com:1234/myapp.php?foo=1&bar=2")] // any explicit port removed, as twilio-node
    public void Valid_signatures_are_accepted_with_and_without_ports(string signature, string url) =>
        Assert.True(TwilioSignature.IsValid(Token, signature, url, V1));

    [Fact]
    public void Http_vector_with_80_validates_against_the_url_without_port() =>
        Assert.True(TwilioSignature.IsValid(Token, "0ZXoZLH/DfblKGATFgpif+LLRf4=", "http://mycompany.com/myapp.php?foo=1&bar=2", V1));

    [Fact]
    public void Repeated_key_vector_validates() => Assert.True(TwilioSignature.IsValid(Token, "IK+Dwps556ElfBT0I3Rgjkr1wJU=", Url, V1c));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8")] // truncated
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ=")] // V1b's signature for V1's params
    [InlineData("%%%")]
    public void Wrong_or_missing_signatures_are_refused(string? signature) => Assert.False(TwilioSignature.IsValid(Token, signature, Url, V1));

    [Fact]
    public void Reordered_query_string_is_a_different_url() =>
        Assert.False(TwilioSignature.IsValid(Token, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", "https://mycompany.com/myapp.php?bar=2&foo=1", V1));

    [Fact]
    public void Empty_token_never_validates() => Assert.False(TwilioSignature.IsValid("", TwilioSignature.Compute("", Url, V1), Url, V1));

    [Fact]
    public void Body_hash_variant_checks_url_signature_and_body_hash()
    {
        var body = Encoding.UTF8.GetBytes("{\"property\":\"value\",\"boolean\":true}");
        var url = "https://mycompany.com/myapp?bodySHA256=" + TwilioSignature.BodyHash(body);
        var signature = TwilioSignature.Compute(Token, url, []);

        Assert.True(TwilioSignature.IsValidWithBody(Token, signature, url, body));
        Assert.False(TwilioSignature.IsValidWithBody(Token, signature, url, Encoding.UTF8.GetBytes("{\"property\":\"other\"}")));
        Assert.False(TwilioSignature.IsValidWithBody(Token, signature, "https://mycompany.com/myapp", body));
    }

    [Theory]
    [InlineData("https://mycompany.com/myapp?bodySHA256=abc", "abc")]
    [InlineData("https://mycompany.com/myapp?a=1&bodySHA256=ab%63&b=2", "abc")]
    [InlineData("https://mycompany.com/myapp?xbodySHA256=abc", null)]
    [InlineData("https://mycompany.com/myapp?a=1", null)]
    [InlineData("https://mycompany.com/myapp", null)]
    public void Body_hash_is_read_from_its_own_query_parameter(string url, string? hash) => Assert.Equal(hash, TwilioSignature.BodyHashFromUrl(url));

    [Fact]
    public void Body_hash_is_lowercase_hex_sha256() =>
        // sha256("hello") — a well-known digest.
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", TwilioSignature.BodyHash("hello"u8));
}
