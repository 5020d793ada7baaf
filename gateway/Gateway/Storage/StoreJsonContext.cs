using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Contracts;
using Gateway.Conversations;

namespace Gateway.Storage;

/// <summary>
/// Source-generated serializers for what every conversation step reads and writes, with exactly the settings of
/// <see cref="StoreJson.Options"/> (web defaults, enums as names, nulls omitted): stored data reads the same either way.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContactState))]
[JsonSerializable(typeof(StepResult))]
[JsonSerializable(typeof(FeedbackReceived))]
[JsonSerializable(typeof(ContactOptedIn))]
[JsonSerializable(typeof(ContactOptedOut))]
[JsonSerializable(typeof(PollVoteRecorded))]
[JsonSerializable(typeof(DeliverReply))]
[JsonSerializable(typeof(MessageStatusChanged))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
