using Gateway.Text;

namespace Gateway.Tests.Text;

public class YesNoSpecs
{
    [Theory]
    // French and English
    [InlineData("oui")]
    [InlineData("Ouais")]
    [InlineData("OUI !")]
    [InlineData("ok")]
    [InlineData("Okay")]
    [InlineData("yes")]
    // Darija in Arabizi
    [InlineData("wakha")]
    [InlineData("wakhha")]
    [InlineData("waxxa")]
    [InlineData("wakhkha")]
    [InlineData("iyeh")]
    [InlineData("iyah")]
    [InlineData("iyyeh")]
    [InlineData("ah")]
    [InlineData("aah")]
    [InlineData("eyh")]
    [InlineData("ayeh")]
    // Standard Arabic in Arabizi and Arabic script
    [InlineData("naam")]
    [InlineData("na3am")]
    [InlineData("نعم")]
    [InlineData("نَعَم")]
    // Darija in Arabic script
    [InlineData("اه")]
    [InlineData("آه")]
    [InlineData("ايه")]
    [InlineData("إيه")]
    [InlineData("واخا")]
    // Amazigh, Latin and Tifinagh
    [InlineData("ih")]
    [InlineData("yah")]
    [InlineData("ⵢⵀ")]
    [InlineData("ⵉⵀ")]
    [InlineData("ⵢⴰⵀ")]
    [InlineData("ⵡⴰⵅⵅⴰ")]
    // Issue 25: as people write them
    [InlineData("safi")]
    [InlineData("mzyan")]
    [InlineData("mezyan")]
    [InlineData("oki")]
    [InlineData("ayh")]
    [InlineData("صافي")]
    [InlineData("مزيان")]
    public void Parse_reads_yes_in_every_language(string typed)
    {
        Assert.True(YesNo.Parse(TextNormalizer.Normalize(typed)));
    }

    [Theory]
    [InlineData("non")]
    [InlineData("NON.")]
    [InlineData("no")]
    [InlineData("la")]
    [InlineData("laa")]
    [InlineData("lla")]
    [InlineData("la2")]
    [InlineData("walo")]
    [InlineData("لا")]
    [InlineData("لاَ")]
    [InlineData("والو")]
    [InlineData("uhu")]
    [InlineData("oho")]
    [InlineData("ⵓⵀⵓ")]
    // Issue 25: "not now" and the short no
    [InlineData("machi daba")]
    [InlineData("ماشي دابا")]
    [InlineData("pas maintenant")]
    [InlineData("nn")]
    public void Parse_reads_no_in_every_language(string typed)
    {
        Assert.False(YesNo.Parse(TextNormalizer.Normalize(typed)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("oui merci")]       // whole input only: the engine decides what a longer answer means
    [InlineData("non merci")]
    [InlineData("peut etre")]
    [InlineData("1")]
    [InlineData("lalla")]
    [InlineData("okk")]
    public void Parse_is_null_for_anything_else(string typed)
    {
        Assert.Null(YesNo.Parse(TextNormalizer.Normalize(typed)));
    }
}
