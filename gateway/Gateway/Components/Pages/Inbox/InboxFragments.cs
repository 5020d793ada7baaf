using Gateway.Components.Console;
using Gateway.Feedback;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Components.Pages.Inbox;

public static class InboxFragments
{
    /// <summary>The citizen's message as the status form stands (htmx, as the clerk types).</summary>
    public static async Task<Results<RazorComponentResult<CitizenMessage>, NotFound>> PreviewAsync(string reference, IFormCollection posted,
        ConsoleContext ctx, FeedbackApi.Services feedback, CancellationToken cancellationToken)
    {
        var form = StatusForm.From(posted);
        if (FeedbackReferences.Parse(reference) is not { } r || await feedback.Store.GetReportAsync(r, cancellationToken) is not { } stored
            || !string.Equals(stored.Report.Commune, ctx.Commune!.Id, StringComparison.OrdinalIgnoreCase))
            return TypedResults.NotFound();
        return ConsoleEndpoints.Fragment<CitizenMessage>(new { form.Status, form.Message, Reference = stored.Report.Reference, stored.Report.Language });
    }
}
