using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Gateway.Observability;

/// <summary>
/// Request logging that cannot leak. ASP.NET Core's hosting diagnostics write each request line with its path and
/// query string at Information ("Request starting … /webhooks/kannel?secret=…&amp;from=%2B2126…"): webhook queries carry
/// provider secrets and phone numbers, and paths carry numbers (<c>/api/contacts/{phone}</c>). That category is held at
/// Warning whatever the configuration says, and <see cref="RequestLog"/> writes the line instead, with the route
/// pattern in place of the path and no query string.
/// </summary>
public static partial class RequestLogPrivacy
{
    /// <summary>Framework categories whose lines below Warning hold the request's path or query, or bound parameter values.</summary>
    public static readonly string[] PathLoggingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",       // "Request starting/finished" with path and query (Information)
        "Microsoft.AspNetCore.Routing.Matching",          // "candidate(s) found for the request path '…'" (Debug)
        "Microsoft.AspNetCore.Http.RequestDelegateFactory", // "Failed to bind parameter … from '…'" (Debug)
    ];

    public static WebApplicationBuilder AddRequestLogPrivacy(this WebApplicationBuilder builder)
    {
        // Added after the configuration's rules, so these win for their categories (the most specific match) at any level set.
        foreach (var category in PathLoggingCategories)
        {
            builder.Logging.AddFilter(category, LogLevel.Warning);
            builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(category, LogLevel.Warning);
        }
        return builder;
    }

    public static WebApplication UseRequestLog(this WebApplication app)
    {
        app.UseMiddleware<RequestLog>();
        return app;
    }

    /// <summary>Runs of 7+ digits (with an optional '+', spaces or dashes between) in text from outside, e.g. a provider's error message.</summary>
    public static string RedactNumbers(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Numbers().Replace(text, m => PhoneLike(m.Value));

    private static string PhoneLike(string value)
    {
        var digits = new string([.. value.Where(char.IsAsciiDigit)]);
        return digits.Length < 7 ? value : Text.PhoneNumbers.Mask("+" + digits);
    }

    [GeneratedRegex(@"\+?\d[\d \-]{5,}\d")]
    private static partial Regex Numbers();
}

/// <summary>One Debug line per request: method, route pattern (never the path's values nor the query), status, time.</summary>
public sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        await next(context);
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        Log(logger, context.Request.Method, "/" + route.TrimStart('/'), context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP {Method} {Route} answered {Status} in {ElapsedMs:0.0} ms")]
    private static partial void Log(ILogger logger, string method, string route, int status, double elapsedMs);
}
