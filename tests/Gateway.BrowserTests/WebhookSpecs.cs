using System.Collections.Concurrent;
using Gateway.BrowserTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class WebhookSpecs(BrowserFixture browser)
{
    [Fact]
    public async Task A_clerk_subscribes_a_partner_sees_it_stopped_after_its_failures_re_enables_it_and_replays_the_report()
    {
        // The partner's endpoint answers 500 until told otherwise (the host stops a subscription after 2 failed attempts).
        var failing = true;
        var received = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var partner = builder.Build();
        partner.MapPost("/hooks", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            if (failing) return Results.StatusCode(500);
            received.Enqueue(body);
            return Results.Ok();
        });
        await partner.StartAsync();
        var url = partner.Urls.Single().TrimEnd('/') + "/hooks";

        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/tanger/webhooks");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Webhooks sortants");
        await page.Locator("#wh-url").FillAsync(url);
        await page.Locator("#wh-FeedbackReceived").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Abonner" }).ClickAsync();
        await Expect(page.Locator("[data-testid=webhook-secret] pre")).ToContainTextAsync("whsec_");

        // A report for Tanger, over Open311 with the programme's key.
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        var post = await http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = ConsoleHost.DevelopmentKey, ["jurisdiction_id"] = "tanger", ["service_code"] = "waste",
            ["description"] = "Bac à ordures débordant", ["address_string"] = "Boulevard Pasteur",
        }));
        Assert.True(post.IsSuccessStatusCode, await post.Content.ReadAsStringAsync());

        await Wait.ForAsync(async () =>
        {
            await page.GotoAsync("/console/tanger/webhooks");
            return await page.Locator("[data-testid=webhook-stopped]").CountAsync();
        }, n => n == 1, "the stopped notice");
        await Expect(page.Locator("tbody tr").First).ToContainTextAsync("échoué");
        await ConsolePages.ScreenshotsAsync(page, "webhooks");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await ConsolePages.SwitchToArabicAsync(page);
        await Expect(page.Locator("[data-testid=webhook-stopped]")).ToContainTextAsync("توقفت");
        await ConsolePages.ScreenshotsAsync(page, "webhooks");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await ConsolePages.SwitchToFrenchAsync(page);

        failing = false;
        await page.GetByRole(AriaRole.Button, new() { Name = "Réactiver" }).ClickAsync();
        await Expect(page.GetByText("Abonnement réactivé.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Renvoyer FeedbackReceived" }).ClickAsync();
        await Expect(page.GetByText("Envoi remis dans la file.")).ToBeVisibleAsync();
        var delivered = await Wait.ForAsync(() => Task.FromResult(received.ToList()), r => r.Count >= 1, "the replayed report");
        Assert.Contains("Bac à ordures débordant", delivered[0]);
    }
}
