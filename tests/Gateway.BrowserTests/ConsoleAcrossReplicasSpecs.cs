using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

/// <summary>
/// Several replicas, one console: a clerk signed in on replica A goes on working on replica B (another port, as a load
/// balancer would send it), and on both after they restart, because the sessions and the Data Protection key ring that
/// encrypts the cookie live in the Redis the replicas share, not in either process.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleAcrossReplicasSpecs(BrowserFixture browser)
{
    private static ConsoleHost Replica(PrivateRedis redis) => new ConsoleHost().With("ConnectionStrings:Redis", redis.ConnectionString);

    [Fact]
    public async Task A_clerk_signed_in_on_replica_A_works_on_replica_B_and_on_both_after_they_restart()
    {
        await using var redis = await PrivateRedis.StartAsync();
        IPage page;
        await using (var a = Replica(redis))
        await using (var b = Replica(redis))
        {
            page = await browser.NewPageAsync(baseUrl: a.BaseUrl);
            await ConsolePages.SignInAsync(page, ConsoleHost.AgadirKey, "/console/agadir");
            await ExpectDashboardAsync(page);
            await ConsolePages.ScreenshotsAsync(page, "replicas-signed-in-on-a");

            // The same browser (cookies are per host, not per port) on the other replica: still signed in, and a form
            // posted there passes its antiforgery check with the token made under replica A's key ring.
            await page.GotoAsync(b.BaseUrl + "/console/agadir");
            await ExpectDashboardAsync(page);
            await ConsolePages.SwitchToArabicAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "لوحة القيادة" })).ToBeVisibleAsync();
            await ConsolePages.ScreenshotsAsync(page, "replicas-same-session-on-b");
            await ConsolePages.SwitchToFrenchAsync(page);
        }

        // Both replicas stopped; two new ones (new hosts, new ports) on the same Redis.
        await using var a2 = Replica(redis);
        await using var b2 = Replica(redis);
        foreach (var replica in new[] { a2, b2 })
        {
            await page.GotoAsync(replica.BaseUrl + "/console/agadir");
            await ExpectDashboardAsync(page);
        }
        await ConsolePages.ScreenshotsAsync(page, "replicas-after-restart");

        // Signed out on one replica, signed out on every one.
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        await page.GotoAsync(a2.BaseUrl + "/console/agadir");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
    }

    private static Task ExpectDashboardAsync(IPage page) =>
        Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();
}
