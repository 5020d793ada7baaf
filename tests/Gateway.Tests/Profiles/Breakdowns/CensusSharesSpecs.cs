using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Conversations;
using Gateway.Tests.Polls;

namespace Gateway.Tests.Profiles.Breakdowns;

/// <summary>
/// A commune's census shares (<c>/api/communes/{commune}/census</c>) set against who took part
/// (<c>/api/communes/{commune}/participation</c>), and how many participants gave a complete profile.
/// </summary>
public sealed class CensusSharesSpecs
{
    /// <summary>Casablanca: <paramref name="women"/> women and <paramref name="men"/> men vote by SMS with a complete profile, <paramref name="partial"/> give only a gender, <paramref name="none"/> give nothing.</summary>
    private static async Task<GatewayApplication> VotedAsync(int women, int men, int partial, int none)
    {
        var app = PollHost.Create();
        await app.CreatePollAsync();
        var http = app.CreateClient();
        var year = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), global::Gateway.Text.Csv.Zone).Year - 30;
        var i = 0;
        async Task VoteAsync(ContactProfile? profile)
        {
            var phone = $"+2126000004{i++:00}";
            await new Voter(http, phone, "sms", real: true).SendAsync("PROJET 1");
            if (profile is not null) await app.GiveProfileAsync(phone, profile);
        }
        for (var n = 0; n < women; n++) await VoteAsync(new ContactProfile { Gender = "woman", BirthYear = year, Place = "maarif" });
        for (var n = 0; n < men; n++) await VoteAsync(new ContactProfile { Gender = "man", BirthYear = year, Place = "maarif" });
        for (var n = 0; n < partial; n++) await VoteAsync(new ContactProfile { Gender = "woman" });
        for (var n = 0; n < none; n++) await VoteAsync(null);
        return app;
    }

    private static async Task<JsonElement> MonthAsync(GatewayApplication app, string query)
    {
        var body = await app.Admin(PollHost.ProgrammeKey).GetFromJsonAsync<JsonElement>("/api/communes/casablanca/participation" + query);
        return Assert.Single(body.GetProperty("months").EnumerateArray());
    }

    private static JsonElement Row(JsonElement month, string kind, string channel, string gender) =>
        month.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == kind && r.GetProperty("channel").GetString() == channel
            && r.TryGetProperty("gender", out var g) && g.GetString() == gender);

    [Fact]
    public async Task Women_at_51_percent_of_the_commune_stand_beside_their_share_of_the_votes_and_the_hidden_men_get_no_share()
    {
        await using var app = await VotedAsync(women: 12, men: 3, partial: 0, none: 5);
        var staff = app.Admin(PollHost.CasablancaKey);

        var put = await staff.PutAsJsonAsync("/api/communes/casablanca/census",
            new { women = 51, ages = new Dictionary<string, decimal> { ["15-17"] = 8, ["18-24"] = 17, ["25-34"] = 22, ["35-54"] = 33, ["55+"] = 20 }, places = new Dictionary<string, decimal> { ["maarif"] = 12.5m } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var month = await MonthAsync(app, "?by=gender");
        var women = Row(month, "vote", "all", "woman");
        Assert.Equal(12, women.GetProperty("count").GetInt64());
        Assert.Equal(60, women.GetProperty("share").GetInt32()); // 12 of 20 votes
        Assert.Equal(51, women.GetProperty("census").GetDecimal());
        var men = Row(month, "vote", "all", "man");
        Assert.True(men.GetProperty("suppressed").GetBoolean());
        Assert.False(men.TryGetProperty("share", out _)); // no share computed from a hidden count
        Assert.Equal(49, men.GetProperty("census").GetDecimal());
        var body = await app.Admin(PollHost.ProgrammeKey).GetFromJsonAsync<JsonElement>("/api/communes/casablanca/participation");
        Assert.Equal(51, body.GetProperty("census").GetProperty("women").GetDecimal());

        var places = await MonthAsync(app, "?by=place");
        var maarif = places.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("channel").GetString() == "all"
            && r.GetProperty("kind").GetString() == "vote" && r.TryGetProperty("place", out var p) && p.GetString() == "maarif");
        Assert.Equal(12.5m, maarif.GetProperty("census").GetDecimal());
        Assert.Equal(75, maarif.GetProperty("share").GetInt32()); // 15 of 20
    }

    [Fact]
    public async Task The_month_says_how_many_participants_gave_a_complete_profile_a_partial_one_or_none()
    {
        await using var app = await VotedAsync(women: 4, men: 3, partial: 6, none: 8);

        var people = (await MonthAsync(app, "")).GetProperty("people").EnumerateArray().ToDictionary(r => r.GetProperty("profile").GetString()!);

        Assert.Equal(21, people["all"].GetProperty("count").GetInt64());
        Assert.Equal(7, people["complete"].GetProperty("count").GetInt64());
        Assert.Equal(6, people["partial"].GetProperty("count").GetInt64());
        Assert.Equal(8, people["none"].GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Three_participants_without_a_profile_are_hidden_and_the_total_does_not_give_them_back()
    {
        await using var app = await VotedAsync(women: 6, men: 0, partial: 7, none: 3);

        var people = (await MonthAsync(app, "")).GetProperty("people").EnumerateArray().ToDictionary(r => r.GetProperty("profile").GetString()!);

        Assert.Equal(16, people["all"].GetProperty("count").GetInt64());
        Assert.True(people["none"].GetProperty("suppressed").GetBoolean());
        Assert.Equal(2, people.Values.Count(r => r.TryGetProperty("suppressed", out _))); // a second one hides with it
    }

    public static TheoryData<string, object, string> Invalid => new()
    {
        // label, body, the field named
        { "over 100 %", new { women = 101 }, "women" },
        { "negative", new { women = -1 }, "women" },
        { "two decimals", new { women = 51.25m }, "women" },
        { "a band the gateway does not use", new { ages = new Dictionary<string, decimal> { ["10-14"] = 10 } }, "ages.10-14" },
        { "bands over 100 %", new { ages = new Dictionary<string, decimal> { ["18-24"] = 60, ["25-34"] = 50 } }, "ages" },
        { "every band, short of 100 %", new { ages = new Dictionary<string, decimal> { ["15-17"] = 8, ["18-24"] = 17, ["25-34"] = 22, ["35-54"] = 23, ["55+"] = 20 } }, "ages" },
        { "a place not in the list", new { places = new Dictionary<string, decimal> { ["nowhere"] = 10 } }, "places.nowhere" },
        { "places over 100 %", new { places = new Dictionary<string, decimal> { ["maarif"] = 60, ["hay-hassani"] = 50 } }, "places" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Census_shares_that_cannot_be_read_are_refused_naming_the_field_and_change_nothing(string label, object body, string field)
    {
        await using var app = PollHost.Create();
        var staff = app.Admin(PollHost.CasablancaKey);
        await staff.PutAsJsonAsync("/api/communes/casablanca/census", new { women = 51 });

        var put = await staff.PutAsJsonAsync("/api/communes/casablanca/census", body);

        Assert.True(put.StatusCode == HttpStatusCode.BadRequest, label);
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{label}: {problem}");
        var read = await staff.GetFromJsonAsync<JsonElement>("/api/communes/casablanca/census");
        Assert.Equal(51, read.GetProperty("women").GetDecimal());
    }

    [Fact]
    public async Task Another_communes_key_neither_reads_nor_writes_the_census()
    {
        await using var app = PollHost.Create();

        var put = await app.Admin(PollHost.SettatKey).PutAsJsonAsync("/api/communes/casablanca/census", new { women = 10 });
        var get = await app.Admin(PollHost.SettatKey).GetAsync("/api/communes/casablanca/census");

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var read = await app.Admin().GetFromJsonAsync<JsonElement>("/api/communes/casablanca/census");
        Assert.Equal(JsonValueKind.Null, read.GetProperty("women").ValueKind);
    }
}
