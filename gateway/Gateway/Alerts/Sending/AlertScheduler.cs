using Gateway.Alerts.Storage;
using Microsoft.Extensions.Options;

namespace Gateway.Alerts.Sending;

/// <summary>Wakes the scheduler when an alert is created to go now, instead of at its next look.</summary>
public sealed class AlertSchedulerSignal
{
    private readonly SemaphoreSlim _nudge = new(0, 1);

    public void Notify()
    {
        try { _nudge.Release(); }
        catch (SemaphoreFullException) { /* already nudged */ }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _nudge.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Runs on every replica: looks for due alerts (new, held by quiet hours, reminders, or a dispatch whose replica died) and
/// dispatches each one it can lease. It looks every <c>Alerts:SchedulerInterval</c> of real time but judges "due" by the
/// gateway clock (TimeProvider), so tests move time with a fake clock.
/// </summary>
public sealed partial class AlertScheduler(
    IAlertStore store,
    AlertDispatcher dispatcher,
    AlertSchedulerSignal signal,
    TimeProvider clock,
    IOptions<AlertsOptions> options,
    ILogger<AlertScheduler> logger) : BackgroundService
{
    private readonly string _owner = Environment.MachineName + ":" + Guid.NewGuid().ToString("N")[..8];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var alertId in await store.DueAsync(clock.GetUtcNow(), 20, stoppingToken))
                {
                    if (!await store.TryLeaseAsync(alertId, _owner, options.Value.LeaseDuration, stoppingToken)) continue;
                    try
                    {
                        await dispatcher.RunAsync(alertId, _owner, stoppingToken);
                    }
                    finally
                    {
                        await store.ReleaseLeaseAsync(alertId, _owner, CancellationToken.None);
                    }
                }
                await signal.WaitAsync(options.Value.SchedulerInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(ex);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert scheduler round failed; retrying")]
    private partial void LogRoundFailed(Exception ex);
}
