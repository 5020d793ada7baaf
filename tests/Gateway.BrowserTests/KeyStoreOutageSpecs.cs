using Gateway.Admin;
using Gateway.Admin.Stored;
using Gateway.BrowserTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

/// <summary>
/// A clerk signed in with a stored key (<c>keys create</c>, kept in Redis) while the key store cannot be read: the console
/// says so in the clerk's language and keeps the session, instead of signing the clerk out or calling the key unknown.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class KeyStoreOutageSpecs(BrowserFixture browser)
{
    private const string StoredKey = "stored-clerk-key-0123456789abcdef";

    [Fact]
    public async Task While_the_key_store_is_down_a_stored_key_gets_a_try_again_page_and_works_again_after()
    {
        // Its own gateway: the collection's has no key store, and this one's goes down.
        var store = new InMemoryAdminKeyStore();
        await store.TryAddAsync(new StoredAdminKey("casablanca clerk", AdminKeys.HashText(StoredKey), "casablanca", "staff", DateTimeOffset.UtcNow), default);
        await using var host = new ConsoleHost().With("Admin:KeyCache", "00:00:00.600").WithServices(services =>
        {
            services.AddSingleton<IAdminKeyStore>(store);
            services.AddHostedService<AdminKeyRefresher>();
        });
        var page = await browser.NewPageAsync(baseUrl: host.BaseUrl);
        await SignInOnceTheStoreIsReadAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();

        store.Down = true;
        await WaitForStatusAsync(page, "/console/casablanca", 503);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Service momentanément indisponible" })).ToBeVisibleAsync();
        await ConsolePages.ScreenshotsAsync(page, "key-store-down");
        await ConsolePages.SwitchToArabicAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "الخدمة غير متاحة مؤقتا" })).ToBeVisibleAsync();
        await ConsolePages.ScreenshotsAsync(page, "key-store-down");
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == "gw_console"); // still signed in
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "تسجيل الخروج" })).ToBeVisibleAsync(); // and may sign out

        await ConsolePages.SwitchToFrenchAsync(page);

        store.Down = false;
        await WaitForStatusAsync(page, "/console/casablanca", 200);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();

        // Signing out works whether or not the store can be read.
        store.Down = true;
        await WaitForStatusAsync(page, "/console/casablanca", 503);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "gw_console");
    }

    /// <summary>Signs in with the stored key; until the gateway has read its store once, the sign-in answers "try again".</summary>
    private static Task SignInOnceTheStoreIsReadAsync(IPage page) =>
        Wait.ForAsync(async () =>
        {
            await ConsolePages.SignInAsync(page, StoredKey, "/console/casablanca");
            await page.WaitForLoadStateAsync();
            return new Uri(page.Url).AbsolutePath;
        }, path => path == "/console/casablanca", "the stored key to sign in");

    /// <summary>Reloads until the page answers <paramref name="status"/> (the key cache ages out, the store comes back).</summary>
    private static Task WaitForStatusAsync(IPage page, string path, int status) =>
        Wait.ForAsync(async () => (await page.GotoAsync(path))?.Status, s => s == status, $"{path} to answer {status}");
}
