
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Components.Console;

/// <summary>
/// The console's non-page routes: sign-out and language (forms, antiforgery-checked), the htmx fragments that change as
/// one types, and the server-sent event streams that move numbers by themselves. Every route here sits behind
/// <see cref="ConsoleGate"/> (signed in, commune visible).
/// </summary>
public static class ConsoleEndpoints
{
    public static void Map(RouteGroupBuilder console)
    {
        // No form field is bound here, so the antiforgery check is asked for explicitly (a page elsewhere must not sign staff out).
        console.MapPost("/signout", async Task<Results<RedirectHttpResult, BadRequest>> (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.BadRequest();
            ConsoleSession.SignOut(http);
            return TypedResults.Redirect("/console/signin");
        });
        console.MapPost("/language", ([FromForm] string? language, [FromForm] string? returnUrl, HttpContext http) =>
        {
            ConsoleSession.SetLanguage(http, ConsoleTexts.Normalize(language));
            return TypedResults.Redirect(ConsoleUrls.Local(returnUrl));
        });

        var commune = console.MapGroup("/{commune}");
        commune.MapPost("/polls/check", Pages.Polls.PollFragments.CheckAsync);
        commune.MapGet("/polls/{id}/live", Pages.Polls.PollFragments.LiveAsync);
        commune.MapGet("/polls/{id}/results.csv", Pages.Polls.PollFragments.CsvAsync);
        commune.MapPost("/alerts/preview", Pages.Alerts.AlertFragments.PreviewAsync);
        commune.MapGet("/alerts/{id}/live", Pages.Alerts.AlertFragments.LiveAsync);
        commune.MapPost("/simulator/send", Pages.Simulator.SimulatorFragments.SendAsync);
        commune.MapGet("/inbox/feedback.csv", Pages.Inbox.InboxQuery.CsvAsync);
        commune.MapPost("/inbox/{reference}/preview", Pages.Inbox.InboxFragments.PreviewAsync);
        commune.MapGet("/simulator/side", Pages.Simulator.SimulatorFragments.SideAsync);
    }

    /// <summary>A component rendered to an HTML string (for a server-sent event, whose data is text).</summary>
    public static async Task<string> RenderAsync<TComponent>(HttpContext http, IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(http.RequestServices, http.RequestServices.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    public static RazorComponentResult<TComponent> Fragment<TComponent>(object parameters) where TComponent : IComponent => new(parameters);
}
