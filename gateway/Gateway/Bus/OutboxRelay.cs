using System.Collections.Concurrent;
using System.Text.Json;
using Gateway.Observability;
using Gateway.Storage;
using Microsoft.Extensions.Options;
using Gateway.Conversations.Ports;

namespace Gateway.Bus;

/// <summary>
/// Moves committed events from the outbox to the bus: read a batch, publish each (publisher confirms: Publish returns
/// once the broker has it), then acknowledge (delete) what was published. Delivery is at least once: an entry is deleted
/// only after its confirm, so a crash in between republishes it with the same deterministic MessageId.
/// With the broker down, the batch stops at the first failure, entries stay, and the relay retries with backoff forever.
/// Entries of one contact (one order key) are published in order, each after the previous one's confirm; different
/// contacts go in parallel, so a round costs about one broker round trip rather than one per event.
/// </summary>
public sealed partial class OutboxRelay(
    IOutboxStore outbox,
    IOutboxDeadLetters deadLetters,
    IEventPublisher publisher,
    IEnumerable<IOutboxProjection> projections,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly ConcurrentDictionary<string, Type?> ContractTypes = new(StringComparer.Ordinal);
    private readonly OutboxOptions _options = options.Value;
    private readonly IOutboxProjection[] _projections = [.. projections];
    private long _nextBacklogAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var keepAlive = KeepAliveAsync(stoppingToken);
        try
        {
            await RelayAsync(stoppingToken);
        }
        finally
        {
            await keepAlive;
        }
    }

    /// <summary>
    /// Beats apart from the relay's rounds, which can wait for the broker for seconds: a live relay is never taken for
    /// dead (its entries handed to another replica) because a publish is slow; a killed one stops beating at once.
    /// </summary>
    private async Task KeepAliveAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await outbox.KeepAliveAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Redis unavailable: the relay cannot read either; beat again when it is back.
                LogKeepAliveFailed(ex);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task RelayAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Round round;
            try
            {
                round = await RelayOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Redis unavailable, or anything unexpected: never let the relay die; try again after a pause.
                LogRoundFailed(ex);
                round = Round.Failed;
            }

            try
            {
                await UpdateBacklogAsync(stoppingToken);
                if (round == Round.Failed)
                {
                    failures++;
                    var backoff = TimeSpan.FromMilliseconds(Math.Min(_options.MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 16))));
                    await Task.Delay(backoff, stoppingToken);
                }
                else
                {
                    failures = 0;
                    // A full batch means more may wait: go again at once. Otherwise sleep until nudged or the poll interval.
                    if (round == Round.Partial) await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private enum Round { Partial, Full, Failed }

    private async Task<Round> RelayOnceAsync(CancellationToken cancellationToken)
    {
        var entries = await outbox.ReadPendingAsync(_options.BatchSize, cancellationToken);
        if (entries.Count == 0) return Round.Partial;

        var outcomes = await Task.WhenAll(entries.GroupBy(e => (e.Partition, e.OrderKey)).Select(p => PublishInOrderAsync(p.ToList(), cancellationToken)));
        var published = outcomes.SelectMany(o => o.Published).ToList();
        if (published.Count > 0) await outbox.AcknowledgeAsync(published, cancellationToken);

        if (outcomes.Any(o => o.Failed)) return Round.Failed;
        return entries.Count >= _options.BatchSize ? Round.Full : Round.Partial;
    }

    private async Task<(List<OutboxEntry> Published, bool Failed)> PublishInOrderAsync(List<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var published = new List<OutboxEntry>(entries.Count);
        foreach (var entry in entries)
        {
            var e = entry.Event;
            var type = ResolveContract(e.MessageType);
            if (type is null)
            {
                await DeadLetterAsync(entry, $"Unknown message type '{e.MessageType}' (no Gateway.Contracts.{e.MessageType}).", cancellationToken);
                continue;
            }

            object message;
            try
            {
                message = JsonSerializer.Deserialize(e.Payload, type, StoreJson.Options)
                          ?? throw new JsonException("The payload is null.");
            }
            catch (JsonException ex)
            {
                await DeadLetterAsync(entry, $"Unreadable {e.MessageType} payload: {ex.Message}", cancellationToken);
                continue;
            }

            try
            {
                // Local read models first: an event on the bus is already reflected in them.
                foreach (var projection in _projections) await projection.ApplyAsync(message, cancellationToken);

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.PublishTimeout);
                await publisher.PublishAsync(message, type, e.MessageId, timeout.Token);
                published.Add(entry);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Broker down or not confirming (or a projection's store down): keep this entry and the ones after it
                // of the same contact (their order), retry later.
                GatewayMetrics.OutboxPublishFailures.Inc();
                LogPublishFailed(ex, e.MessageType, e.MessageId);
                return (published, true);
            }
        }
        return (published, false);
    }

    private async Task DeadLetterAsync(OutboxEntry entry, string reason, CancellationToken cancellationToken)
    {
        LogDeadLettered(entry.Event.MessageType, entry.Event.MessageId, reason);
        await deadLetters.DeadLetterAsync(entry, reason, cancellationToken);
        GatewayMetrics.OutboxDeadLettered.Inc();
    }

    /// <summary>The contract type named by an outbox entry; only plain type names of the contracts assembly are accepted.</summary>
    internal static Type? ResolveContract(string messageType) => ContractTypes.GetOrAdd(messageType, static name =>
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) return null;
        var type = Type.GetType($"Gateway.Contracts.{name}, Gateway.Contracts", throwOnError: false);
        return type is { IsClass: true, IsAbstract: false } ? type : null;
    });

    private async Task UpdateBacklogAsync(CancellationToken cancellationToken)
    {
        if (Environment.TickCount64 < _nextBacklogAt) return;
        _nextBacklogAt = Environment.TickCount64 + 1000;
        try
        {
            GatewayMetrics.OutboxBacklog.Set(await outbox.BacklogAsync(cancellationToken));
        }
        catch (StoreUnavailableException)
        {
            // Already logged by the store; the gauge keeps its last value.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox relay keep-alive failed")]
    private partial void LogKeepAliveFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay round failed")]
    private partial void LogRoundFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {MessageType} {MessageId} failed; the event stays in the outbox")]
    private partial void LogPublishFailed(Exception ex, string messageType, Guid messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox event {MessageType} {MessageId} moved to the dead letters: {Reason}")]
    private partial void LogDeadLettered(string messageType, Guid messageId, string reason);
}
