using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using MassTransit.Metadata;
using MassTransit.Serialization;

namespace Gateway.Bus;

/// <summary>
/// The body MassTransit puts on RabbitMQ for a published event (content type <see cref="ContentType"/>), built with
/// MassTransit's own envelope type and serializer settings, so MassTransit consumers and plain AMQP readers see the same
/// message as from <c>IBus.Publish</c>: the exchange is <c>Gateway.Contracts:&lt;Type&gt;</c>, <c>messageType</c> its URN.
/// Written without indentation (MassTransit indents: a third of the bytes are spaces).
/// </summary>
public static class MassTransitEnvelope
{
    public static readonly string ContentType = SystemTextJsonMessageSerializer.JsonContentType.MediaType;

    private static readonly JsonSerializerOptions Options = new(SystemTextJsonMessageSerializer.Options) { WriteIndented = false };

    private static readonly ConcurrentDictionary<Type, (string Exchange, string[] MessageTypes)> Names = new();

    /// <summary>MassTransit's default entity name of a message type (namespace:name), the exchange it is published to.</summary>
    public static string ExchangeOf(Type messageType) => NamesOf(messageType).Exchange;

    public static byte[] Serialize(object message, Type messageType, Guid messageId, Uri sourceAddress, Uri hostAddress, DateTime sentTime)
    {
        var (exchange, messageTypes) = NamesOf(messageType);
        var envelope = new JsonMessageEnvelope
        {
            MessageId = messageId.ToString("D"),
            ConversationId = NewId.NextGuid().ToString("D"),
            SourceAddress = sourceAddress.ToString(),
            // "./": a name with a colon would otherwise read as a URI scheme of its own.
            DestinationAddress = new Uri(hostAddress, "./" + exchange).ToString(),
            MessageType = messageTypes,
            Message = message,
            SentTime = sentTime,
            Headers = new Dictionary<string, object?>(),
            Host = HostMetadataCache.Host,
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope, Options);
    }

    private static (string Exchange, string[] MessageTypes) NamesOf(Type messageType) => Names.GetOrAdd(messageType, static type =>
    {
        if (type.IsGenericType || type.IsNested || type.Namespace is null)
            throw new ArgumentException($"{type} has no plain MassTransit entity name; only the contracts' top-level records are published raw.", nameof(messageType));
        return ($"{type.Namespace}:{type.Name}", [MessageUrn.ForTypeString(type)]);
    });
}
