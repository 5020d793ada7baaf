using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Storage;

/// <summary>The one JSON shape used for everything the stores persist (contact states, idempotency records, outbox payloads).</summary>
public static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"Stored {typeof(T).Name} is null.");
}
