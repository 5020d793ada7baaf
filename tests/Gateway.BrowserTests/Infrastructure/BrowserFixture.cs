using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Gateway.BrowserTests.Infrastructure;

/// <summary>
/// One gateway and one headless Chromium (Debian's /usr/bin/chromium, with the flags that keep it off the network) for
/// the test classes of the collection. Each test opens its own browser context (its own cookies).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ConsoleHost Host { get; } = new();
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where screenshots go: infra/test.sh's results directory when it runs us, else the test output.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("GATEWAY_INFRA_STATE") is { Length: > 0 } state ? Path.Combine(state, "test-results") : Path.Combine(AppContext.BaseDirectory, "test-results"),
        "console-screenshots");

    public async Task InitializeAsync()
    {
        BaseUrl = Host.BaseUrl;
        // Waiting for something to appear is not a timed assertion: these bound how long a slow shared machine may take.
        Assertions.SetDefaultExpectTimeout(20_000);
        Directory.CreateDirectory(ScreenshotDirectory);
        Console.WriteLine($"Console screenshots: {ScreenshotDirectory}");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser (own cookies) at laptop size, French unless told, on the collection's gateway unless <paramref name="baseUrl"/> names another.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768, string? baseUrl = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = baseUrl ?? BaseUrl });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "console";
}

/// <summary>What the tests do through the pages, written once.</summary>
public static class ConsolePages
{
    public static async Task SignInAsync(IPage page, string key = ConsoleHost.DevelopmentKey, string returnUrl = "/console")
    {
        await page.GotoAsync(returnUrl);
        var field = page.GetByLabel(new System.Text.RegularExpressions.Regex("Clé d'accès|مفتاح الولوج"));
        await field.FillAsync(key);
        // Enter submits the key's own form (the page also holds the account form, with its own button).
        await field.PressAsync("Enter");
    }

    /// <summary>Signs in with a staff account's login and password through the account form.</summary>
    public static async Task SignInWithPasswordAsync(IPage page, string login, string password, string returnUrl = "/console")
    {
        await page.GotoAsync(returnUrl);
        await page.Locator("#login").FillAsync(login);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#password").PressAsync("Enter");
    }

    public static async Task SwitchToArabicAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await page.WaitForSelectorAsync("html[dir=rtl]");
    }

    public static async Task SwitchToFrenchAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await page.WaitForSelectorAsync("html[dir=ltr]");
    }

    /// <summary>Saves the page at laptop and phone widths under <see cref="BrowserFixture.ScreenshotDirectory"/>.</summary>
    public static async Task ScreenshotsAsync(IPage page, string name)
    {
        var lang = await page.GetAttributeAsync("html", "lang") ?? "fr";
        foreach (var (width, height, label) in new[] { (1366, 768, "laptop"), (390, 844, "phone") })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}-{lang}-{label}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1366, 768);
    }

    /// <summary>axe-core's serious and critical violations of the page, as readable lines (empty when clean).</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        // Violations only: axe then skips the detail of every passing and incomplete node, which took most of its time.
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            ResultTypes = new HashSet<Deque.AxeCore.Commons.ResultType> { Deque.AxeCore.Commons.ResultType.Violations },
        });
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
    }

    /// <summary>A phone number of its own for each test, so tests sharing the gateway never meet.</summary>
    public static string NewPhone() => "+2126" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string NewKeyword(string stem) => stem + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The simulator page, driven as a person would: type, press send, read the phone.</summary>
public sealed class SimulatorPage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task OpenAsync(string commune, string phone, string channel = "sms")
    {
        await Page.GotoAsync($"/console/{commune}/simulator");
        await Page.Locator("#sim-phone").FillAsync(phone);
        await Page.Locator("#sim-channel").SelectOptionAsync(channel);
    }

    /// <summary>Sends a message and returns the replies it got (the thread's new bubbles).</summary>
    public async Task<IReadOnlyList<string>> SendAsync(string text)
    {
        var before = await Page.Locator("#thread > *").CountAsync();
        await Page.Locator("#sim-text").FillAsync(text);
        await Page.Locator("#sim-form button[type=submit]").ClickAsync();
        await Page.WaitForFunctionAsync($"document.querySelectorAll('#thread > *').length > {before + 1}");
        var all = await Page.Locator("#thread > *").AllInnerTextsAsync();
        return all.Skip(before + 1).ToList();
    }
}
