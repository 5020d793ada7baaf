using Gateway.Text;

namespace Gateway.Tests.Text;

public class SmsSegmentsSpecs
{
    private const string Arabic = "ب";
    private const string ThumbsUp = "👍";

    private static string Repeat(string s, int count) => string.Concat(Enumerable.Repeat(s, count));

    // The vectors verified with Twilio's segment calculator (docs/protocols.md §6).
    [Theory]
    [InlineData("a", 160, SmsEncoding.Gsm7, 160, 1)]
    [InlineData("a", 161, SmsEncoding.Gsm7, 161, 2)]
    [InlineData("a", 306, SmsEncoding.Gsm7, 306, 2)]
    [InlineData("a", 307, SmsEncoding.Gsm7, 307, 3)]
    [InlineData("€", 80, SmsEncoding.Gsm7, 160, 1)]
    [InlineData("€", 81, SmsEncoding.Gsm7, 162, 2)]
    [InlineData(Arabic, 70, SmsEncoding.Ucs2, 70, 1)]
    [InlineData(Arabic, 71, SmsEncoding.Ucs2, 71, 2)]
    [InlineData(Arabic, 134, SmsEncoding.Ucs2, 134, 2)]
    [InlineData(Arabic, 135, SmsEncoding.Ucs2, 135, 3)]
    public void Analyze_matches_twilio_at_every_segment_boundary(string character, int count, SmsEncoding encoding, int units, int segments)
    {
        var info = SmsSegments.Analyze(Repeat(character, count));

        Assert.Equal(encoding, info.Encoding);
        Assert.Equal(count, info.Characters);
        Assert.Equal(units, info.Units);
        Assert.Equal(segments, info.Segments);
    }

    [Theory]
    [InlineData(62, 70, 1)]
    [InlineData(63, 71, 2)]
    public void Analyze_counts_an_emoji_as_two_ucs2_units(int trailingA, int units, int segments)
    {
        var info = SmsSegments.Analyze("Merci " + ThumbsUp + Repeat("a", trailingA));

        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(7 + trailingA, info.Characters);
        Assert.Equal(units, info.Units);
        Assert.Equal(segments, info.Segments);
        Assert.Equal([ThumbsUp], info.NonGsmCharacters);
    }

    [Theory]
    // Second part: 151 a then € ends exactly at septet 153; 152 a pushes the € whole into part three.
    [InlineData(151, 153, 459, 3)]
    [InlineData(152, 152, 459, 4)]
    public void Analyze_never_splits_an_escape_pair_across_parts(int aBeforeEuroInSecondPart, int aAfterEuro, int septets, int segments)
    {
        var text = Repeat("a", 153) + Repeat("a", aBeforeEuroInSecondPart) + "€" + Repeat("a", aAfterEuro);

        var info = SmsSegments.Analyze(text);

        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
        Assert.Equal(septets, info.Units);
        Assert.Equal(segments, info.Segments);
    }

    [Fact]
    public void Analyze_never_splits_an_escape_pair_at_the_end_of_the_first_part()
    {
        // 152 + 2 + 152 = 306 septets would fit two parts, but the € cannot straddle septets 153/154.
        var info = SmsSegments.Analyze(Repeat("a", 152) + "€" + Repeat("a", 152));

        Assert.Equal(306, info.Units);
        Assert.Equal(3, info.Segments);
    }

    [Theory]
    [InlineData(65, 67, 134, 2)]
    [InlineData(66, 66, 134, 3)]  // the emoji would straddle units 67/68: it moves whole to part two
    public void Analyze_never_splits_a_surrogate_pair_across_parts(int aBefore, int aAfter, int units, int segments)
    {
        var info = SmsSegments.Analyze(Repeat("a", aBefore) + ThumbsUp + Repeat("a", aAfter));

        Assert.Equal(units, info.Units);
        Assert.Equal(segments, info.Segments);
    }

    [Theory]
    [InlineData("^", 2)]
    [InlineData("{", 2)]
    [InlineData("}", 2)]
    [InlineData("\\", 2)]
    [InlineData("[", 2)]
    [InlineData("~", 2)]
    [InlineData("]", 2)]
    [InlineData("|", 2)]
    [InlineData("€", 2)]
    [InlineData("\f", 2)]
    [InlineData("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ", 31)]
    [InlineData(" !\"#¤%&'()*+,-./0123456789:;<=>?¡ÄÖÑÜ§¿äöñüà", 44)]
    public void Gsm7_counts_one_septet_per_basic_character_and_two_per_extension_character(string text, int septets)
    {
        Assert.True(Gsm7.IsGsm(text));
        Assert.Equal(septets, Gsm7.Septets(text));
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Analyze(text).Encoding);
    }

    [Theory]
    [InlineData("ça va", "ç")]                  // only Ç is GSM, as in Twilio's calculator
    [InlineData("fête", "ê")]
    [InlineData("L’offre", "’")]
    [InlineData("`code`", "`")]
    [InlineData("«Oui» «Non»", "«,»")]
    [InlineData("شكرا", "ش,ك,ر,ا")]
    public void Analyze_lists_the_distinct_characters_that_force_ucs2_in_order(string text, string expected)
    {
        var info = SmsSegments.Analyze(text);

        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(expected.Split(','), info.NonGsmCharacters);
        Assert.False(Gsm7.IsGsm(text));
    }

    [Fact]
    public void Analyze_treats_tifinagh_as_ucs2()
    {
        var info = SmsSegments.Analyze("ⴰⵣⵓⵍ ⴼⵍⵍⴰⵡⵏ");

        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(11, info.Characters);
        Assert.Equal(11, info.Units);
        Assert.Equal(1, info.Segments);
        Assert.Equal(["ⴰ", "ⵣ", "ⵓ", "ⵍ", "ⴼ", "ⵡ", "ⵏ"], info.NonGsmCharacters);
        Assert.Equal(2, SmsSegments.Analyze(Repeat("ⵣ", 71)).Segments);
    }

    [Fact]
    public void Analyze_of_an_empty_text_is_zero_segments()
    {
        var info = SmsSegments.Analyze("");

        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
        Assert.Equal(0, info.Segments);
        Assert.Equal(0, info.Characters);
        Assert.Equal(0, info.Units);
        Assert.Empty(info.NonGsmCharacters);
    }

    [Fact]
    public void Gsm7_character_and_rune_helpers_agree()
    {
        Assert.True(Gsm7.IsGsm('Ç'));
        Assert.False(Gsm7.IsGsm('ç'));
        Assert.True(Gsm7.IsGsm(new System.Text.Rune('€')));
        Assert.False(Gsm7.IsGsm(System.Text.Rune.GetRuneAt(ThumbsUp, 0)));
        Assert.False(Gsm7.IsGsm('\u001B')); // ESC is the escape itself, not a character to send
    }
}
