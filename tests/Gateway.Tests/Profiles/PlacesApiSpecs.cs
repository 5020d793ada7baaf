using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Polls;

namespace Gateway.Tests.Profiles;

/// <summary>A commune's places, kept by its staff through <c>/api/communes/{commune}/places</c>, are what the profile's place question lists.</summary>
public sealed class PlacesApiSpecs
{
    private static object Place(string id, string fr, string ar) => new { id, names = new Dictionary<string, string> { ["fr"] = fr, ["ar"] = ar } };

    [Fact]
    public async Task Staff_replace_their_communes_places_and_the_next_profile_question_lists_them()
    {
        await using var app = PollHost.Create();
        var staff = app.Admin(PollHost.CasablancaKey);

        var seeded = await staff.GetFromJsonAsync<JsonElement>("/api/communes/casablanca/places");
        Assert.Equal("maarif", seeded.GetProperty("places")[0].GetProperty("id").GetString()); // the embedded default's examples
        var put = await staff.PutAsJsonAsync("/api/communes/casablanca/places", new { places = new[] { Place("derb-sultan", "Derb Sultan", "درب السلطان"), Place("oulfa", "Oulfa", "الألفة") } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await staff.GetFromJsonAsync<JsonElement>("/api/communes/casablanca/places");
        Assert.Equal(["derb-sultan", "oulfa"], read.GetProperty("places").EnumerateArray().Where(p => !p.TryGetProperty("retired", out _)).Select(p => p.GetProperty("id").GetString()));

        await app.CreatePollAsync();
        var citizen = new Voter(app.CreateClient(), "+212600003001", "sms", real: true);
        await citizen.SendAsync("PROJET 2");
        await citizen.SendAsync("1");
        var question = await citizen.SendAsync("1990");
        Assert.Contains("1. Derb Sultan", question);
        Assert.Contains("2. Oulfa", question);
        Assert.DoesNotContain("Maarif", question);
        await citizen.SendAsync("Oulfa");
        var profile = (await app.ExportAsync(citizen.From)).Profile()!.Value;
        Assert.Equal("oulfa", profile.GetProperty("place").GetString());
    }

    [Fact]
    public async Task A_place_left_out_of_the_list_is_kept_retired_with_its_names_no_longer_offered_and_restored_when_given_again()
    {
        await using var app = PollHost.Create();
        var staff = app.Admin(PollHost.CasablancaKey);
        await app.CreatePollAsync();
        // A citizen of Maârif gives the profile; then staff remove Maârif from the list.
        var before = new Voter(app.CreateClient(), "+212600003002", "sms", real: true);
        await before.SendAsync("PROJET 2");
        await before.SendAsync("1");
        await before.SendAsync("1990");
        await before.SendAsync("1"); // Maârif, first of the samples

        await staff.PutAsJsonAsync("/api/communes/casablanca/places", new { places = new[] { Place("oulfa", "Oulfa", "الألفة") } });

        var read = (await staff.GetFromJsonAsync<JsonElement>("/api/communes/casablanca/places")).GetProperty("places").EnumerateArray().ToList();
        Assert.Equal(["oulfa", "maarif", "hay-hassani", "sidi-moumen", "ain-chock"], read.Select(p => p.GetProperty("id").GetString()));
        Assert.False(read[0].TryGetProperty("retired", out _));
        Assert.True(read[1].GetProperty("retired").GetBoolean());
        Assert.Equal("Maârif", read[1].GetProperty("names").GetProperty("fr").GetString());
        Assert.Equal("maarif", (await app.ExportAsync(before.From)).Profile()!.Value.GetProperty("place").GetString());

        var after = new Voter(app.CreateClient(), "+212600003003", "sms", real: true);
        await after.SendAsync("PROJET 2");
        await after.SendAsync("1");
        var question = await after.SendAsync("1990");
        Assert.Contains("1. Oulfa", question);
        Assert.DoesNotContain("Maârif", question);

        await staff.PutAsJsonAsync("/api/communes/casablanca/places", new { places = new[] { Place("oulfa", "Oulfa", "الألفة"), Place("maarif", "Maârif", "المعاريف") } });
        var restored = (await staff.GetFromJsonAsync<JsonElement>("/api/communes/casablanca/places")).GetProperty("places").EnumerateArray().ToList();
        Assert.Equal("maarif", restored[1].GetProperty("id").GetString());
        Assert.False(restored[1].TryGetProperty("retired", out _));
    }

    public static TheoryData<string, object, string> Invalid => new()
    {
        // label, body, the field named
        { "no list", new { }, "places" },
        { "an id that is not a slug", new { places = new[] { Place("Derb Sultan", "Derb Sultan", "درب السلطان") } }, "places[0].id" },
        { "a reserved id", new { places = new[] { Place("other", "Autre", "آخر") } }, "places[0].id" },
        { "the same id twice", new { places = new[] { Place("oulfa", "Oulfa", "الألفة"), Place("oulfa", "Oulfa 2", "الألفة 2") } }, "places[1].id" },
        { "no Arabic name", new { places = new[] { new { id = "oulfa", names = new Dictionary<string, string> { ["fr"] = "Oulfa" } } } }, "places[0].names.ar" },
        { "an unknown language", new { places = new[] { new { id = "oulfa", names = new Dictionary<string, string> { ["fr"] = "Oulfa", ["ar"] = "الألفة", ["es"] = "Oulfa" } } } }, "places[0].names.es" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_list_is_refused_naming_the_field_and_changes_nothing(string label, object body, string field)
    {
        await using var app = PollHost.Create();
        var staff = app.Admin(PollHost.CasablancaKey);

        var put = await staff.PutAsJsonAsync("/api/communes/casablanca/places", body);

        Assert.True(put.StatusCode == HttpStatusCode.BadRequest, label);
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{label}: {problem}");
        Assert.Equal(4, (await staff.GetFromJsonAsync<JsonElement>("/api/communes/casablanca/places")).GetProperty("places").GetArrayLength());
    }

    [Fact]
    public async Task Another_communes_key_gets_a_404_and_the_list_stays()
    {
        await using var app = PollHost.Create();

        var put = await app.Admin(PollHost.SettatKey).PutAsJsonAsync("/api/communes/casablanca/places", new { places = Array.Empty<object>() });
        var get = await app.Admin(PollHost.SettatKey).GetAsync("/api/communes/casablanca/places");

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(4, (await app.Admin().GetFromJsonAsync<JsonElement>("/api/communes/casablanca/places")).GetProperty("places").GetArrayLength());
    }
}
