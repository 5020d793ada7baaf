using Gateway.Admin.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Components.Console;

/// <summary>
/// The console's non-page routes: sign-out and language (forms, antiforgery-checked), the htmx fragments that change as
/// one types, and the server-sent event streams that move numbers by themselves. Sign-out and language are public (they
/// touch only the caller's own cookies); the rest want a signed-in caller who may see the route's commune, and the
/// simulator's and the composers' fragments a caller who may act (never an observer).
/// </summary>
public static class ConsoleEndpoints
{
    public static void Map(RouteGroupBuilder console)
    {
        // No form field is bound here, so the antiforgery check is asked for explicitly (a page elsewhere must not sign staff out).
        console.MapPost("/signout", async Task<Results<RedirectHttpResult, BadRequest>> (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.BadRequest();
            await ConsoleSession.SignOutAsync(http);
            return TypedResults.Redirect("/console/signin");
        }).AllowAnonymous();
        console.MapPost("/language", ([FromForm] string? language, [FromForm] string? returnUrl, HttpContext http) =>
        {
            ConsoleSession.SetLanguage(http, ConsoleTexts.Normalize(language));
            return TypedResults.Redirect(ConsoleUrls.Local(returnUrl));
        }).AllowAnonymous();

        var read = console.MapGroup("/{commune}").RequireAuthorization(GatewayPolicies.Read);
        read.MapGet("/polls/{id}/live", Pages.Polls.PollFragments.LiveAsync);
        read.MapGet("/polls/{id}/results.csv", Pages.Polls.PollFragments.CsvAsync);
        read.MapGet("/alerts/{id}/live", Pages.Alerts.AlertFragments.LiveAsync);
        read.MapGet("/inbox/feedback.csv", Pages.Inbox.InboxQuery.CsvAsync);
        read.MapGet("/participation.csv", Pages.Participation.ParticipationExport.CsvAsync);
        var act = console.MapGroup("/{commune}").RequireAuthorization(GatewayPolicies.Act);
        act.MapPost("/polls/check", Pages.Polls.PollFragments.CheckAsync);
        act.MapPost("/alerts/preview", Pages.Alerts.AlertFragments.PreviewAsync);
        act.MapPost("/inbox/{reference}/preview", Pages.Inbox.InboxFragments.PreviewAsync);
        act.MapPost("/simulator/send", Pages.Simulator.SimulatorFragments.SendAsync);
        act.MapGet("/simulator/side", Pages.Simulator.SimulatorFragments.SideAsync);
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
