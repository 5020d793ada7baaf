using Gateway.Admin.Access;
using System.Security.Cryptography;
using Gateway.Admin;
using Gateway.Communes;
using Gateway.Conversations.Flows;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Gateway.Conversations.Ports;
using Gateway.OpenApi;
using Gateway.Profiles;
using Gateway.Profiles.Breakdowns;
using Microsoft.Extensions.Options;

namespace Gateway.Polls;

/// <summary>
/// The poll admin API under <c>/api/polls</c>, behind the admin key seam. A key scoped to a commune sees only that
/// commune's polls: another commune's poll answers 404, as an unknown one does.
/// </summary>
public static class PollsApi
{
    public static IEndpointRouteBuilder MapPolls(this IEndpointRouteBuilder app)
    {
        var polls = app.MapGroup("/api/polls").WithTags("Polls").RequireAuthorization(GatewayPolicies.Read);
        polls.MapPost("/", CreateAsync);
        polls.MapGet("/", ListAsync);
        polls.MapGet("/{id}", GetAsync);
        polls.MapPut("/{id}", EditAsync);
        polls.MapPost("/{id}/close", CloseAsync);
        polls.MapGet("/{id}/results", ResultsAsync).WithQueryParameters([BreakdownBy.Parameter("the votes")]);
        polls.MapGet("/{id}/results.csv", ResultsCsvAsync).Produces(StatusCodes.Status200OK, typeof(string), "text/csv");
        return app;
    }

    /// <summary>What the handlers use, bundled.</summary>
    public sealed class Services(IPollStore store, PollDirectory directory, CommuneRegistry communes, FlowCatalog flows, TimeProvider clock)
    {
        public IPollStore Store { get; } = store;
        public PollDirectory Directory { get; } = directory;
        public CommuneRegistry Communes { get; } = communes;
        public FlowCatalog Flows { get; } = flows;
        public DateTimeOffset Now => clock.GetUtcNow();
    }

    private static async Task<Results<Created<PollView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<HttpValidationProblemDetails>>> CreateAsync(
        CreatePollRequest body, AdminCaller caller, [FromServices] PollCreator creator, [FromServices] Services polls, CancellationToken cancellationToken)
    {
        var created = await creator.CreateAsync(body, caller, NewId(), cancellationToken);
        if (created.CommuneHidden) return NotFound($"No commune '{body.Commune}' is open to this key.");
        if (created.KeywordTaken) return KeywordTaken(created.Errors["keyword"][0]);
        if (created.Poll is not { } poll) return TypedResults.ValidationProblem(created.Errors, title: "Invalid poll");
        return TypedResults.Created($"/api/polls/{poll.Id}", PollView.Of(poll, poll.Definition.CreatedAt, polls.Flows.Lexicon));
    }

    private static async Task<Ok<List<PollView>>> ListAsync(string? commune, AdminCaller caller, [FromServices] Services polls, CancellationToken cancellationToken)
    {
        var communes = polls.Communes.All.Select(c => c.Id)
            .Where(caller.CanSee)
            .Where(c => commune is null || string.Equals(c, commune, StringComparison.OrdinalIgnoreCase));
        var now = polls.Now;
        var list = await polls.Store.ListAsync(communes, cancellationToken);
        return TypedResults.Ok(list.OrderByDescending(p => p.Definition.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => PollView.Of(p, now, polls.Flows.Lexicon)).ToList());
    }

    private static async Task<Results<Ok<PollView>, NotFound<ProblemDetails>>> GetAsync(
        string id, AdminCaller caller, [FromServices] Services polls, CancellationToken cancellationToken) =>
        await VisibleAsync(id, caller, polls, cancellationToken) is { } poll
            ? TypedResults.Ok(PollView.Of(poll, polls.Now, polls.Flows.Lexicon))
            : NotFound(id);

    /// <summary>Rewords the poll or moves its closing time, until its first real vote (then 409, saying why).</summary>
    private static async Task<Results<Ok<PollView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> EditAsync(
        string id, EditPollRequest body, AdminCaller caller, [FromServices] PollEditor editor, [FromServices] Services polls, CancellationToken cancellationToken)
    {
        var edit = await editor.EditAsync(id, body, caller, cancellationToken);
        if (edit.NotFound) return NotFound(id);
        if (edit.Refusal != PollEditRefusal.None)
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "Poll can no longer be edited",
                Detail = edit.Refusal == PollEditRefusal.Voted
                    ? $"Poll '{id}' has real votes: its texts stay those the citizens answered."
                    : $"Poll '{id}' is closed.",
                Status = 409,
            });
        if (edit.Poll is not { } poll) return TypedResults.ValidationProblem(edit.Errors, title: "Invalid poll");
        return TypedResults.Ok(PollView.Of(poll, polls.Now, polls.Flows.Lexicon));
    }

    private static async Task<Results<Ok<PollView>, NotFound<ProblemDetails>>> CloseAsync(
        string id, AdminCaller caller, [FromServices] Services polls, [FromServices] PollCloser closer, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, caller, polls, cancellationToken) is null) return NotFound(id);
        var closed = await closer.CloseAsync(id, cancellationToken);
        return closed is null ? NotFound(id) : TypedResults.Ok(PollView.Of(closed, polls.Now, polls.Flows.Lexicon));
    }

    private static async Task<Results<Ok<PollResults>, NotFound<ProblemDetails>, ValidationProblem>> ResultsAsync(
        string id, HttpRequest request, AdminCaller caller, [FromServices] Services polls, [FromServices] ICounterStore counters,
        [FromServices] IOptions<ProfilesOptions> profiles, [FromServices] Profiles.Places.PlaceDirectory places, CancellationToken cancellationToken)
    {
        var (by, error) = BreakdownBy.Parse(request.Query["by"]);
        if (error is not null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["by"] = [error] }, detail: error, title: "Invalid breakdown");
        if (await VisibleAsync(id, caller, polls, cancellationToken) is not { } poll) return NotFound(id);
        var results = await PollResults.ReadAsync(poll, counters, polls.Now, cancellationToken);
        if (by.Count == 0) return TypedResults.Ok(results);
        // The raw cells are read again rather than passed out of PollResults: a breakdown is rare beside the live tallies.
        var fields = await counters.ReadAsync(PollKeys.Counter(poll.Id), cancellationToken);
        var options = profiles.Value;
        var openingYear = TimeZoneInfo.ConvertTime(poll.Definition.OpensAt, Text.Csv.Zone).Year;
        return TypedResults.Ok(results with
        {
            Breakdown = PollBreakdown.Read(fields, by, options.Bands(), options.SuppressionThreshold, openingYear,
                await places.RowsAsync(poll.Commune, cancellationToken)),
        });
    }

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> ResultsCsvAsync(
        string id, AdminCaller caller, [FromServices] Services polls, [FromServices] ICounterStore counters, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, caller, polls, cancellationToken) is not { } poll) return NotFound(id);
        var results = await PollResults.ReadAsync(poll, counters, polls.Now, cancellationToken);
        return TypedResults.File(PollCsv.Write(results), PollCsv.ContentType, $"poll-{poll.Id}-results.csv");
    }

    /// <summary>The poll if it exists and the caller may see its commune; otherwise null (answered 404 either way).</summary>
    private static async Task<Poll?> VisibleAsync(string id, AdminCaller caller, Services polls, CancellationToken cancellationToken) =>
        await polls.Store.GetAsync(id, cancellationToken) is { } poll && caller.CanSee(poll.Commune) ? poll : null;

    private static NotFound<ProblemDetails> NotFound(string id) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Poll not found", Detail = $"No poll '{id}' is visible to this key.", Status = 404 });

    private static Conflict<HttpValidationProblemDetails> KeywordTaken(string detail) =>
        TypedResults.Conflict(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["keyword"] = [detail] })
        {
            Title = "Keyword already in use",
            Detail = detail,
            Status = 409,
        });

    /// <summary>"p" + 10 random base32 characters: short enough to read out, not guessable.</summary>
    public static string NewId()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        Span<char> id = stackalloc char[11];
        id[0] = 'p';
        for (var i = 1; i < id.Length; i++) id[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(id);
    }
}
