using Gateway.Profiles;
using Gateway.Profiles.Breakdowns;

namespace Gateway.Tests.Profiles.Breakdowns;

/// <summary>How a poll's cell fields become breakdown rows: ages at the poll's opening, bands, places, unknown rows.</summary>
public sealed class PollBreakdownSpecs
{
    private static readonly IReadOnlyList<AgeBand> Bands = AgeBand.ParseList("15-17,18-24,25-34,35-54,55+")!;

    private static IReadOnlyList<BreakdownRow> Read(string by, int openingYear, params (string Field, long Count)[] fields) =>
        PollBreakdown.Read(fields.ToDictionary(f => f.Field, f => f.Count), by.Split(","), Bands, 5, openingYear, []);

    [Fact]
    public void A_birth_year_counts_in_the_band_of_the_age_reached_in_the_polls_opening_year_and_a_chosen_band_in_itself()
    {
        var rows = Read("age", 2026,
            ("cell:w|y2001|u:option:1", 6), // 25 in 2026
            ("cell:m|y2002|u:option:2", 7), // 24
            ("cell:m|b18-24|u:option:1", 5),
            ("cell:u|u|u:option:1", 9),
            ("total", 27), ("option:1", 20), ("channel:sms", 27));

        Assert.Equal(["15-17", "18-24", "25-34", "35-54", "55+", "unknown"], rows.Select(r => r.Age));
        Assert.Equal([0, 12, 6, 0, 0, 9], rows.Select(r => r.Votes));
        Assert.All(rows, r => Assert.Null(r.Gender));
    }

    [Fact]
    public void A_birth_year_outside_every_band_and_a_band_the_settings_dropped_count_as_unknown()
    {
        var rows = Read("age", 2026, ("cell:w|y2020|u:option:1", 5), ("cell:w|b16-20|u:option:1", 5), ("cell:w|y1990|u:option:1", 8));

        Assert.Equal(10, rows.Single(r => r.Age == "unknown").Votes);
        Assert.Equal(8, rows.Single(r => r.Age == "35-54").Votes);
    }

    [Fact]
    public void Places_are_the_ids_counted_then_other_then_unknown_and_options_are_summed()
    {
        var rows = Read("place", 2026, ("cell:w|u|hay-salam:option:1", 6), ("cell:m|u|hay-salam:option:2", 6),
            ("cell:w|u|douar-ait-3:option:1", 9), ("cell:w|u|other:option:1", 0), ("cell:w|u|u:option:3", 20));

        Assert.Equal(["douar-ait-3", "hay-salam", "other", "unknown"], rows.Select(r => r.Place));
        Assert.Equal([9, 12, 0, 20], rows.Select(r => r.Votes));
    }

    [Fact]
    public void A_crossed_breakdown_names_both_dimensions_in_the_order_asked_and_hides_small_cells_as_null()
    {
        var rows = Read("age,gender", 2026, ("cell:w|b18-24|u:option:1", 3), ("cell:m|b18-24|u:option:1", 40), ("cell:w|b25-34|u:option:1", 30),
            ("cell:m|b25-34|u:option:1", 10));

        var first = rows[0];
        Assert.Equal(("15-17", "woman"), (first.Age, first.Gender));
        var small = rows.Single(r => r is { Age: "18-24", Gender: "woman" });
        Assert.Null(small.Votes);
        Assert.True(small.Suppressed);
        Assert.Null(rows.Single(r => r is { Age: "25-34", Gender: "man" }).Votes); // its rectangle's corner
        Assert.Null(rows.First().Suppressed); // shown rows say nothing about suppression
    }

    public static TheoryData<string?, string?, string[]> ByValues => new()
    {
        { null, null, [] },
        { "", null, [] },
        { "gender", null, ["gender"] },
        { "age, place", null, ["age", "place"] },
        { "gender,age,place", "crosses at most 2", [] },
        { "colour", "'colour' is none of them", [] },
        { "gender,gender", "twice", [] },
        { "Gender", "'Gender' is none of them", [] },
    };

    [Theory]
    [MemberData(nameof(ByValues))]
    public void By_takes_one_or_two_distinct_dimensions_and_says_what_is_wrong_otherwise(string? by, string? error, string[] dimensions)
    {
        var (parsed, problem) = BreakdownBy.Parse([by]);

        Assert.Equal(dimensions, parsed);
        if (error is null) Assert.Null(problem);
        else Assert.Contains(error, problem);
    }
}
