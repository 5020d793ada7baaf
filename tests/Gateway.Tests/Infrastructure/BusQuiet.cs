using Gateway.Bus;
using Gateway.Storage;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// "Nothing more is on its way", the signal a test waits on before asserting that something did not happen (instead of
/// sleeping a fixed time): the host's outbox has drained, and every message published or sent on its bus whose type one
/// of the gateway's consumers takes has been consumed (the harness records a message once its consumer has finished).
/// </summary>
public static class BusQuiet
{
    private static readonly CancellationToken ReadNow = new(canceled: true);

    /// <summary>The message types the gateway consumes (its consumers are registered from its assembly).</summary>
    private static readonly HashSet<Type> Consumable = typeof(OutboxSignal).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false })
        .SelectMany(t => t.GetInterfaces())
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
        .Select(i => i.GetGenericArguments()[0])
        .ToHashSet();

    public static async Task QuietAsync(this GatewayApplication app)
    {
        var outbox = app.Services.GetRequiredService<IOutboxStore>();
        var harness = app.Services.GetRequiredService<ITestHarness>();
        app.Services.GetRequiredService<OutboxSignal>().Notify();
        await Wait.ForAsync(async () => await outbox.BacklogAsync(CancellationToken.None) == 0 && Unconsumed(harness) == 0,
            quiet => quiet, "the outbox to drain and every message on the bus to be consumed");
    }

    /// <summary>Messages on the bus, for a consumer of the gateway, that no consumer has finished yet (read without waiting).</summary>
    private static int Unconsumed(ITestHarness harness)
    {
        var consumed = harness.Consumed.Select(_ => true, ReadNow).Select(m => m.Context.MessageId).ToHashSet();
        var published = harness.Published.Select(_ => true, ReadNow).Where(m => Consumable.Contains(m.MessageType)).Select(m => m.Context.MessageId);
        var sent = harness.Sent.Select(_ => true, ReadNow).Where(m => Consumable.Contains(m.MessageType)).Select(m => m.Context.MessageId);
        return published.Concat(sent).Count(id => !consumed.Contains(id));
    }
}
