using Gateway.Admin.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Components.Console;

/// <summary>
/// The console answers its errors as pages in the clerk's language, whatever raised them (a refusal, an unknown path, a
/// broken form, a failure): not signed in is a redirect to sign-in, the rest a page with the status (404, 403, 503 with
/// <c>Retry-After</c>, 400, 500). Fragments and live streams get the bare status: htmx and EventSource show no page.
/// </summary>
public sealed class ConsoleErrors : IErrorSurface
{
    public bool Owns(HttpContext http) => ConsoleGate.IsConsole(http);

    public async Task WriteAsync(HttpContext http, SurfaceError error)
    {
        if (ConsoleGate.IsFragment(http))
        {
            http.Response.StatusCode = error.Status;
            return;
        }
        if (error.Status == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.Remove("WWW-Authenticate");
            http.Response.Redirect("/console/signin?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            return;
        }
        var context = http.RequestServices.GetRequiredService<ConsoleContext>();
        context.KeysUnavailable = AccessFailure.Of(http)?.Kind == AccessFailureKind.StoreUnavailable;
        await new RazorComponentResult<ConsoleStatusDocument>(new { error.Status }) { StatusCode = error.Status }.ExecuteAsync(http);
    }
}
