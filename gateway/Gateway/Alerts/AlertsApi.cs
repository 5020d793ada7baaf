using Gateway.Admin.Access;
using Gateway.Admin;
using Gateway.Admin.Audit;
using Gateway.Alerts.Compose;
using Gateway.Alerts.Sending;
using Gateway.OpenApi;
using Gateway.Profiles.Breakdowns;
using Gateway.Contacts;
using Gateway.Communes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Alerts;

/// <summary>
/// The alerts admin API (X-Api-Key; a commune key sees only its commune, others get 404):
/// <c>POST /api/alerts/preview</c>, <c>POST /api/alerts</c>, <c>GET /api/alerts?commune=</c>, <c>GET /api/alerts/{id}</c>, <c>POST /api/alerts/{id}/cancel</c>,
/// and <c>POST /api/communes/{commune}/subscribers:import</c> to load a subscriber list.
/// </summary>
public static class AlertsApi
{
    public const int MaxImportRows = 10_000;

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization(GatewayPolicies.Read);
        alerts.MapPost("/preview", PreviewAsync);
        alerts.MapPost("/", CreateAsync);
        alerts.MapGet("/", ListAsync);
        alerts.MapGet("/{id}", GetAsync).WithQueryParameters([BreakdownBy.Parameter("the messages sent (its reach, by the recipients' profile at send time)")]);
        alerts.MapPost("/{id}/cancel", CancelAsync);

        var communes = app.MapGroup("/api/communes").WithTags("Alerts").RequireAuthorization(GatewayPolicies.Read);
        // MaxImportRows rows of JSON exceed the default body limit (Hosting/RequestBodyLimit.cs).
        communes.MapPost("/{commune}/subscribers:import", ImportAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(4 * 1024 * 1024));
        return app;
    }

    // Authorization has admitted a caller before any handler runs.
    private static AdminCaller Caller(this HttpContext http) =>
        CallerClaims.Caller(http.User) ?? throw new InvalidOperationException("The route must require an authenticated caller.");

    private static NotFound<ProblemDetails> NotFound(string title, string detail) =>
        TypedResults.NotFound(new ProblemDetails { Title = title, Detail = detail, Status = 404 });

    private static NotFound<ProblemDetails> UnknownAlert(string id) => NotFound("Unknown alert", $"No alert has id '{id}'.");

    private static async Task<Results<Ok<AlertPreview>, ValidationProblem, NotFound<ProblemDetails>>> PreviewAsync(
        AlertRequest request, HttpContext http, AlertComposer composer, AlertPreviewer previewer, AlertSegments segments, CancellationToken cancellationToken)
    {
        if (request.Commune is { Length: > 0 } c && !http.Caller().CanSee(c)) return NotFound("Unknown commune", $"No commune '{c}' for this key.");
        var (composed, errors) = composer.Compose(request);
        if (composed is null) return TypedResults.ValidationProblem(errors);
        // A segment too small is refused rather than previewed: the preview would count a handful of identifiable people.
        if (await segments.RefusalAsync(composed, cancellationToken) is { } refusal) return SegmentRefused(refusal);
        return TypedResults.Ok(await previewer.PreviewAsync(composed, cancellationToken));
    }

    private static async Task<Results<Created<AlertView>, Ok<AlertView>, ValidationProblem, NotFound<ProblemDetails>>> CreateAsync(
        AlertRequest request, HttpContext http, AlertComposer composer, AlertService alerts, AlertSegments segments, IAuditLog audit, TimeProvider clock,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (request.Commune is { Length: > 0 } c && !http.Caller().CanSee(c)) return NotFound("Unknown commune", $"No commune '{c}' for this key.");
        var (composed, errors) = composer.Compose(request with { RequestId = request.RequestId ?? idempotencyKey });
        if (composed is null) return TypedResults.ValidationProblem(errors);
        if (await segments.RefusalAsync(composed, cancellationToken) is { } refusal) return SegmentRefused(refusal);
        var (alert, created) = await alerts.CreateAsync(composed, http.Caller().Name, cancellationToken);
        if (created && alert.SendsInQuietHours) await audit.RecordAsync(UrgentChoice(http, alert, clock), cancellationToken);
        var view = (await alerts.GetAsync(alert.Id, cancellationToken))!;
        return created ? TypedResults.Created($"/api/alerts/{alert.Id}", view) : TypedResults.Ok(view);
    }

    /// <summary>
    /// The choice to send in quiet hours, in the audit log beside the route's own entry (which records no body): who chose it, for which alert.
    /// </summary>
    private static AuditEntry UrgentChoice(HttpContext http, AlertDefinition alert, TimeProvider clock)
    {
        var caller = http.Caller();
        return new AuditEntry(clock.GetUtcNow(), caller.Name, caller.Commune, CallerClaims.RoleName(caller.Role), UrgentAuditAction,
            $"commune={alert.Commune}, id={alert.Id}", StatusCodes.Status201Created) { Surface = AuditSurfaces.Of(http.Request), Person = caller.Person };
    }

    /// <summary>The audit action of an alert sent in quiet hours by its author's choice (API and console).</summary>
    public const string UrgentAuditAction = "alert.send-in-quiet-hours";

    public const int MaxListed = 200;

    /// <summary>The alerts of one commune (a commune key may omit it: its own), newest first.</summary>
    private static async Task<Results<Ok<IReadOnlyList<AlertView>>, ValidationProblem, NotFound<ProblemDetails>>> ListAsync(
        string? commune, int? limit, HttpContext http, CommuneRegistry communes, AlertService alerts, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var wanted = string.IsNullOrWhiteSpace(commune) ? caller.Commune : commune;
        var errors = new Dictionary<string, string[]>();
        if (wanted is null) errors["commune"] = ["Name the commune (?commune=): a programme key sees every commune."];
        if (limit is < 1 or > MaxListed) errors["limit"] = [$"'limit' must be between 1 and {MaxListed}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (communes.Find(wanted) is not { } known || !caller.CanSee(known.Id)) return NotFound("Unknown commune", $"No commune '{wanted}' for this key.");
        return TypedResults.Ok(await alerts.ListAsync(known.Id, limit ?? 50, cancellationToken));
    }

    private static ValidationProblem SegmentRefused(string sentence) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["segment"] = [sentence] }, detail: sentence, title: "Segment too small");

    private static async Task<Results<Ok<AlertView>, ValidationProblem, NotFound<ProblemDetails>>> GetAsync(string id, HttpContext http, AlertService alerts,
        CancellationToken cancellationToken)
    {
        var (by, error) = BreakdownBy.Parse(http.Request.Query["by"]);
        if (error is not null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["by"] = [error] }, detail: error, title: "Invalid breakdown");
        return await alerts.GetAsync(id, cancellationToken, by) is { } view && http.Caller().CanSee(view.Commune) ? TypedResults.Ok(view) : UnknownAlert(id);
    }

    private static async Task<Results<Ok<AlertView>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> CancelAsync(string id, HttpContext http,
        AlertService alerts, CancellationToken cancellationToken)
    {
        if (await alerts.FindAsync(id, cancellationToken) is not { } alert || !http.Caller().CanSee(alert.Commune)) return UnknownAlert(id);
        if (!await alerts.CancelAsync(alert, cancellationToken))
        {
            var status = (await alerts.GetAsync(id, cancellationToken))?.Status;
            return TypedResults.Conflict(new ProblemDetails { Title = "Alert already ended", Detail = $"Alert '{id}' is {status}.", Status = 409 });
        }
        return TypedResults.Ok((await alerts.GetAsync(id, cancellationToken))!);
    }

    /// <param name="Topic">Subscribed topic (default meetings).</param>
    public sealed record ImportRequest(string? Topic, List<SubscriberRow>? Subscribers);

    private static async Task<Results<Ok<SubscriberImportResult>, ValidationProblem, NotFound<ProblemDetails>>> ImportAsync(
        string commune, ImportRequest request, HttpContext http, CommuneRegistry communes, AudienceImport import, CancellationToken cancellationToken)
    {
        if (communes.Find(commune) is not { } known || !http.Caller().CanSee(known.Id)) return NotFound("Unknown commune", $"No commune '{commune}' for this key.");
        var topic = string.IsNullOrWhiteSpace(request.Topic) ? AlertComposer.DefaultTopic : request.Topic.Trim();
        var errors = new Dictionary<string, string[]>();
        if (!System.Text.RegularExpressions.Regex.IsMatch(topic, "^[a-z0-9][a-z0-9-]{0,39}$")) errors["topic"] = ["A topic is 1–40 lowercase letters, digits or dashes."];
        if (request.Subscribers is not { Count: > 0 }) errors["subscribers"] = ["Give at least one subscriber."];
        else if (request.Subscribers.Count > MaxImportRows) errors["subscribers"] = [$"At most {MaxImportRows} subscribers per request."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await import.ImportAsync(known.Id, topic, request.Subscribers!, publishEvents: true, cancellationToken));
    }
}
