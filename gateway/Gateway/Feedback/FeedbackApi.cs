using Gateway.Admin.Access;
using Gateway.Admin;
using Gateway.Communes;
using Gateway.Feedback.Open311;
using Gateway.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Feedback;

/// <summary>
/// The staff API of the feedback desk under <c>/api/feedback</c>, behind the admin keys. A key scoped to a commune sees
/// that commune's reports only: another commune's report (or commune) answers 404, exactly as an unknown one.
/// Changes (status, notes, assignee) are one route group (<see cref="MapFeedbackDesk"/>'s <c>changes</c>), so a role
/// requirement can be added to all of them with one call.
/// </summary>
public static class FeedbackApi
{
    /// <summary>Reports per export (CSV, JSON): a commune's whole desk, in pages of the list's maximum.</summary>
    public const int MaxExport = 100_000;

    public static IEndpointRouteBuilder MapFeedbackDesk(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api").WithTags("Feedback").RequireAuthorization(GatewayPolicies.Read);
        exports.MapGet("/feedback.csv", ExportCsvAsync).WithQueryParameters(FeedbackListRequest.Parameters).Produces(StatusCodes.Status200OK, typeof(string), "text/csv");
        exports.MapGet("/feedback.json", ExportJsonAsync).WithQueryParameters(FeedbackListRequest.Parameters);

        var desk = app.MapGroup("/api/feedback").WithTags("Feedback").RequireAuthorization(GatewayPolicies.Read);
        desk.MapGet("/", ListAsync).WithQueryParameters(FeedbackListRequest.Parameters);
        desk.MapGet("/stats", StatsAsync).WithQueryParameters(ReportBreakdown.Parameters);
        desk.MapGet("/{reference}", GetAsync);

        var changes = desk.MapGroup("/");
        changes.MapPost("/{reference}/status", ChangeStatusAsync);
        changes.MapPost("/{reference}/notes", AddNoteAsync);
        changes.MapPut("/{reference}/assignee", AssignAsync);

        app.MapOpen311();
        return app;
    }

    /// <summary>What the handlers use, bundled.</summary>
    public sealed class Services(IFeedbackStore store, FeedbackDesk desk, CommuneRegistry communes, FeedbackCategories categories, TimeProvider clock)
    {
        public IFeedbackStore Store { get; } = store;
        public FeedbackDesk Desk { get; } = desk;
        public CommuneRegistry Communes { get; } = communes;
        public FeedbackCategories Categories { get; } = categories;
        public DateTimeOffset Now => clock.GetUtcNow();
    }

    private static async Task<Results<Ok<FeedbackListView>, ValidationProblem, NotFound<ProblemDetails>>> ListAsync(
        HttpRequest request, AdminCaller caller, [FromServices] Services feedback, CancellationToken cancellationToken)
    {
        var now = feedback.Now;
        var parsed = FeedbackListRequest.Parse(request.Query, caller, feedback.Communes, feedback.Categories, now);
        if (parsed.CommuneHidden) return CommuneNotFound(request.Query["commune"]!);
        if (parsed.Query is not { } query) return TypedResults.ValidationProblem(parsed.Errors, title: "Invalid list request");
        var page = await feedback.Store.ListAsync(query, cancellationToken);
        return TypedResults.Ok(new FeedbackListView([.. page.Items.Select(r => FeedbackView.Of(r, now))], page.Next));
    }

    private static async Task<Results<Ok<FeedbackStats>, ValidationProblem, NotFound<ProblemDetails>>> StatsAsync(
        string? commune, string? month, HttpRequest request, AdminCaller caller, [FromServices] Services feedback,
        [FromServices] Conversations.Ports.ICounterStore counters, [FromServices] Microsoft.Extensions.Options.IOptions<Profiles.ProfilesOptions> profiles,
        [FromServices] Profiles.Places.PlaceDirectory places,
        CancellationToken cancellationToken)
    {
        var (by, byError) = Profiles.Breakdowns.BreakdownBy.Parse(request.Query["by"]);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (byError is not null) errors["by"] = [byError];
        var breakdownMonth = ReportBreakdown.MonthAsked(month, feedback.Now);
        if (breakdownMonth is null) errors["month"] = ["'month' is a whole month written yyyy-MM, such as 2026-03: finer windows could be subtracted to single someone out."];
        if (by.Count > 0 && string.IsNullOrWhiteSpace(commune) && caller.Commune is null)
            errors["commune"] = ["A breakdown is of one commune (?commune=): sums over communes could be subtracted from a commune's own figures."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid breakdown");

        IReadOnlyList<string?> scope;
        if (!string.IsNullOrWhiteSpace(commune))
        {
            if (feedback.Communes.Find(commune) is not { } found || !caller.CanSee(found.Id)) return CommuneNotFound(commune);
            scope = [found.Id];
        }
        else scope = caller.IsProgramme ? [.. feedback.Communes.All.Select(c => c.Id), null] : [caller.Commune];
        var stats = await feedback.Store.StatsAsync(scope, feedback.Categories.Codes, feedback.Now, cancellationToken);
        if (by.Count == 0) return TypedResults.Ok(stats);
        var breakdown = await ReportBreakdown.ReadAsync(scope[0]!, breakdownMonth!, by, counters, profiles.Value,
            await places.RowsAsync(scope[0]!, cancellationToken), cancellationToken);
        return TypedResults.Ok(stats with { Breakdown = breakdown });
    }

    private static async Task<Results<Ok<FeedbackView>, NotFound<ProblemDetails>>> GetAsync(
        string reference, AdminCaller caller, [FromServices] Services feedback, CancellationToken cancellationToken) =>
        FeedbackReferences.Parse(reference) is { } r && await feedback.Store.GetReportAsync(r, cancellationToken) is { } stored && caller.CanSee(stored.Report.Commune)
            ? TypedResults.Ok(FeedbackView.Of(stored.Report, feedback.Now))
            : NotFound(reference);

    private static async Task<Results<Ok<FeedbackView>, ValidationProblem, NotFound<ProblemDetails>>> ChangeStatusAsync(
        string reference, StatusChangeRequest body, AdminCaller caller, [FromServices] Services feedback, CancellationToken cancellationToken)
    {
        var errors = body.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid status change");
        if (FeedbackReferences.Parse(reference) is not { } r) return NotFound(reference);
        var outcome = await feedback.Desk.ChangeStatusAsync(r, body.Status!, body.Message, caller.Name, report => caller.CanSee(report.Commune), cancellationToken);
        return outcome.Report is { } report ? TypedResults.Ok(FeedbackView.Of(report, feedback.Now)) : NotFound(reference);
    }

    private static async Task<Results<Ok<FeedbackView>, ValidationProblem, NotFound<ProblemDetails>>> AddNoteAsync(
        string reference, NoteRequest body, AdminCaller caller, [FromServices] Services feedback, CancellationToken cancellationToken)
    {
        var errors = body.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid note");
        if (FeedbackReferences.Parse(reference) is not { } r) return NotFound(reference);
        var outcome = await feedback.Desk.AddNoteAsync(r, body.Text!.Trim(), caller.Name, report => caller.CanSee(report.Commune), cancellationToken);
        return outcome.Report is { } report ? TypedResults.Ok(FeedbackView.Of(report, feedback.Now)) : NotFound(reference);
    }

    private static async Task<Results<Ok<FeedbackView>, ValidationProblem, NotFound<ProblemDetails>>> AssignAsync(
        string reference, AssigneeRequest body, AdminCaller caller, [FromServices] Services feedback, CancellationToken cancellationToken)
    {
        var errors = body.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid assignee");
        if (FeedbackReferences.Parse(reference) is not { } r) return NotFound(reference);
        var assignee = string.IsNullOrWhiteSpace(body.Assignee) ? null : body.Assignee.Trim();
        var outcome = await feedback.Desk.AssignAsync(r, assignee, caller.Name, report => caller.CanSee(report.Commune), cancellationToken);
        return outcome.Report is { } report ? TypedResults.Ok(FeedbackView.Of(report, feedback.Now)) : NotFound(reference);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> ExportCsvAsync(
        HttpRequest request, AdminCaller caller, [FromServices] Services feedback, CancellationToken cancellationToken)
    {
        var export = await ExportAsync(request, caller, feedback, cancellationToken);
        if (export.Result is { } failed) return failed switch
        {
            ValidationProblem v => v,
            NotFound<ProblemDetails> n => n,
            _ => throw new InvalidOperationException(),
        };
        return TypedResults.File(FeedbackCsv.Write(export.Reports!), FeedbackCsv.ContentType, $"feedback-{feedback.Now:yyyyMMdd}.csv");
    }

    private static async Task<Results<Ok<IReadOnlyList<FeedbackView>>, ValidationProblem, NotFound<ProblemDetails>>> ExportJsonAsync(
        HttpRequest request, AdminCaller caller, [FromServices] Services feedback, CancellationToken cancellationToken)
    {
        var export = await ExportAsync(request, caller, feedback, cancellationToken);
        if (export.Result is { } failed) return failed switch
        {
            ValidationProblem v => v,
            NotFound<ProblemDetails> n => n,
            _ => throw new InvalidOperationException(),
        };
        return TypedResults.Ok(export.Reports!);
    }

    /// <summary>Every report matching the list filters (no cursor, no limit: all pages, up to <see cref="MaxExport"/>).</summary>
    private static async Task<(IResult? Result, IReadOnlyList<FeedbackView>? Reports)> ExportAsync(
        HttpRequest request, AdminCaller caller, Services feedback, CancellationToken cancellationToken)
    {
        var now = feedback.Now;
        var parsed = FeedbackListRequest.Parse(request.Query, caller, feedback.Communes, feedback.Categories, now, FeedbackListRequest.MaxLimit);
        if (parsed.CommuneHidden) return (CommuneNotFound(request.Query["commune"]!), null);
        if (parsed.Query is not { } query) return (TypedResults.ValidationProblem(parsed.Errors, title: "Invalid export request"), null);
        var all = new List<FeedbackView>();
        query = query with { Limit = FeedbackListRequest.MaxLimit };
        while (all.Count < MaxExport)
        {
            var page = await feedback.Store.ListAsync(query, cancellationToken);
            all.AddRange(page.Items.Select(r => FeedbackView.Of(r, now)));
            if (page.Next is null || !FeedbackCursor.TryDecode(page.Next, out var next)) break;
            query = query with { After = next };
        }
        return (null, all);
    }

    private static NotFound<ProblemDetails> NotFound(string reference) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Report not found", Detail = $"No report '{reference}' is visible to this key.", Status = 404 });

    private static NotFound<ProblemDetails> CommuneNotFound(string commune) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Commune not found", Detail = $"No commune '{commune}' is open to this key.", Status = 404 });
}
