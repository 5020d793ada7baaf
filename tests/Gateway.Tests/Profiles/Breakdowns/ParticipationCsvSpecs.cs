using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gateway.Conversations;
using Gateway.Profiles;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Polls;

namespace Gateway.Tests.Profiles.Breakdowns;

/// <summary><c>GET /console/{commune}/participation.csv</c>: the participation page's figures, for people, hidden cells as "&lt; 5".</summary>
public sealed class ParticipationCsvSpecs
{
    /// <summary>Casablanca this month: 10 women and 4 men vote by SMS, 6 women by WhatsApp, 7 voters without a profile by SMS.</summary>
    private static async Task<GatewayApplication> VotedAsync()
    {
        var app = PollHost.Create();
        await app.CreatePollAsync();
        var http = app.CreateClient();
        var year = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), global::Gateway.Text.Csv.Zone).Year - 30;
        for (var i = 0; i < 27; i++)
        {
            var phone = $"+2126000004{i:00}";
            await new Voter(http, phone, i is >= 14 and < 20 ? "whatsapp" : "sms", real: true).SendAsync("PROJET 1");
            if (i < 20) await app.GiveProfileAsync(phone, new ContactProfile { Gender = i is >= 10 and < 14 ? "man" : "woman", BirthYear = year });
        }
        return app;
    }

    [Theory]
    [InlineData("fr", "Mois;Type;Canal;Répartition;Valeur;Nombre;Part (%);Recensement 2024 (%)", "Vote", "Tous canaux", "Genre", "Femmes", "Hommes")]
    [InlineData("ar", "الشهر;النوع;القناة;التوزيع;القيمة;العدد;الحصة (٪);إحصاء 2024 (٪)", "تصويت", "جميع القنوات", "الجنس", "النساء", "الرجال")]
    public async Task The_console_export_is_in_the_clerk_s_language_separated_by_semicolons_and_writes_the_4_men_as_under_5_with_no_share(
        string language, string header, string vote, string allChannels, string gender, string women, string men)
    {
        await using var app = await VotedAsync();
        var console = await ConsoleClient.SignInAsync(app, PollHost.CasablancaKey);
        using (var chosen = await console.PostFormAsync("/console/language", ("language", language), ("returnUrl", "/console")))
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var month = ProfileCounters.MonthOf(app.Clock.GetUtcNow());

        using var response = await console.Http.GetAsync($"/console/casablanca/participation.csv?month={month}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal(header, text[..text.IndexOf("\r\n", StringComparison.Ordinal)]);
        var rows = CsvReader.Rows(bytes); // checks the byte order mark
        string[] Line(string value) => rows.Single(r => r[1] == vote && r[2] == allChannels && r[3] == gender && r[4] == value);
        Assert.Equal([month, vote, allChannels, gender, women, "16", "59", ""], Line(women)); // no census entered
        Assert.Equal([month, vote, allChannels, gender, men, "< 5", "", ""], Line(men));
        Assert.DoesNotContain(rows.Skip(1), r => r[5] == "4");
    }

    [Fact]
    public async Task The_export_carries_the_census_shares_the_places_by_name_and_the_participants_profiles_as_the_page_does()
    {
        await using var app = await VotedAsync();
        var put = await app.Admin(PollHost.CasablancaKey).PutAsJsonAsync("/api/communes/casablanca/census",
            new { women = 51, places = new Dictionary<string, decimal> { ["maarif"] = 12.5m } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var console = await ConsoleClient.SignInAsync(app, PollHost.CasablancaKey);
        var month = ProfileCounters.MonthOf(app.Clock.GetUtcNow());

        var rows = CsvReader.Rows(await console.Http.GetByteArrayAsync($"/console/casablanca/participation.csv?month={month}"));

        string[] Line(string kind, string dimension, string value) =>
            rows.Single(r => r[1] == kind && r[2] == "Tous canaux" && r[3] == dimension && r[4] == value);
        Assert.Equal("51", Line("Vote", "Genre", "Femmes")[7]);
        Assert.Equal("49", Line("Vote", "Genre", "Hommes")[7]); // the rest of the population, as on the page
        // Every place of the commune has its row, by its name: nobody voted from Maârif, 12.5 % of the commune.
        Assert.Equal(["0", "0", "12.5"], Line("Vote", "Lieu", "Maârif")[5..]);
        // The month's 27 voters: 16 women and 4 men gave gender and age but no place (partial), 7 gave nothing.
        Assert.Equal("27", rows.Single(r => r[1] == "Participants" && r[3] == "Total")[5]);
        Assert.Equal("20", Line("Participants", "Profil", "Profil partiel")[5]);
        Assert.Equal("7", Line("Participants", "Profil", "Sans profil")[5]);
        Assert.Equal("0", Line("Participants", "Profil", "Profil complet")[5]);
    }

    [Fact]
    public async Task A_month_finer_or_other_than_yyyy_MM_is_refused()
    {
        await using var app = PollHost.Create();
        var console = await ConsoleClient.SignInAsync(app, PollHost.CasablancaKey);

        using var response = await console.Http.GetAsync("/console/casablanca/participation.csv?month=2026-03-15");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
