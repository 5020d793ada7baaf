using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Conversations;
using Gateway.Tests.Profiles.Breakdowns;

namespace Gateway.Tests.Polls;

/// <summary>
/// The console's poll form invites to vote by message (issue 24): nobody (the default), every subscriber of the commune,
/// or only those whose profile is in the poll's audience, refused with a sentence when they are fewer than 5.
/// </summary>
public sealed class PollInvitationFormSpecs
{
    /// <summary>Casablanca's meeting subscribers: 6 aged 20, 3 aged 40, as the import and the profile dialog leave them.</summary>
    private static async Task<GatewayApplication> SubscribedAsync()
    {
        var app = PollHost.Create();
        var year = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), global::Gateway.Text.Csv.Zone).Year;
        var phones = Enumerable.Range(1, 9).Select(i => $"+2126000006{i:00}").ToList();
        var import = await app.Admin().PostAsJsonAsync("/api/communes/casablanca/subscribers:import", new
        {
            topic = "meetings",
            subscribers = phones.Select(p => new { phone = p, language = "fr", channel = "sms", provider = "simulator" }),
        });
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        for (var i = 0; i < phones.Count; i++)
            await app.GiveProfileAsync(phones[i], new ContactProfile { Gender = ContactProfile.Woman, BirthYear = year - (i < 6 ? 20 : 40) });
        return app;
    }

    private static (string, string)[] Form(string keyword, string invite, params string[] ageBands) =>
    [
        ("_handler", "poll-create"), ("Form.Keyword", keyword),
        ("Form.QuestionFr", "Quel espace pour les jeunes ?"), ("Form.OptionsFr", "Maison des jeunes\nTerrain de sport"),
        ("Form.QuestionAr", "أي فضاء للشباب؟"), ("Form.OptionsAr", "دار الشباب\nملعب رياضي"),
        ("Form.ClosesAt", "2026-12-20T18:00"), ("Form.Invite", invite),
        .. ageBands.Select(band => ("AudienceAgeBands", band)),
    ];

    private static async Task<JsonElement[]> InvitationsAsync(GatewayApplication app) =>
        [.. (await app.Admin().GetFromJsonAsync<JsonElement[]>("/api/alerts?commune=casablanca"))!];

    [Fact]
    public async Task Inviting_the_audience_sends_the_invitation_to_the_subscribers_of_the_poll_s_age_bands_only()
    {
        await using var app = await SubscribedAsync();
        var console = await ConsoleClient.SignInAsync(app, PollHost.CasablancaKey);

        using var created = await console.PostFormAsync("/console/casablanca/polls/new", Form("JEUNES", "audience", "18-24", "25-34"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var invitation = Assert.Single(await InvitationsAsync(app));
        Assert.Equal(["18-24", "25-34"], invitation.GetProperty("segment").GetProperty("ageBands").EnumerateArray().Select(b => b.GetString()));
    }

    [Fact]
    public async Task Inviting_an_audience_of_fewer_than_5_subscribers_is_refused_saying_why_and_creates_nothing()
    {
        await using var app = await SubscribedAsync();
        var console = await ConsoleClient.SignInAsync(app, PollHost.CasablancaKey);

        using var refused = await console.PostFormAsync("/console/casablanca/polls/new", Form("AINES", "audience", "35-54"));
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Moins de 5 abonnés sont dans le public du sondage", page);
        Assert.DoesNotContain(">3<", page); // "fewer than 5", never how many
        Assert.Empty(await InvitationsAsync(app));
        Assert.Empty((await app.Admin().GetFromJsonAsync<JsonElement[]>("/api/polls?commune=casablanca"))!);
    }

    [Theory]
    [InlineData("all", 1)]
    [InlineData("none", 0)]
    public async Task Inviting_everybody_or_nobody_is_the_authors_choice(string invite, int invitations)
    {
        await using var app = await SubscribedAsync();
        var console = await ConsoleClient.SignInAsync(app, PollHost.CasablancaKey);

        using var created = await console.PostFormAsync("/console/casablanca/polls/new", Form("TOUS", invite, "35-54"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var sent = await InvitationsAsync(app);
        Assert.Equal(invitations, sent.Length);
        Assert.All(sent, a => Assert.False(a.TryGetProperty("segment", out _))); // all subscribers, the audience's question asked at the vote
    }
}
