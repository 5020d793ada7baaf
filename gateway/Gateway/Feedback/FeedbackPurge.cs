using Gateway.Bus;
using Gateway.Communes;
using Gateway.Contracts;
using Microsoft.Extensions.Options;

namespace Gateway.Feedback;

/// <summary>
/// Removes the citizen's own words (text and place) from reports, keeping everything statistics need (commune, category,
/// kind, channel, language, dates, status, history): once a report has been closed for <c>Feedback:RetainClosedFor</c>
/// (24 months by default), and at once for every report of a contact who is erased (<see cref="ContactErased"/>, applied
/// by the outbox relay like the other projections, so an erasure while Redis or RabbitMQ is down is still carried out).
/// </summary>
public sealed class FeedbackPurge(IFeedbackStore store, FeedbackDesk desk, CommuneRegistry communes, IOptions<FeedbackOptions> options, TimeProvider clock)
    : IOutboxProjection
{
    private const int Batch = 500;

    public async Task ApplyAsync(object message, CancellationToken cancellationToken)
    {
        if (message is not ContactErased erased) return;
        foreach (var reference in await store.ReferencesOfAsync(erased.ContactId, cancellationToken))
            await PurgeAsync(reference, "erasure", cancellationToken);
    }

    /// <summary>Purges every report closed longer than the retention period; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.RetainClosedFor;
        var purged = 0;
        foreach (var commune in communes.All.Select(c => (string?)c.Id).Append(null))
        {
            while (true)
            {
                var due = await store.ClosedBeforeAsync(commune, cutoff, Batch, cancellationToken);
                foreach (var reference in due)
                    if (await PurgeAsync(reference, "retention", cancellationToken)) purged++;
                if (due.Count < Batch) break;
            }
        }
        return purged;
    }

    private async Task<bool> PurgeAsync(string reference, string reason, CancellationToken cancellationToken)
    {
        var outcome = await desk.ChangeAsync(reference, _ => true, (report, now) =>
        {
            if (report.Purged) return false;
            report.Text = "";
            report.Place = null;
            report.Purged = true;
            report.History.Add(new FeedbackChange(now, "purged", "system", To: reason));
            return true;
        }, cancellationToken);
        // Out of the purge queue (an index in the commune's slot), also when an earlier run purged it and stopped here.
        if (outcome.Report is { } report) await store.IndexAsync(report, cancellationToken);
        return outcome.Changed;
    }
}

/// <summary>Runs <see cref="FeedbackPurge.PurgeExpiredAsync"/> at start and every <c>Feedback:PurgeInterval</c> (on any replica: it is idempotent).</summary>
public sealed partial class FeedbackRetention(FeedbackPurge purge, IOptions<FeedbackOptions> options, TimeProvider clock, ILogger<FeedbackRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var purged = await purge.PurgeExpiredAsync(stoppingToken);
                if (purged > 0) LogPurged(purged);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }
            try
            {
                await Task.Delay(options.Value.PurgeInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback retention: the text and place of {Count} closed reports were purged")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback retention run failed; retrying at the next interval")]
    private partial void LogFailed(Exception ex);
}
