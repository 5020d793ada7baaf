using System.Text.Json;
using Gateway.Conversations.Ports;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Gateway.Bus;

/// <summary>
/// When the host began to stop, and when the consumers' grace ran out (<see cref="MassTransitHostOptions.ConsumerStopTimeout"/>
/// after it): what <see cref="InMemoryShutdownFilter"/> goes by.
/// </summary>
public sealed class InMemoryBusShutdown
{
    private readonly TaskCompletionSource _graceOver = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InMemoryBusShutdown(IHostApplicationLifetime lifetime, IOptions<MassTransitHostOptions> options)
    {
        Stopping = lifetime.ApplicationStopping;
        var grace = options.Value.ConsumerStopTimeout ?? TimeSpan.Zero;
        Stopping.Register(() => Task.Delay(grace).ContinueWith(_ => _graceOver.TrySetResult(), TaskScheduler.Default));
    }

    /// <summary>Cancelled once the host is stopping (SIGTERM).</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Completes when a consumer still at work should be let go.</summary>
    public Task GraceOver => _graceOver.Task;
}

/// <summary>
/// On the in-memory bus only, first on every receive endpoint (a receive filter: outside deserialization, partitioners and
/// retries). That transport waits for every consumer before the bus stops and never cancels them (RabbitMQ's honours
/// <see cref="MassTransitHostOptions.ConsumerStopTimeout"/> and keeps the messages), so a reply retried against a provider
/// that refuses it held a stopping gateway for minutes. Once the host is stopping, a message not yet consumed, or still being
/// consumed (retries included) when the grace runs out, goes back into the outbox under its own message id (with Redis, the
/// next start relays it again; the send ledger keeps a message already accepted from going twice), and its delivery
/// completes so the bus can stop. Work let go this way ends with the process.
/// </summary>
public sealed partial class InMemoryShutdownFilter(InMemoryBusShutdown shutdown, IOutboxWriter outbox, TimeProvider clock,
    ILogger<InMemoryShutdownFilter> logger) : IFilter<ReceiveContext>
{
    private const string ContractUrn = "urn:message:Gateway.Contracts:";

    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        if (!shutdown.Stopping.IsCancellationRequested)
        {
            var receiving = next.Send(context);
            if (receiving.IsCompleted || await Task.WhenAny(receiving, shutdown.GraceOver) == receiving)
            {
                await receiving;
                return;
            }
            // Let go: whatever it ends with is of no use to anyone now (observed so it is not reported as unobserved).
            _ = receiving.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        await PutBackAsync(context);
    }

    /// <summary>
    /// The message as the relay would publish it again: its contract's name and its JSON, from MassTransit's envelope (the
    /// relay reads the JSON back into the contract). Only Gateway.Contracts types: the relay publishes nothing else.
    /// </summary>
    private async Task PutBackAsync(ReceiveContext context)
    {
        using var envelope = JsonDocument.Parse(context.Body.GetBytes());
        var root = envelope.RootElement;
        var contract = root.TryGetProperty("messageType", out var types)
            ? types.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t is not null && t.StartsWith(ContractUrn, StringComparison.Ordinal))
            : null;
        if (contract is null || !root.TryGetProperty("message", out var message)) return;
        var id = root.TryGetProperty("messageId", out var messageId) && Guid.TryParse(messageId.GetString(), out var parsed) ? parsed : NewId.NextGuid();
        var type = contract[ContractUrn.Length..];
        await outbox.AppendAsync(id.ToString("N"), new OutboxEvent(id, type, message.Clone(), clock.GetUtcNow()), CancellationToken.None);
        LogPutBack(type, id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {MessageType} {MessageId} was not consumed in time and is back in the outbox for the next start")]
    private partial void LogPutBack(string messageType, Guid messageId);

    public void Probe(ProbeContext context) => context.CreateFilterScope("inMemoryShutdown");
}
