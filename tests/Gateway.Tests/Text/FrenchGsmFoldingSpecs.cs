using Gateway.Text;

namespace Gateway.Tests.Text;

public class FrenchGsmFoldingSpecs
{
    [Theory]
    [InlineData("âêîôû", "aeiou")]
    [InlineData("ëïÿ", "eiy")]
    [InlineData("ça", "ca")]
    [InlineData("cœur", "coeur")]
    [InlineData("ŒUVRE", "OEUVRE")]
    [InlineData("ÀÂ ÈÊË ÎÏ Ô ÙÛ", "AA EEE II O UU")]
    [InlineData("é è à ù ì ò É Ç", "é è à ù ì ò É Ç")]   // already GSM-7: kept
    [InlineData("Réunion du conseil: fêtes d'août", "Réunion du conseil: fetes d'aout")]
    [InlineData("شكرا", "شكرا")]                          // not French: passes through
    [InlineData("", "")]
    public void Apply_folds_french_accents_that_gsm7_lacks(string text, string expected)
    {
        Assert.Equal(expected, FrenchGsmFolding.Apply(text));
    }

    [Theory]
    [InlineData("Réunion du conseil: fêtes d'août")]
    [InlineData("Où se tient la réunion? À la salle des fêtes, Maître Benoît, cœur du quartier, ça commence à 18h")]
    public void Apply_makes_french_text_gsm7(string text)
    {
        Assert.Equal(SmsEncoding.Ucs2, SmsSegments.Analyze(text).Encoding);

        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Analyze(FrenchGsmFolding.Apply(text)).Encoding);
    }
}
