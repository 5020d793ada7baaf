namespace Gateway.Admin.Access;

/// <summary>An error to answer, whatever raised it (authentication, authorization, a broken request, an exception).</summary>
/// <param name="RetryAfterSeconds">Sent as <c>Retry-After</c> (a 503 that will pass).</param>
/// <param name="ApiKeyChallenge">A 401 that names the header to send (<c>WWW-Authenticate: X-Api-Key</c>).</param>
public sealed record SurfaceError(int Status, string Title, string Detail, int? RetryAfterSeconds = null, bool ApiKeyChallenge = false);

/// <summary>
/// A part of the gateway that answers errors in its own format: Open311 as its XML or JSON error document, the console as
/// pages in the clerk's language (or a bare status for its fragments). The admin API's problem details are the default.
/// </summary>
public interface IErrorSurface
{
    bool Owns(HttpContext http);

    Task WriteAsync(HttpContext http, SurfaceError error);
}

/// <summary>Writes an error in the format of the surface the request belongs to.</summary>
public sealed class ErrorSurfaces(IEnumerable<IErrorSurface> surfaces)
{
    public async Task WriteAsync(HttpContext http, SurfaceError error)
    {
        if (http.Response.HasStarted) return;
        http.Response.Clear();
        if (error.RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (error.ApiKeyChallenge) http.Response.Headers.WWWAuthenticate = AdminExtensions.HeaderName;
        foreach (var surface in surfaces)
            if (surface.Owns(http))
            {
                await surface.WriteAsync(http, error);
                return;
            }
        // Problem details, or plain problem JSON where the Accept header admits no writer (text/event-stream): never a throw.
        await TypedResults.Problem(title: error.Title, detail: error.Detail, statusCode: error.Status).ExecuteAsync(http);
    }
}
