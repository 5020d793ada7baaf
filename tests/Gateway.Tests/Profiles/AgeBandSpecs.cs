using Gateway.Profiles;

namespace Gateway.Tests.Profiles;

/// <summary>Profiles:AgeBands, read and refused as the settings check does.</summary>
public sealed class AgeBandSpecs
{
    [Fact]
    public void The_default_bands_read_as_five_bands_the_last_one_open()
    {
        var bands = new ProfilesOptions().Bands();

        Assert.Equal(["15-17", "18-24", "25-34", "35-54", "55+"], bands.Select(b => b.Label));
        Assert.True(bands[1].Contains(18) && bands[1].Contains(24) && !bands[1].Contains(25));
        Assert.True(bands[^1].Contains(99) && !bands[^1].Contains(54));
    }

    [Theory]
    [InlineData("")]
    [InlineData("18-24,20-30")]       // overlap
    [InlineData("25-34,18-24")]       // not ascending
    [InlineData("55+,60-70")]         // open band not last
    [InlineData("24-18")]             // reversed
    [InlineData("18 to 24")]          // not a band
    [InlineData("0-1,2-3,4-5,6-7,8-9,10-11,12-13,14-15,16-17,18+")] // ten: more than a USSD screen lists
    public void A_list_that_does_not_read_is_refused(string text) =>
        Assert.Null(AgeBand.ParseList(text));

    [Fact]
    public void A_bad_list_in_the_settings_stops_the_start_with_a_sentence_naming_the_setting()
    {
        var rules = new Gateway.Settings.SettingRules<ProfilesOptions>(ProfilesOptions.Section);

        var result = rules.Validate(null, new ProfilesOptions { AgeBands = "18-24,20-30", SuppressionThreshold = 1 });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Profiles:AgeBands must be", StringComparison.Ordinal) && f.EndsWith("it is '18-24,20-30'.", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Profiles:SuppressionThreshold must be between 2 and 1000", StringComparison.Ordinal));
    }
}
