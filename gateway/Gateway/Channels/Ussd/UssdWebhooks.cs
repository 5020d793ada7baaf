using Gateway.Conversations;
using Gateway.Observability;
using Gateway.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Channels.Ussd;

/// <summary>
/// USSD webhooks: <c>POST /webhooks/africastalking/ussd</c> (+ <c>/events</c> for end-of-session notifications)
/// and <c>POST /webhooks/ussd/{route}</c> for every other configured route (e.g. <c>/webhooks/ussd/arkesel</c>).
/// </summary>
public static class UssdWebhooks
{
    /// <summary>
    /// The largest USSD request read. A hop is a few short fields; Africa's Talking's <c>text</c> holds every input of a
    /// session of at most ~3 minutes (182 characters a screen): a few kilobytes at worst.
    /// </summary>
    public const int MaxBodyBytes = 16 * 1024;

    internal static void Map(IEndpointRouteBuilder app)
    {
        var routes = app.ServiceProvider.GetRequiredService<UssdRoutes>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UssdWebhooks));
        var environment = app.ServiceProvider.GetRequiredService<IHostEnvironment>();
        foreach (var (name, route) in routes.All)
            if (route.Enabled && IsOpenOutsideDevelopment(route, environment))
                logger.LogWarning("USSD route {Route} accepts any caller: set its Key or AllowedIps under Ussd:<route>", name);

        var group = app.MapGroup("/webhooks").VerifiedBy<UssdVerifier>().WithTags("USSD").DisableAntiforgery();
        group.MapPost("/africastalking/ussd", (HttpContext context, [AsParameters] HopServices services) =>
            HandleHopAsync(context, UssdRoutes.AfricasTalking, services));
        group.MapPost("/africastalking/ussd/events", HandleAfricasTalkingEndAsync);
        group.MapPost("/ussd/{route}", (string route, HttpContext context, [AsParameters] HopServices services) =>
            HandleHopAsync(context, route, services));
    }

    private static bool IsOpenOutsideDevelopment(UssdRouteOptions route, IHostEnvironment environment) =>
        UssdRoutes.IsOpen(route) && !environment.IsDevelopment() && !environment.IsEnvironment("Testing");

    public sealed record HopServices(UssdRoutes Routes, UssdFormats Formats, UssdSessionHandler Handler);

    private static async Task<IResult> HandleHopAsync(HttpContext context, string routeName, HopServices services)
    {
        if (!services.Routes.TryGet(routeName, out var route)) return TypedResults.NotFound();
        if (!services.Formats.TryGet(route.Format!, out var format))
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "USSD route misconfigured",
                detail: $"Unknown USSD format '{route.Format}' for route '{routeName}'.");

        var (body, tooLarge) = await WebhookBody.ReadAsync(context, MaxBodyBytes);
        if (tooLarge is not null) return tooLarge;
        var parsed = format.Parse(context.Request, body!);
        if (parsed.Request is null) return BadRequest(parsed.Detail!, parsed.InvalidField!);

        var screen = await services.Handler.HandleAsync(route.Provider!, parsed.Request.Hop, context.RequestAborted);
        if (screen.StepCommitted) WebhookTiming.Mark(context, ChannelKind.Ussd);
        return format.Render(parsed.Request, screen);
    }

    /// <summary>
    /// Africa's Talking's end-of-session notification (docs/protocols.md §5): recorded and logged, always 200 once valid,
    /// since AT does nothing useful with an error here.
    /// </summary>
    private static async Task<Results<Ok, ProblemHttpResult>> HandleAfricasTalkingEndAsync(
        HttpContext context, UssdRoutes routes, UssdSessionOutcomes outcomes, ILogger<UssdSessionOutcomes> logger)
    {
        if (!routes.TryGet(UssdRoutes.AfricasTalking, out var route)) return TypedResults.Problem(statusCode: 404, title: "Not found");
        if (!WebhookForm.IsForm(context.Request)) return BadRequest("Expected an application/x-www-form-urlencoded body.", "body");
        var (body, tooLarge) = await WebhookBody.ReadAsync(context, MaxBodyBytes);
        if (tooLarge is not null) return tooLarge;
        if (WebhookForm.Parse(body) is not { } form) return WebhookForm.TooManyFields();

        var sessionId = form["sessionId"];
        if (sessionId.Length == 0) return BadRequest("The field 'sessionId' is required.", "sessionId");

        var status = UssdSessionOutcomes.Known(form["status"]);
        if (!TryReadDuration(form["durationInMillis"], out var duration))
            return BadRequest($"The field 'durationInMillis' must be a whole number of milliseconds from 0 to {MaxDuration.TotalMilliseconds:0}.", "durationInMillis");
        var hops = int.TryParse(form["hopsCount"], out var h) && h >= 0 ? h : 0;
        var error = form["errorMessage"] is { Length: > 0 } e ? e[..Math.Min(e.Length, 200)] : null;
        outcomes.Record(new UssdSessionEnded(route.Provider!, sessionId, status, duration, hops, error));
        logger.LogInformation(
            "USSD session {SessionId} of {Phone} on {ServiceCode} ended: {Status} after {Hops} hops in {DurationMs} ms {Error}",
            sessionId, PhoneNumbers.Mask(form["phoneNumber"]), form["serviceCode"], status, hops,
            (long)duration.TotalMilliseconds, error);
        return TypedResults.Ok();
    }

    /// <summary>Far longer than any USSD session (operators end them after ~3 minutes); a bound TimeSpan can hold.</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    /// <summary>Absent is 0 (AT omits it on some failures); present, it must be a duration a session can have.</summary>
    private static bool TryReadDuration(string raw, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (raw.Length == 0) return true;
        if (!long.TryParse(raw, out var ms) || ms < 0 || ms > MaxDuration.TotalMilliseconds) return false;
        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    private static ProblemHttpResult BadRequest(string detail, string field) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid USSD request", detail: detail,
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
