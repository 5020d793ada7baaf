using System.Collections.Concurrent;
using Gateway.Webhooks.Storage;
using Microsoft.Extensions.Options;

namespace Gateway.Webhooks;

/// <summary>
/// Sends the queued deliveries: claims those due, sends each on its own (up to <c>Webhooks:Concurrency</c> at once, and
/// at most a quarter of that for one subscription, so a subscriber that hangs cannot take every slot), and writes the
/// outcome back: delivered, or due again after a backoff that doubles, or, past <c>Webhooks:GiveUpAfter</c> or
/// <c>Webhooks:MaxAttempts</c>, failed with its subscription stopped (<see cref="WebhookStopper"/>). A subscriber that
/// keeps failing is paused and probed (<see cref="WebhookBreaker"/>) rather than sent every due delivery.
/// Runs on every replica; a claim hides a delivery from the others for a lease, so each attempt is made once
/// (a replica that dies mid-send lets the lease run out, and the delivery is sent again: at least once, same <c>webhook-id</c>).
/// </summary>
public sealed partial class WebhookDispatcher(
    IWebhookStore store,
    WebhookSender sender,
    WebhookStopper stopper,
    WebhookBreaker breaker,
    WebhookSignal signal,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly WebhookOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var concurrency = Math.Max(1, _options.Concurrency);
        var perSubscription = Math.Max(1, concurrency / 4);
        using var slots = new SemaphoreSlim(concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
                var free = slots.CurrentCount + 1;
                var now = clock.GetUtcNow();
                IReadOnlyList<WebhookDelivery> claimed;
                try
                {
                    claimed = await store.ClaimDueAsync(now, free, now + _options.Timeout * 2 + TimeSpan.FromSeconds(30), stoppingToken);
                }
                finally
                {
                    slots.Release();
                }
                foreach (var delivery in claimed)
                {
                    if (_inFlight.GetValueOrDefault(delivery.SubscriptionId) >= perSubscription)
                    {
                        // Its subscriber already has its share of the slots: let the others go first.
                        await store.SaveDeliveryAsync(delivery with { NextAttemptAt = now + _options.PollInterval }, _options.Retention, stoppingToken);
                        continue;
                    }
                    if (!breaker.TryAttempt(delivery.SubscriptionId, now))
                    {
                        // Its subscriber is paused after failing again and again (or its probe is out): back to the pause's end, no attempt counted.
                        var until = breaker.PausedUntil(delivery.SubscriptionId, now) ?? now + _options.PollInterval;
                        await store.SaveDeliveryAsync(delivery with { NextAttemptAt = until }, _options.Retention, stoppingToken);
                        continue;
                    }
                    await slots.WaitAsync(stoppingToken);
                    _inFlight.AddOrUpdate(delivery.SubscriptionId, 1, (_, n) => n + 1);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await AttemptAsync(delivery, stoppingToken);
                        }
                        finally
                        {
                            _inFlight.AddOrUpdate(delivery.SubscriptionId, 0, (_, n) => n - 1);
                            slots.Release();
                            signal.Notify();
                        }
                    }, CancellationToken.None);
                }
                if (claimed.Count == 0) await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store unavailable, or anything unexpected: never let the dispatcher die; the queue waits in the store.
                LogRoundFailed(e);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task AttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            var subscription = await store.GetSubscriptionAsync(delivery.SubscriptionId, cancellationToken);
            if (subscription is not { State: WebhookState.Active })
            {
                // Stopped or deleted meanwhile: kept as failed, so a replay after re-enabling sends it (and paused no longer).
                breaker.Reset(delivery.SubscriptionId);
                await store.SaveDeliveryAsync(delivery with
                {
                    State = DeliveryState.Failed,
                    LastError = subscription is null ? "The subscription no longer exists." : $"Not sent: the subscription is {subscription.State.ToString().ToLowerInvariant()}.",
                }, _options.Retention, cancellationToken);
                return;
            }

            var result = await sender.SendAsync(subscription, delivery, cancellationToken);
            var now = clock.GetUtcNow();
            var attempted = delivery with { Attempts = delivery.Attempts + 1, LastAttemptAt = now, LastStatus = result.Status, LastError = result.Error };
            if (result.Delivered)
            {
                WebhookMetrics.Attempts.WithLabels("delivered").Inc();
                breaker.Reset(subscription.Id);
                await store.SaveDeliveryAsync(attempted with { State = DeliveryState.Delivered }, _options.Retention, cancellationToken);
                return;
            }

            WebhookMetrics.Attempts.WithLabels("failed").Inc();
            breaker.Failed(subscription.Id, now);
            LogAttemptFailed(delivery.Id, subscription.Id, attempted.Attempts, result.Error);
            if (attempted.Attempts >= _options.MaxAttempts || now - delivery.QueuedAt >= _options.GiveUpAfter)
            {
                await store.SaveDeliveryAsync(attempted with { State = DeliveryState.Failed }, _options.Retention, cancellationToken);
                await stopper.StopAsync(subscription, attempted, cancellationToken);
                return;
            }
            await store.SaveDeliveryAsync(attempted with { NextAttemptAt = now + _options.Backoff(attempted.Attempts) }, _options.Retention, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the claim's lease runs out and the delivery comes due again.
        }
        catch (Exception e)
        {
            // Counted as a failure, so that a probe that crashed does not keep its subscriber paused for ever.
            breaker.Failed(delivery.SubscriptionId, clock.GetUtcNow());
            LogAttemptCrashed(e, delivery.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook dispatcher round failed; the deliveries wait in the store")]
    private partial void LogRoundFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to subscription {SubscriptionId} failed (attempt {Attempt}): {Error}")]
    private partial void LogAttemptFailed(string deliveryId, string subscriptionId, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} could not be recorded; its lease will run out and it is retried")]
    private partial void LogAttemptCrashed(Exception e, string deliveryId);
}
