using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Gateway.Alerts;
using Gateway.Alerts.Compose;
using Gateway.Alerts.Sending;
using Gateway.Components.Console;
using Gateway.Components.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Components.Pages.Alerts;

/// <summary>The alert pages' fragments: the preview as one types, and the progress that moves by itself (server-sent events).</summary>
public static class AlertFragments
{
    public static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);

    public static async Task<RazorComponentResult<AlertPreviewPanel>> PreviewAsync(IFormCollection posted, ConsoleContext ctx, AlertComposer composer,
        AlertPreviewer previewer, AlertSegments segments, AlertCalendar calendar, TimeProvider clock, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var form = AlertForm.From(posted);
        var draft = AlertDraft.Of(form, ctx.Commune!.Id, composer, calendar, clock.GetUtcNow(), "preview");
        // A segment under the threshold shows "fewer than n", never its count (as the API refuses it).
        var refused = draft.Composed is { } c && !await segments.HasAtLeastAsync(c, segments.Threshold, cancellationToken);
        var reach = draft.Composed is { } composed && !refused ? await previewer.PreviewAsync(composed, cancellationToken) : null;
        return ConsoleEndpoints.Fragment<AlertPreviewPanel>(new
        {
            draft.Texts,
            Reach = reach,
            SegmentTooSmall = refused ? segments.Threshold : (int?)null,
            PricePerSegment = draft.PricePerSegment(configuration),
            // An urgent alert is not held: the preview must not promise a later start.
            QuietUntil = draft.QuietUntil is { } until && !form.SendInQuietHours ? ctx.DateTime(until, calendar.Zone) : null,
        });
    }

    public static async Task<IResult> LiveAsync(string id, HttpContext http, ConsoleContext ctx, AlertService alerts, ConsoleSession session,
        CancellationToken cancellationToken)
    {
        var first = await alerts.GetAsync(id, cancellationToken);
        if (first is null || !string.Equals(first.Commune, ctx.Commune!.Id, StringComparison.OrdinalIgnoreCase)) return TypedResults.NotFound();
        return TypedResults.ServerSentEvents(Stream(id, http, alerts, session.WhileValid(http)));
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(string id, HttpContext http, AlertService alerts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AlertView? shown = null;
        using var timer = new PeriodicTimer(LiveInterval);
        while (true)
        {
            AlertView? view;
            try
            {
                view = await alerts.GetAsync(id, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            if (view is null) yield break;
            if (shown is null || shown.Status != view.Status || shown.Counts != view.Counts)
            {
                shown = view;
                yield return new SseItem<string>(await ConsoleEndpoints.RenderAsync<AlertProgressBar>(http, new Dictionary<string, object?> { ["Alert"] = view }), "progress");
            }
            if (AlertStatus.IsFinal(view.Status)) yield break; // nothing will move any more
            try
            {
                if (!await timer.WaitForNextTickAsync(cancellationToken)) yield break;
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
