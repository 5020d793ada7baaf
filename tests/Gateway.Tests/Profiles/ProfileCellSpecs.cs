using Gateway.Conversations;
using Gateway.Profiles;

namespace Gateway.Tests.Profiles;

/// <summary>The one form in which a profile enters counters (docs/profile-counters.md).</summary>
public sealed class ProfileCellSpecs
{
    public static TheoryData<string?, int?, string?, string?, string> Profiles => new()
    {
        // gender, birth year, age band, place, cell
        { null, null, null, null, "u|u|u" },
        { "woman", 1998, null, "hay-salam", "w|y1998|hay-salam" },
        { "man", null, "18-24", "other", "m|b18-24|other" },
        { "unstated", null, "55+", null, "s|b55+|u" },
        { null, 2001, null, "douar-ait-3", "u|y2001|douar-ait-3" },
        { "woman", null, null, "Not A Slug", "w|u|u" },
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_profile_becomes_its_cell_and_the_cell_reads_back_to_the_same_parts(string? gender, int? year, string? band, string? place, string cell)
    {
        var profile = new ContactProfile { Gender = gender, BirthYear = year, AgeBand = band, Place = place, PlaceOther = "près du souk" };

        var made = ProfileCell.Of(profile);

        Assert.Equal(cell, made.ToString());
        Assert.DoesNotContain("souk", made.ToString());
        var read = ProfileCell.Parse(cell);
        Assert.Equal(made, read);
        Assert.Equal(gender ?? "unknown", read.GenderName);
        Assert.Equal(year, read.BirthYear);
        Assert.Equal(band, read.AgeBand);
    }

    [Fact]
    public void No_profile_is_the_unknown_cell()
    {
        Assert.Equal("u|u|u", ProfileCell.Of(null).ToString());
        Assert.Equal(ProfileCell.Unknown, ProfileCell.Of(null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("w|y1990")]
    [InlineData("x|y1990|u")]
    [InlineData("w||u")]
    [InlineData("w|y1990|u|extra")]
    public void Anything_malformed_reads_as_the_unknown_cell(string? cell) =>
        Assert.Equal(ProfileCell.Unknown, ProfileCell.Parse(cell));

    [Theory]
    [InlineData("hay-salam", true)]
    [InlineData("douar-3", true)]
    [InlineData("other", false)]
    [InlineData("u", false)]
    [InlineData("Hay Salam", false)]
    [InlineData("hay|salam", false)]
    [InlineData("", false)]
    public void Place_ids_are_slugs_and_not_the_reserved_words(string id, bool valid) =>
        Assert.Equal(valid, ProfileCell.IsPlaceId(id));
}
