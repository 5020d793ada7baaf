using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Gateway.Components.Console;
using Gateway.Components.Shared;
using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Polls;
using Gateway.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Components.Pages.Polls;

/// <summary>The poll pages' fragments: the check as one types, the live chart (server-sent events), the CSV.</summary>
public static class PollFragments
{
    /// <summary>How often a results page's stream looks for new votes (reads are shared by <see cref="LiveResults"/>).</summary>
    public static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);

    public static RazorComponentResult<PollCheck> CheckAsync(IFormCollection posted, ConsoleContext ctx, PollCreator creator, PollDirectory directory,
        FlowCatalog flows, TimeProvider clock)
    {
        var form = PollForm.From(posted);
        var commune = ctx.Commune!;
        string? problem = null, free = null;
        var keyword = TextNormalizer.Normalize(form.Keyword);
        if (keyword.Length > 0)
        {
            if (keyword.Contains(' ') || keyword.Length < 2 || keyword.Length > CreatePollRequest.MaxKeywordLength || TextNormalizer.TryReadNumber(keyword, out _))
                problem = ctx.T("polls.error.keyword");
            else if (creator.KeywordClash(keyword, form.Keyword!) is not null)
                problem = ctx.T("polls.check.reserved", form.Keyword!.Trim());
            else if (directory.ForKeyword(commune.Id, keyword, clock.GetUtcNow()) is { } other && other.HoldsKeyword(clock.GetUtcNow()))
                problem = ctx.T("polls.check.taken", form.Keyword!.Trim());
            else free = ctx.T("polls.check.free", form.Keyword!.Trim());
        }

        var warnings = new List<string>();
        var written = form.Written;
        if (written.Count > 0)
        {
            foreach (var language in Languages.Core.Where(l => !written.Contains(l)))
                warnings.Add(ctx.T(language == commune.DefaultLanguage ? "polls.check.missingDefault" : "polls.check.missing", ctx.T("language." + language)));
            if (form.OptionCountsDiffer) warnings.Add(ctx.T("polls.error.optionCounts"));
        }
        // What each option will also understand: the lexicon's words for its texts, with the author's changes.
        var synonyms = form.OptionTexts().Select((texts, i) => (Label: ctx.Pick(texts), Words: form.SynonymsOf(i, texts, flows.Lexicon).Values.SelectMany(w => w).ToList()))
            .Where(o => o.Words.Count > 0).ToList();
        return ConsoleEndpoints.Fragment<PollCheck>(new { KeywordProblem = problem, KeywordFree = free, LanguageWarnings = warnings, Synonyms = synonyms });
    }

    public static async Task<IResult> LiveAsync(string id, HttpContext http, ConsoleContext ctx, LiveResults live, ConsoleSession session,
        CancellationToken cancellationToken)
    {
        var first = await live.ReadAsync(id, cancellationToken);
        if (first is null || !string.Equals(first.Commune, ctx.Commune!.Id, StringComparison.OrdinalIgnoreCase)) return TypedResults.NotFound();
        return TypedResults.ServerSentEvents(Stream(id, http, ctx.Language, live, session.WhileValid(http)));
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(string id, HttpContext http, string language, LiveResults live,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long? shown = null;
        using var timer = new PeriodicTimer(LiveInterval);
        do
        {
            var results = await live.ReadAsync(id, cancellationToken);
            if (results is null) yield break;
            var signature = Signature(results);
            if (signature != shown)
            {
                shown = signature;
                var html = await live.RenderedAsync(id, language, signature,
                    () => ConsoleEndpoints.RenderAsync<PollChart>(http, new Dictionary<string, object?> { ["Results"] = results }));
                yield return new SseItem<string>(html, "results");
            }
        } while (await WaitAsync(timer, cancellationToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false; // the browser went away
        }
    }

    // Changes whenever any count changes (total alone would miss a changed vote).
    private static long Signature(PollResults results)
    {
        var hash = new HashCode();
        hash.Add(results.Status);
        foreach (var o in results.Options) hash.Add(o.Votes);
        foreach (var c in results.Channels.Values) hash.Add(c);
        foreach (var l in results.Languages) { hash.Add(l.Key); hash.Add(l.Value); }
        foreach (var s in results.Simulated.Tallies) hash.Add(s);
        return hash.ToHashCode();
    }

    public static async Task<IResult> CsvAsync(string id, ConsoleContext ctx, LiveResults live, CancellationToken cancellationToken)
    {
        var results = await live.ReadAsync(id, cancellationToken);
        if (results is null || !string.Equals(results.Commune, ctx.Commune!.Id, StringComparison.OrdinalIgnoreCase)) return TypedResults.NotFound();
        return TypedResults.File(PollCsv.Write(results, ConsoleCsvWords.For(ctx)), PollCsv.ContentType, $"poll-{results.PollId}-results.csv");
    }
}
