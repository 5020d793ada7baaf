using Gateway.Communes;

namespace Gateway.Components.Console;

/// <summary>
/// Runs before every <c>/console</c> request: reads the session and the language, resolves the commune of the URL
/// (<c>/console/{commune}/...</c>), sends the signed-out to the sign-in page, and answers 404 for a commune the key may
/// not see, exactly as the admin API does for another commune's data.
/// </summary>
public sealed class ConsoleGate(RequestDelegate next)
{
    /// <summary>First path segments after /console that are not communes.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "signin", "signout", "language" };

    public async Task InvokeAsync(HttpContext http, ConsoleSession session, ConsoleContext context, CommuneRegistry communes)
    {
        if (!http.Request.Path.StartsWithSegments(ConsoleSession.CookiePath, out var rest))
        {
            await next(http);
            return;
        }
        // The console answers its own errors with pages in the reader's language, never the API's JSON problem.
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
        context.Language = ConsoleTexts.Normalize(http.Request.Cookies[ConsoleSession.LanguageCookie]);
        var signedIn = session.Read(http);
        context.Caller = signedIn.Caller;
        var first = rest.Value?.Trim('/').Split('/', 2)[0] ?? "";

        // A stored key cannot be checked while its store is unreadable: say so (503), rather than sign the clerk out. Signing
        // in again, out, and choosing the language still work.
        if (signedIn.StoreUnavailable && !Reserved.Contains(first))
        {
            http.Response.Headers.RetryAfter = "30";
            // Only a page can say it in words (the layout's 503 page); fragments, downloads and forms get the bare status.
            if (IsFragment(http) || http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null)
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            context.KeysUnavailable = true;
            await next(http);
            return;
        }

        if (context.Caller is null && !Reserved.Contains(first))
        {
            if (IsFragment(http))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            var back = http.Request.Path + http.Request.QueryString;
            http.Response.Redirect("/console/signin?returnUrl=" + Uri.EscapeDataString(back));
            return;
        }

        if (first.Length > 0 && !Reserved.Contains(first))
        {
            var commune = communes.Find(first);
            if (commune is not null && context.Caller!.CanSee(commune.Id)) context.Commune = commune;
            else
            {
                // The layout answers 404 with the not-found page instead of the page asked for (which is then never built).
                context.CommuneHidden = true;
                if (IsFragment(http))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
            }
        }
        await next(http);
    }

    /// <summary>An htmx fragment or a live stream: answered with a bare status, never a redirect or a page.</summary>
    public static bool IsFragment(HttpContext http) =>
        http.Request.Headers.ContainsKey("HX-Request") || http.Request.Headers.Accept.ToString().Contains("text/event-stream");
}
