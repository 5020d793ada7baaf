using Gateway.Admin.Access;

namespace Gateway.Feedback.Open311;

/// <summary>
/// Open311's errors in its own format: a refused key, a broken form or a failure answers the GeoReport v2 error document,
/// in XML for <c>.xml</c> and JSON otherwise, with the HTTP status as its code.
/// </summary>
public sealed class Open311Errors : IErrorSurface
{
    public bool Owns(HttpContext http) => http.Request.Path.StartsWithSegments(Open311Api.Root);

    public Task WriteAsync(HttpContext http, SurfaceError error) =>
        Open311Format.Error(FormatOf(http), error.Status, error.Detail).ExecuteAsync(http);

    private static string FormatOf(HttpContext http) =>
        http.GetRouteValue("format") as string is { } format && Open311Format.IsKnown(format) ? format
            : http.Request.Path.Value?.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) == true ? "xml" : "json";
}
