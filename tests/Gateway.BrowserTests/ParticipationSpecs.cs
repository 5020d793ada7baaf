using Gateway.BrowserTests.Infrastructure;
using Gateway.Conversations;
using Gateway.Conversations.Ports;
using Gateway.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class ParticipationSpecs(BrowserFixture browser)
{
    /// <summary>A past month no other spec votes in, so that the figures are exactly those written here.</summary>
    private const string Month = "2025-11";

    [Fact]
    public async Task An_equality_body_reads_who_voted_in_a_month_in_French_and_Arabic_with_the_3_men_hidden_as_under_5()
    {
        // Casablanca in the month: 12 women and 3 men voted by SMS, 8 women by USSD, 6 voters without a profile by WhatsApp.
        var year = 2025 - 30;
        await CountAsync((new ContactProfile { Gender = "woman", BirthYear = year }, "sms", 12), (new ContactProfile { Gender = "man", BirthYear = year }, "sms", 3),
            (new ContactProfile { Gender = "woman", BirthYear = year }, "ussd", 8), (null, "whatsapp", 6));

        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/casablanca");
        await page.GetByRole(AriaRole.Link, new() { Name = "Participation" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Qui participe");
        await page.Locator("#participation-month").FillAsync(Month);
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await page.WaitForURLAsync($"**/console/casablanca/participation?month={Month}");

        var gender = page.Locator("[data-testid=participation-vote-gender]");
        var women = gender.Locator("tbody tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Femmes" }) });
        await Expect(women.Locator("td:not(.census)").First).ToHaveTextAsync("20 · 69 %"); // 20 of the 29 votes
        var men = gender.Locator("tbody tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Hommes" }) });
        await Expect(men.Locator("td:not(.census)").First).ToHaveTextAsync("< 5");
        await Expect(page.Locator("[data-testid=participation-legend]")).ToContainTextAsync("moins de 5 personnes");
        await Expect(page.Locator("[data-testid=participation-report]")).ToContainTextAsync("Rien ce mois-ci.");
        // 29 participants, each counted once: 23 gave a gender and a year (a partial profile: no place), 6 nothing.
        var people = page.Locator("[data-testid=participation-people]");
        await Expect(people).ToContainTextAsync("Participants");
        await Expect(people.Locator("dd").First).ToHaveTextAsync("29");
        // Every place of Casablanca has its row, by its name, 0 included: nobody said where they live this month.
        var place = page.Locator("[data-testid=participation-vote-place]");
        await Expect(place.GetByRole(AriaRole.Rowheader, new() { Name = "Maârif" })).ToBeVisibleAsync();
        await Expect(place.GetByRole(AriaRole.Rowheader, new() { Name = "Sidi Moumen" })).ToBeVisibleAsync();

        // Staff enter the census: women are 51 % of Casablanca, and the page sets it beside the 69 % of votes.
        await page.Locator("[data-testid=census] summary").ClickAsync();
        await page.Locator("#census-women").FillAsync("51");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les parts" }).ClickAsync();
        await Expect(page.Locator("[data-testid=census-saved]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=participation-vote-gap]")).ToContainTextAsync("Femmes : 51 % de la commune, 69 % des votes");
        await Expect(women.Locator("td.census")).ToHaveTextAsync("51 %");
        await Expect(men.Locator("td.census")).ToHaveTextAsync("49 %");
        await Expect(men.Locator("td:not(.census)").First).ToHaveTextAsync("< 5"); // still hidden, no share beside it
        await ConsolePages.ScreenshotsAsync(page, "participation");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));

        // A share that is not a percentage is refused with a sentence, nothing saved.
        await page.Locator("#census-women").FillAsync("151");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les parts" }).ClickAsync();
        await Expect(page.Locator("[data-testid=census-errors]")).ToContainTextAsync("Femmes : un pourcentage de 0 à 100");

        await ConsolePages.SwitchToArabicAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("من يشارك");
        await Expect(gender.GetByRole(AriaRole.Rowheader, new() { Name = "النساء" })).ToBeVisibleAsync();
        await Expect(place.GetByRole(AriaRole.Rowheader, new() { Name = "المعاريف" })).ToBeVisibleAsync();
        await ConsolePages.ScreenshotsAsync(page, "participation");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await ConsolePages.SwitchToFrenchAsync(page);
    }

    /// <summary>Commits the month's counts as the dialog's steps would (one contact per group: only the counters are read).</summary>
    private async Task CountAsync(params (ContactProfile? Profile, string Channel, long Count)[] groups)
    {
        var store = browser.Host.Services.GetRequiredService<IContactStore>();
        foreach (var (profile, channel, count) in groups)
        {
            var id = "participation-seed-" + Guid.NewGuid().ToString("N");
            var field = ProfileCounters.ParticipationField(ProfileCounters.Vote, channel, ProfileCell.Of(profile));
            var people = ProfileCounters.ParticipationField(ProfileCounters.People, ProfileCounters.AllChannels, ProfileCell.Of(profile));
            var state = new ContactState { ContactId = id, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True(await store.TryCommitAsync(new ContactCommit(id, 0, state, [],
                [new CounterIncrement(ProfileCounters.Participation("casablanca", Month), field, count),
                 new CounterIncrement(ProfileCounters.Participation("casablanca", Month), people, count)], null), default));
        }
    }
}
