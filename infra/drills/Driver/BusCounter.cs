using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Gateway.Drills;

/// <summary>One event read from the bus: its MassTransit message id, its body, and when the drill read it.</summary>
public sealed record BusEvent(string MessageId, JsonElement Message, TimeSpan At);

/// <summary>
/// What a commune's own system would see: a durable queue per event type, bound to the gateway's fanout exchange
/// (<c>Gateway.Contracts:&lt;Type&gt;</c>) and read with the plain RabbitMQ.Client, reconnecting through broker outages.
/// Every delivery is kept (a redelivery too), so the counts can tell a redelivered event from a doubled one.
/// </summary>
public sealed class BusCounter : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Types = ["PollVoteRecorded", "FeedbackReceived", "AlertCompleted"];

    private readonly ConnectionFactory _factory;
    private readonly string _run;
    private readonly Stopwatch _clock;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<BusEvent>> _events = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;
    private long _reconnects;

    private BusCounter(string rabbitMq, string run, Stopwatch clock)
    {
        // Its own reconnection loop (ReadAsync), not the client's automatic recovery: one behaviour to reason about.
        _factory = new ConnectionFactory { Uri = new Uri(rabbitMq), AutomaticRecoveryEnabled = false };
        _run = run;
        _clock = clock;
        foreach (var type in Types) _events[type] = new();
    }

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public IReadOnlyList<BusEvent> Events(string type) => [.. _events[type]];

    private string Queue(string type) => $"drill-{_run}-{type}";

    public static async Task<BusCounter> StartAsync(string rabbitMq, string run, Stopwatch clock)
    {
        var counter = new BusCounter(rabbitMq, run, clock);
        await using (var connection = await counter._factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            foreach (var type in Types)
            {
                var exchange = "Gateway.Contracts:" + type;
                // The declaration MassTransit makes (fanout, durable): whichever comes first, both agree.
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
                await channel.QueueDeclareAsync(counter.Queue(type), durable: true, exclusive: false, autoDelete: false);
                await channel.QueueBindAsync(counter.Queue(type), exchange, "");
            }
        }
        counter._reader = Task.Run(counter.ReadAsync);
        return counter;
    }

    /// <summary>
    /// A push consumer per queue (prefetch 1,000), so that the reader keeps up with the load and an event's time is when
    /// the broker delivered it; after a broker outage or a lost connection, connects again and consumes again.
    /// </summary>
    private async Task ReadAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _factory.CreateConnectionAsync(_stop.Token);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: _stop.Token);
                var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                connection.ConnectionShutdownAsync += (_, _) => { closed.TrySetResult(); return Task.CompletedTask; };
                await channel.BasicQosAsync(0, 1000, false, _stop.Token);
                foreach (var type in Types)
                {
                    var consumer = new AsyncEventingBasicConsumer(channel);
                    var events = _events[type];
                    consumer.ReceivedAsync += async (_, delivery) =>
                    {
                        var envelope = JsonDocument.Parse(delivery.Body).RootElement;
                        events.Enqueue(new BusEvent(envelope.GetProperty("messageId").GetString()!, envelope.GetProperty("message").Clone(), _clock.Elapsed));
                        // Acknowledged once recorded: a message the broker redelivers after an outage is recorded again, and counted as such.
                        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
                    };
                    await channel.BasicConsumeAsync(Queue(type), autoAck: false, consumer, _stop.Token);
                }
                await closed.Task.WaitAsync(_stop.Token);
                Interlocked.Increment(ref _reconnects);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
            catch (Exception ex) when (ex is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or IOException or System.Net.Sockets.SocketException)
            {
                Interlocked.Increment(ref _reconnects);
            }
            try { await Task.Delay(250, _stop.Token); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Stops reading and deletes the drill's queues (best effort: the broker may be gone).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        try
        {
            await using var connection = await _factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            foreach (var type in Types) await channel.QueueDeleteAsync(Queue(type));
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException) { }
        _stop.Dispose();
    }
}
