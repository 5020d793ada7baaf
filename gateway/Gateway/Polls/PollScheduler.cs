using Microsoft.Extensions.Options;

namespace Gateway.Polls;

/// <summary>
/// On every replica, every <see cref="PollOptions.SchedulerInterval"/> (on the injected clock): refreshes the poll
/// directory from the store, then publishes the close of polls past their end (<see cref="PollCloser"/> makes that
/// exactly once across replicas).
/// </summary>
public sealed class PollScheduler(PollDirectory directory, PollCloser closer, TimeProvider clock, IOptions<PollOptions> options, ILogger<PollScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A PeriodicTimer remembers a tick that fell while a round ran, so a round is never skipped.
        using var timer = new PeriodicTimer(options.Value.SchedulerInterval, clock);
        do
        {
            try
            {
                await directory.RefreshAsync(stoppingToken);
                await closer.PublishDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Poll scheduler round failed; retrying at the next tick.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
