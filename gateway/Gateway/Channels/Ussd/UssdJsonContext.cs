using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Channels.Ussd;

/// <summary>
/// The USSD session state's generated serializer, with the settings of Storage's <c>StoreJsonContext</c> (web defaults,
/// enums as names, nulls omitted): it lives with its feature so that Storage names no channel type.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UssdSessionState))]
public sealed partial class UssdJsonContext : JsonSerializerContext;
