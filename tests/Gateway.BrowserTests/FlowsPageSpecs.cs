using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class FlowsPageSpecs(BrowserFixture browser)
{
    // The feedback flow's node ids and action names (flows/feedback.yaml): a developer's words, not a clerk's.
    private static readonly string[] NodeIds = ["remember_commune", "_give_up", "_start", "submit_feedback", "set_commune", "category", "details", "thanks", "[*]"];

    [Theory]
    [InlineData(false, 1366, "Votre signalement concerne :", "Éclairage", "Réponse non reconnue.", "Décrivez le problème en quelques mots :")]
    [InlineData(true, 390, "ملاحظتك تخص:", "الإنارة", "جواب غير مفهوم.", "صف المشكل في بضع كلمات:")]
    public async Task The_flows_page_shows_each_step_with_its_question_answers_and_retries_in_the_page_language_and_no_node_id(
        bool arabic, int width, string question, string answer, string invalid, string nextQuestion)
    {
        var page = await browser.NewPageAsync(width, 844);
        await ConsolePages.SignInAsync(page, returnUrl: "/console/casablanca/flows/feedback");
        if (arabic) await ConsolePages.SwitchToArabicAsync(page);

        var step = page.Locator("[data-testid=flow-step]", new() { Has = page.Locator("[data-testid=flow-text]", new() { HasTextString = question }) });
        await Expect(step).ToHaveCountAsync(1);
        await Expect(step).ToContainTextAsync(answer);
        await Expect(step.Locator("[data-testid=flow-invalid]")).ToContainTextAsync(invalid);
        // "Then step N", and step N asks the next question.
        var then = await step.Locator("p", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("(Ensuite|بعد ذلك)") }).Last.InnerTextAsync();
        var number = System.Text.RegularExpressions.Regex.Match(then, "[0-9]+").Value;
        await Expect(page.Locator($"#step-{number}").Locator("xpath=..")).ToContainTextAsync(nextQuestion);
        // Keywords by script, each as written.
        var keywords = page.Locator("[data-testid=flow-keywords]");
        foreach (var keyword in new[] { "AVIS", "رأي", "ⴰⵡⴰⵍ" }) await Expect(keywords).ToContainTextAsync(keyword);

        var text = await page.Locator("main").InnerTextAsync();
        foreach (var id in NodeIds) Assert.DoesNotContain(id, text);
        await TextLayout.AssertNothingWiderThanTheScreenAsync(page, "flows");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await ConsolePages.ScreenshotsAsync(page, "flows-feedback");

        // The developers' graph is one click away.
        await page.Locator("[data-testid=flow-graph] > summary").ClickAsync();
        await Expect(page.Locator("[data-testid=flow-graph] svg")).ToContainTextAsync("remember_commune");
    }
}
