using System.Text.Json;
using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Infrastructure;

/// <summary>Reads the events a host has committed to its outbox (what the relay will publish), without consuming them.</summary>
public static class OutboxReader
{
    public static async Task<IReadOnlyList<T>> EventsAsync<T>(this GatewayApplication app)
    {
        var outbox = app.Services.GetRequiredService<IOutboxStore>();
        var entries = await outbox.ReadPendingAsync(10_000, CancellationToken.None);
        return entries.Where(e => e.Event.MessageType == typeof(T).Name)
            .Select(e => JsonSerializer.Deserialize<T>(e.Event.Payload, StoreJson.Options)!).ToList();
    }
}
