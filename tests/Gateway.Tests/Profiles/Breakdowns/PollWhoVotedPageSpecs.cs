using System.Net;
using System.Text.RegularExpressions;
using Gateway.Conversations;
using Gateway.Testing;
using Gateway.Tests.Polls;

namespace Gateway.Tests.Profiles.Breakdowns;

/// <summary>
/// The console's poll page shows who voted — by gender, age band and place, each alone — with the same suppression as
/// <c>GET /api/polls/{id}/results?by=</c>: the equality body reads it without asking an integrator.
/// </summary>
public sealed class PollWhoVotedPageSpecs
{
    [Fact]
    public async Task The_poll_page_shows_the_votes_by_gender_age_and_place_with_the_4_men_hidden_and_the_total_not_giving_them_back()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var http = app.CreateClient();
        var year = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), global::Gateway.Text.Csv.Zone).Year - 20;
        for (var i = 0; i < 21; i++)
        {
            var phone = $"+2126000003{i:00}";
            await new Voter(http, phone, real: true).SendAsync($"PROJET {1 + (i % 3)}");
            if (i < 14) await app.GiveProfileAsync(phone, new ContactProfile { Gender = i < 10 ? "woman" : "man", BirthYear = year, Place = "maarif" });
        }
        var console = await ConsoleClient.SignInAsync(app, PollHost.ProgrammeKey);

        using var response = await console.Http.GetAsync($"/console/casablanca/polls/{poll}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var gender = Rows(page, "who-voted-gender");
        Assert.Equal("10", gender["Femmes"]);
        Assert.Equal("< 5", gender["Hommes"]);
        // The 7 voters without a profile are hidden too: with them shown, 21 − 10 − 7 would give the 4 men back.
        Assert.Equal("< 5", gender["Non renseigné"]);
        Assert.Equal("14", Rows(page, "who-voted-age")["18-24"]);
        var place = Rows(page, "who-voted-place");
        Assert.Equal("14", place["Maârif"]);
        Assert.Equal("0", place["Sidi Moumen"]); // every place of the commune has its row: nobody from there is the gap to see
    }

    /// <summary>The rows of one table of the page: its row heading → the count shown.</summary>
    private static Dictionary<string, string> Rows(string page, string testId)
    {
        var start = page.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {testId} on the page");
        var table = page[start..page.IndexOf("</table>", start, StringComparison.Ordinal)];
        return Regex.Matches(table, "<th scope=\"row\">(.*?)</th>.*?<span dir=\"ltr\">(.*?)</span>", RegexOptions.Singleline)
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
    }
}
