using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
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
        _factory = new ConnectionFactory { Uri = new Uri(rabbitMq) };
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

    private async Task ReadAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _factory.CreateConnectionAsync(_stop.Token);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: _stop.Token);
                while (!_stop.IsCancellationRequested)
                {
                    var read = 0;
                    foreach (var type in Types)
                    {
                        // Acknowledged once recorded: a message the broker redelivers after an outage is recorded again, and counted as such.
                        while (await channel.BasicGetAsync(Queue(type), autoAck: false, _stop.Token) is { } result)
                        {
                            var envelope = JsonDocument.Parse(result.Body).RootElement;
                            _events[type].Enqueue(new BusEvent(envelope.GetProperty("messageId").GetString()!, envelope.GetProperty("message").Clone(), _clock.Elapsed));
                            await channel.BasicAckAsync(result.DeliveryTag, multiple: false, _stop.Token);
                            read++;
                        }
                    }
                    if (read == 0) await Task.Delay(50, _stop.Token);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
            catch (Exception ex) when (ex is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or IOException or System.Net.Sockets.SocketException)
            {
                Interlocked.Increment(ref _reconnects);
                try { await Task.Delay(250, _stop.Token); } catch (OperationCanceledException) { return; }
            }
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
