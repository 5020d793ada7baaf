using Gateway.Communes;

namespace Gateway.Components.Console;

/// <summary>
/// Runs before every <c>/console</c> request, ahead of authentication: binds the request's <see cref="ConsoleContext"/>
/// (language from its cookie, so that even a refusal is answered in the clerk's language). Who may see what is not
/// decided here: the framework's authorization does that (Admin/Access).
/// </summary>
public sealed class ConsoleGate(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http, ConsoleContext context, CommuneRegistry communes)
    {
        if (IsConsole(http)) context.Bind(http, communes);
        return next(http);
    }

    public static bool IsConsole(HttpContext http) => http.Request.Path.StartsWithSegments(ConsoleSession.CookiePath);

    /// <summary>An htmx fragment or a live stream: answered with a bare status, never a redirect or a page.</summary>
    public static bool IsFragment(HttpContext http) =>
        http.Request.Headers.ContainsKey("HX-Request") || http.Request.Headers.Accept.ToString().Contains("text/event-stream");
}
