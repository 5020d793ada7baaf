using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Gateway.Contracts;
using MassTransit.Serialization;

namespace Gateway.Tests.Bus;

/// <summary>
/// Every bus contract (event and command of <c>Gateway.Contracts</c>) has its JSON Schema in docs/bus/schemas, generated
/// from the record as MassTransit writes it (camelCase), so that consumers in any language validate what they receive.
/// The published files are regenerated and compared here: a contract that changes without its schema fails. To update
/// them after a contract change: <c>GATEWAY_WRITE_BUS_SCHEMAS=1 dotnet test tests/Gateway.Tests --filter BusSchemaSpecs</c>.
/// </summary>
public sealed class BusSchemaSpecs
{
    /// <summary>Parts of another contract, not messages of their own.</summary>
    private static readonly Type[] Parts = [typeof(DeliverReplyOption)];

    public static IEnumerable<Type> Contracts() =>
        typeof(FeedbackReceived).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Gateway.Contracts" && !t.IsNested && t.IsClass && !t.IsAbstract && !Parts.Contains(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    public static string SchemaDirectory => Path.Combine(Path.GetDirectoryName(Architecture.SourceLayerSpecs.GatewaySource())!, "..", "docs", "bus", "schemas");

    [Fact]
    public void Every_contract_has_its_published_schema_and_each_matches_the_record()
    {
        var write = Environment.GetEnvironmentVariable("GATEWAY_WRITE_BUS_SCHEMAS") == "1";
        List<string> drifted = [];
        foreach (var type in Contracts())
        {
            var path = Path.Combine(SchemaDirectory, type.Name + ".json");
            var expected = Generate(type);
            if (write)
            {
                Directory.CreateDirectory(SchemaDirectory);
                File.WriteAllText(path, expected);
            }
            else if (!File.Exists(path) || File.ReadAllText(path).ReplaceLineEndings("\n") != expected) drifted.Add(type.Name);
        }
        var published = Directory.Exists(SchemaDirectory) ? Directory.GetFiles(SchemaDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).ToList() : [];
        var stale = published.Where(p => Contracts().All(t => t.Name != p)).ToList();

        Assert.True(Contracts().Count() >= 13, "contracts not found");
        Assert.True(drifted.Count == 0, $"docs/bus/schemas differs from the records for {string.Join(", ", drifted)}: regenerate (see this class's summary).");
        Assert.True(stale.Count == 0, "Schemas of no contract: " + string.Join(", ", stale));
    }

    [Fact]
    public void FeedbackReceived_says_where_a_report_came_from_and_lets_open311s_have_no_contact()
    {
        var schema = JsonNode.Parse(Generate(typeof(FeedbackReceived)))!;
        var properties = schema["properties"]!.AsObject();

        Assert.True(properties.ContainsKey("source"));
        Assert.DoesNotContain("source", schema["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("null", properties["contactId"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.DoesNotContain("contactId", schema["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    /// <summary>The schema of a contract as published: JSON Schema 2020-12, named by its MassTransit message type.</summary>
    public static string Generate(Type type)
    {
        var options = new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        var schema = options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true }).AsObject();
        // On the wire a null is left out (MassTransit's settings), so a field that may be null may be absent too.
        if (schema["required"] is JsonArray required && schema["properties"] is JsonObject properties)
            foreach (var name in required.Select(r => r!.GetValue<string>()).ToList())
                if (properties[name] is JsonObject property && property["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null"))
                    required.Remove(required.First(r => r!.GetValue<string>() == name));
        var published = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"urn:message:Gateway.Contracts:{type.Name}",
            ["title"] = type.Name,
            ["description"] = $"The `message` of a MassTransit envelope whose messageType is urn:message:Gateway.Contracts:{type.Name} (README, 'The bus').",
        };
        foreach (var (name, value) in schema.ToList())
        {
            schema.Remove(name);
            published[name] = value;
        }
        return published.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
