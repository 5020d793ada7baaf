using Gateway.Text;

namespace Gateway.Tests.Text;

public sealed class GsmFoldingSpecs
{
    [Theory]
    [InlineData("Votre vote « Oui » est enregistré.", "Votre vote \"Oui\" est enregistré.")]     // no spaces inside plain quotes
    [InlineData("Votre vote «\u202FOui\u202F» est enregistré.", "Votre vote \"Oui\" est enregistré.")] // narrow no-break spaces too
    [InlineData("Les fêtes de l’été", "Les fetes de l'été")]
    [InlineData("Déjà GSM : é è à ù", "Déjà GSM : é è à ù")]
    [InlineData("تم تسجيل صوتك: «نعم»", "تم تسجيل صوتك: «نعم»")]                                    // Arabic is never folded
    public void A_text_is_folded_to_GSM7_only_when_all_of_it_becomes_GSM7(string text, string expected)
    {
        Assert.Equal(expected, GsmFolding.Fold(text));
    }
}
