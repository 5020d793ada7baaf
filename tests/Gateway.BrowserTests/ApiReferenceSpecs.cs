using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

/// <summary>
/// The API's interactive page (Scalar, /console/api-reference) for integrators, as the browser tests' Development host
/// serves it (anonymous there; outside Development it needs the console's session, proven by the authorization matrix):
/// its script comes from the gateway itself (no CDN, no font nor telemetry request), and it shows /openapi/v1.json's operations.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ApiReferenceSpecs(BrowserFixture browser)
{
    [Fact]
    public async Task The_api_reference_shows_the_documents_operations_without_any_outside_request()
    {
        var page = await browser.NewPageAsync();
        List<string> outside = [];
        page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" && !url.IsLoopback) outside.Add(request.Url);
        };

        await page.GotoAsync("/console/api-reference");

        // The document's title, its tags (the providers' webhooks among them) and the first tag's operation, drawn by Scalar.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gateway", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Provider webhooks", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Polls", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "get /version" }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("Ask AI")).ToHaveCountAsync(0);
        Assert.Empty(outside);
    }
}
