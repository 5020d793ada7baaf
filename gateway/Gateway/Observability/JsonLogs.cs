namespace Gateway.Observability;

/// <summary>
/// <c>Logging:Json=true</c>: the console writes one JSON object per line (the framework's JSON console formatter), for a
/// log collector to parse; default false, the readable text lines. Redaction does not depend on the format: numbers are
/// masked where they are logged (<see cref="Text.PhoneNumbers.Mask"/>) and the categories that would write paths and
/// queries stay held back (<see cref="RequestLogPrivacy"/>), whichever formatter prints the line.
/// </summary>
public static class JsonLogs
{
    public const string Setting = "Logging:Json";

    public static WebApplicationBuilder AddJsonLogsWhenAsked(this WebApplicationBuilder builder)
    {
        if (!IsAsked(builder.Configuration)) return builder;
        builder.Logging.AddJsonConsole(o =>
        {
            // Scopes would add the request path (a number in /api/contacts/{phone}); the request log line says the route instead.
            o.IncludeScopes = false;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        });
        return builder;
    }

    private static bool IsAsked(IConfiguration configuration)
    {
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text)) return false;
        return bool.TryParse(text, out var json) ? json
            : throw new InvalidOperationException($"{Setting} is '{text}': it must be true (one JSON object per line) or false (text lines, the default).");
    }
}
