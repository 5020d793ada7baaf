using Gateway.Text;

namespace Gateway.Tests.Text;

public class ScriptDetectorSpecs
{
    [Theory]
    [InlineData("Bonjour, je veux signaler une route", Script.Latin)]
    [InlineData("salam 3afak bghit nsowl", Script.Latin)]          // Arabizi is written in Latin
    [InlineData("Ça coûte très cher", Script.Latin)]
    [InlineData("السلام عليكم", Script.Arabic)]
    [InlineData("مَدْرَسَةٌ", Script.Arabic)]                           // harakat are not letters
    [InlineData("ﻻ ﺷﻜﺮﺍ", Script.Arabic)]                             // presentation forms
    [InlineData("ⴰⵣⵓⵍ ⴼⵍⵍⴰⵡⵏ", Script.Tifinagh)]
    [InlineData("شكرا merci", Script.Unknown)]                        // 4 Arabic vs 5 Latin: no 60% majority
    [InlineData("شكرا جزيلا ok", Script.Arabic)]                      // 9 of 11 letters
    [InlineData("ⴰⵣⵓⵍ ok", Script.Tifinagh)]                          // 4 of 6 letters = 66%
    [InlineData("ⴰⵣⵓ ok", Script.Tifinagh)]                           // 3 of 5 letters: exactly 60% is enough
    [InlineData("ⴰⵣ ok", Script.Unknown)]                             // 2 of 4 letters
    [InlineData("123 456", Script.Unknown)]
    [InlineData("٣", Script.Unknown)]
    [InlineData("👍👍!", Script.Unknown)]
    [InlineData("", Script.Unknown)]
    [InlineData("Привет", Script.Unknown)]                            // other scripts are nobody's majority
    [InlineData("oui 👍 123 !!!", Script.Latin)]                      // digits, emoji and punctuation ignored
    public void Detect_returns_the_script_of_at_least_60_percent_of_the_letters(string text, Script expected)
    {
        Assert.Equal(expected, ScriptDetector.Detect(text));
    }

    [Fact]
    public void Detect_of_null_is_unknown()
    {
        Assert.Equal(Script.Unknown, ScriptDetector.Detect(null));
    }
}
