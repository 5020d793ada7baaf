using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Gateway.Storage;

/// <summary>
/// The one JSON shape used for everything the stores persist (contact states, idempotency records, outbox payloads).
/// The types written on every step go through source-generated serializers (<see cref="StoreJsonContext"/>, same
/// shape, no reflection on the hot path); any other type uses <see cref="Options"/>.
/// <para>Text is written as itself, not escaped for HTML: stored JSON is never embedded in a page, and the default
/// encoder writes every non-ASCII character as <c>\uXXXX</c> (six bytes for an Arabic or Tifinagh letter instead of two
/// or three, and <c>\u002B</c> for the <c>+</c> of every number) into each commit, the AOF and the memory of Redis.</para>
/// </summary>
public static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The generated serializers with the same encoder (the generation attribute cannot name one).</summary>
    private static readonly StoreJsonContext Context = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Serialize<T>(T value) =>
        Generated<T>.Info is { } info ? JsonSerializer.Serialize(value, info) : JsonSerializer.Serialize(value, Options);

    /// <summary>UTF-8 JSON: what Redis stores, without a UTF-16 string in between.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value) =>
        Generated<T>.Info is { } info ? JsonSerializer.SerializeToUtf8Bytes(value, info) : JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T DeserializeUtf8<T>(ReadOnlySpan<byte> utf8Json) =>
        (Generated<T>.Info is { } info ? JsonSerializer.Deserialize(utf8Json, info) : JsonSerializer.Deserialize<T>(utf8Json, Options))
        ?? throw new InvalidDataException($"Stored {typeof(T).Name} is null.");

    public static T Deserialize<T>(string json) =>
        (Generated<T>.Info is { } info ? JsonSerializer.Deserialize(json, info) : JsonSerializer.Deserialize<T>(json, Options))
        ?? throw new InvalidDataException($"Stored {typeof(T).Name} is null.");

    /// <summary>The source-generated contract of <typeparamref name="T"/>, looked up once per type; null when not generated.</summary>
    private static class Generated<T>
    {
        public static readonly JsonTypeInfo<T>? Info = Context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>;
    }
}
