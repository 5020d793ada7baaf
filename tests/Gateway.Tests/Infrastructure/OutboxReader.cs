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
        var harness = app.Services.GetRequiredService<ITestHarness>();
        return harness.Published.Select<T>().Select(p => p.Context.Message).ToList();
    }
}
