using Gateway.Components.Console;
using Gateway.Feedback;
using Microsoft.Extensions.Primitives;

namespace Gateway.Components.Pages.Inbox;

/// <summary>The inbox filters of the page's query string, read by the feedback desk's own parser, always scoped to the page's commune.</summary>
public static class InboxQuery
{
    public static readonly string[] Filters = ["status", "category", "channel", "kind", "overdue", "simulated", "q", "sort"];

    public static FeedbackListRequest.Parsed Parse(IQueryCollection query, ConsoleContext ctx, FeedbackApi.Services feedback, int limit = 50)
    {
        var values = Filters.Where(f => query.ContainsKey(f) && !string.IsNullOrWhiteSpace(query[f]))
            .ToDictionary(f => f, f => query[f]);
        values["commune"] = new StringValues(ctx.Commune!.Id);
        if (query["cursor"] is { Count: > 0 } cursor && !string.IsNullOrEmpty(cursor[0])) values["cursor"] = cursor;
        return FeedbackListRequest.Parse(new QueryCollection(values), ctx.Caller!, feedback.Communes, feedback.Categories, feedback.Now, limit);
    }

    public static async Task<IResult> CsvAsync(HttpContext http, ConsoleContext ctx, FeedbackApi.Services feedback, CancellationToken cancellationToken)
    {
        var parsed = Parse(http.Request.Query, ctx, feedback, FeedbackListRequest.MaxLimit);
        if (parsed.Query is not { } query) return TypedResults.BadRequest();
        var all = new List<FeedbackView>();
        while (all.Count < 100_000)
        {
            var page = await feedback.Store.ListAsync(query, cancellationToken);
            all.AddRange(page.Items.Select(r => FeedbackView.Of(r, feedback.Now)));
            if (page.Next is null || !FeedbackCursor.TryDecode(page.Next, out var next)) break;
            query = query with { After = next };
        }
        return TypedResults.File(FeedbackCsv.Write(all, ConsoleCsvWords.For(ctx)), FeedbackCsv.ContentType, $"feedback-{ctx.Commune!.Id}-{feedback.Now:yyyyMMdd}.csv");
    }
}
