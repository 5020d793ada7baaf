using System.Buffers;
using System.Text;
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
/// or three, and <c>\u002B</c> for the <c>+</c> of every number) into each commit, the AOF and the memory of Redis.
/// The generated types get that encoder from the writer, not from their options: a context built with other options
/// than its generation attribute's loses the generated fast path (state writes took 50 % longer).</para>
/// </summary>
public static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A buffer larger than this after a write is not kept for the thread's next one.</summary>
    private const int KeptBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _threadWriter;

    public static string Serialize<T>(T value) => Encoding.UTF8.GetString(SerializeToUtf8Bytes(value));

    /// <summary>An outbox event's message, by its runtime type (generated when the type is, as for the generic write).</summary>
    public static string SerializeEvent(object message) => Encoding.UTF8.GetString(SerializeEventToUtf8Bytes(message));

    public static byte[] SerializeEventToUtf8Bytes(object message)
    {
        var type = message.GetType();
        return StoreJsonContext.Default.GetTypeInfo(type) is { } info
            ? WithThreadWriter((message, info), static (writer, m) => JsonSerializer.Serialize(writer, m.message, m.info))
            : JsonSerializer.SerializeToUtf8Bytes(message, type, Options);
    }

    /// <summary>UTF-8 JSON: what Redis stores, without a UTF-16 string in between.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value) =>
        Generated<T>.Info is { } info
            ? WithThreadWriter((value, info), static (writer, v) => JsonSerializer.Serialize(writer, v.value, v.info))
            : JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>
    /// UTF-8 JSON through a feature's own generated contract (a feature above Storage keeps its stored types in its own
    /// <see cref="JsonSerializerContext"/>, generated with <see cref="StoreJsonContext"/>'s attribute, so Storage names none of them).
    /// </summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value, JsonTypeInfo<T> info) =>
        WithThreadWriter((value, info), static (writer, v) => JsonSerializer.Serialize(writer, v.value, v.info));

    public static T DeserializeUtf8<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(utf8Json, info) ?? throw new InvalidDataException($"Stored {typeof(T).Name} is null.");

    /// <summary>Writes with this thread's relaxed-encoder writer (a static lambda and a tuple: nothing allocated but the result).</summary>
    private static byte[] WithThreadWriter<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var (buffer, writer) = _threadWriter ??= NewWriter();
        _threadWriter = null; // taken: a nested write on this thread (none today) gets its own
        try
        {
            write(writer, state);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            if (buffer.Capacity <= KeptBufferBytes) _threadWriter = (buffer, writer);
        }
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        return (buffer, new Utf8JsonWriter(buffer, WriterOptions));
    }

    public static T DeserializeUtf8<T>(ReadOnlySpan<byte> utf8Json) =>
        (Generated<T>.Info is { } info ? JsonSerializer.Deserialize(utf8Json, info) : JsonSerializer.Deserialize<T>(utf8Json, Options))
        ?? throw new InvalidDataException($"Stored {typeof(T).Name} is null.");

    public static T Deserialize<T>(string json) =>
        (Generated<T>.Info is { } info ? JsonSerializer.Deserialize(json, info) : JsonSerializer.Deserialize<T>(json, Options))
        ?? throw new InvalidDataException($"Stored {typeof(T).Name} is null.");

    /// <summary>The source-generated contract of <typeparamref name="T"/>, looked up once per type; null when not generated.</summary>
    private static class Generated<T>
    {
        public static readonly JsonTypeInfo<T>? Info = StoreJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>;
    }
}
