using Gateway.Bus;
using Gateway.Storage;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Infrastructure;

/// <summary>The events a host published on its bus, read once its outbox has drained.</summary>
public static class OutboxReader
{
    public static async Task<IReadOnlyList<T>> EventsAsync<T>(this GatewayApplication app) where T : class
    {
        var outbox = app.Services.GetRequiredService<IOutboxStore>();
        app.Services.GetRequiredService<OutboxSignal>().Notify();
        await Wait.ForAsync(() => outbox.BacklogAsync(CancellationToken.None), n => n == 0, "the outbox to drain");
        // Drained means published: the relay deletes an entry only after Publish returned, and the harness records a
        // message while it is published. So read what is there; without a cancelled token the harness's synchronous
        // Select blocks its thread until the bus has been idle for a while (up to its 30 s test timeout).
        var harness = app.Services.GetRequiredService<ITestHarness>();
        return harness.Published.Select<T>(new CancellationToken(canceled: true)).Select(p => p.Context.Message).ToList();
    }

    /// <summary>
    /// How many <typeparamref name="T"/> the host's consumers have taken so far (without an error when asked), read
    /// without waiting: the harness's synchronous Select would hold the thread until the bus has been idle for a while.
    /// </summary>
    public static int Consumed<T>(this GatewayApplication app, bool withoutError = false) where T : class =>
        app.Services.GetRequiredService<ITestHarness>().Consumed.Select<T>(new CancellationToken(canceled: true))
            .Count(m => !withoutError || m.Exception is null);
}
