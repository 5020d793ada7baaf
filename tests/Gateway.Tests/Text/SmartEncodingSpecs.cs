using Gateway.Text;

namespace Gateway.Tests.Text;

public class SmartEncodingSpecs
{
    [Theory]
    [InlineData("«Oui»", "\"Oui\"")]
    [InlineData("“a” „b‟", "\"a\" \"b\"")]
    [InlineData("‘a’ ‚b‛ ´ ʼ `", "'a' 'b' ' ' '")]
    [InlineData("a–b—c―d‐e•f", "a-b-c-d-e-f")]
    [InlineData("Attendez…", "Attendez...")]
    [InlineData("‹a›", ">a<")]                      // reversed, as in Twilio's map
    [InlineData("Stop‼", "Stop!!")]
    [InlineData("6÷2", "6/2")]
    [InlineData("¼ ½ ¾", "1/4 1/2 3/4")]
    [InlineData("ＡＢＣ１２３！", "ABC123!")]          // fullwidth ASCII
    [InlineData("Prix\u00A0: 5\u202F€", "Prix : 5 €")] // NBSP and NNBSP
    [InlineData("a\u2009b\u3000c", "a b c")]
    [InlineData("a\u200Bb\u200Dc\uFEFF", "abc")]    // zero-width characters and BOM removed
    [InlineData("a\tb", "a b")]
    [InlineData("Réunion à 18h", "Réunion à 18h")]  // accented letters are never touched
    [InlineData("", "")]
    public void Apply_replaces_typographic_characters_with_gsm_look_alikes(string text, string expected)
    {
        Assert.Equal(expected, SmartEncoding.Apply(text));
    }

    [Fact]
    public void ApplyIfGsm_turns_a_ucs2_french_text_into_gsm7()
    {
        const string text = "L’offre “spéciale” — 50%…";
        Assert.Equal(SmsEncoding.Ucs2, SmsSegments.Analyze(text).Encoding);

        var applied = SmartEncoding.ApplyIfGsm(text);

        Assert.Equal("L'offre \"spéciale\" - 50%...", applied);
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Analyze(applied!).Encoding);
    }

    [Theory]
    [InlineData("«مرحبا»")]      // Arabic stays UCS-2 whatever the quotes
    [InlineData("L’été, ça va")]  // ç is never transliterated
    [InlineData("Super 👍 “ok”")]
    public void ApplyIfGsm_is_null_when_the_text_would_still_need_ucs2(string text)
    {
        Assert.Null(SmartEncoding.ApplyIfGsm(text));
    }

    [Fact]
    public void Suggestions_list_each_replaceable_character_once_in_order_of_appearance()
    {
        var suggestions = SmartEncoding.Suggestions("L’offre “spéciale” — l’été…");

        Assert.Equal(
            [
                new CharacterReplacement("’", "'"),
                new CharacterReplacement("“", "\""),
                new CharacterReplacement("”", "\""),
                new CharacterReplacement("—", "-"),
                new CharacterReplacement("…", "..."),
            ],
            suggestions);
    }

    [Theory]
    [InlineData("Réunion à 18h")]
    [InlineData("شكرا")]
    [InlineData("")]
    public void Suggestions_are_empty_when_nothing_can_be_replaced(string text)
    {
        Assert.Empty(SmartEncoding.Suggestions(text));
    }
}
