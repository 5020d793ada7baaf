using StackExchange.Redis;
using Gateway.Conversations.Ports;

namespace Gateway.Storage.Redis;

public sealed partial class RedisStore : IOutboxWriter
{
    public Task AppendAsync(string partitionKey, OutboxEvent outboxEvent, CancellationToken cancellationToken) => Guard(async () =>
    {
        await Db.StreamAddAsync(RedisKeys.OutboxOf(partitionKey),
        [
            new NameValueEntry("id", outboxEvent.MessageId.ToString("D")),
            new NameValueEntry("type", outboxEvent.MessageType),
            new NameValueEntry("payload", StoreJson.SerializeEventToUtf8Bytes(outboxEvent.Message)),
            new NameValueEntry("createdAt", outboxEvent.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            new NameValueEntry("key", partitionKey),
        ]);
        MarkDirty(RedisKeys.Shard(partitionKey));
    });
}
