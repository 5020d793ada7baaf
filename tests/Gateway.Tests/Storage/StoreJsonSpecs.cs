using System.Text.Json;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Storage;

namespace Gateway.Tests.Storage;

/// <summary>
/// The source-generated serializers of the hot types must write exactly what the reflection-based options write, and
/// read it back: data stored before (or by another version) must stay readable.
/// </summary>
public sealed class StoreJsonSpecs
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(1));

    public static TheoryData<object> Samples() => new()
    {
        new ContactState
        {
            ContactId = "cabc", Phone = "+212612345678", Language = "zgh-Latn", LanguageConfirmed = true, Commune = "agadir",
            Topics = new SortedSet<string>(StringComparer.Ordinal) { "meetings", "water" }, LastChannel = ChannelKind.WhatsApp,
            LastProvider = "twilio", LastTo = "+212522000000", LastInboundAt = { [ChannelKind.Sms] = At, [ChannelKind.Ussd] = At.AddDays(-1) },
            Session = new Session { FlowId = "feedback", NodeId = "describe", Vars = { ["category"] = "eau", ["note"] = "l'eau \"coupée\" ⵜⴰⵎⴰⵣⵉⵖⵜ" }, Retries = 1, StartedAt = At, LastActivityAt = At, ExpiresAt = At.AddHours(24), SessionKey = "ATUid_1" },
            PollVotes = { ["p1"] = 2 }, CreatedAt = At.AddMonths(-2),
        },
        new ContactState { ContactId = "cnew", Phone = "+212600000000", CreatedAt = At },
        new ContactState
        {
            ContactId = "csim", Phone = "+212600000001", CreatedAt = At, SimulatorOnly = true, OptedOut = true,
            Consent = [new ConsentEntry(At, ConsentLog.OptOut, "sms", "keyword", null, Simulated: true), new ConsentEntry(At, ConsentLog.OptIn, "import", "import", "meetings")],
        },
        new StepResult([new Reply("Votre commune ?", [new ReplyOption("1", "Agadir"), new ReplyOption("2", "الدار البيضاء")], "fr")], true, "cabc"),
        new StepResult([], false, "cabc", Duplicate: true),
        new FeedbackReceived("R-4F7K", "cabc", null, "water", "Pas d'eau", null, "sms", "fr", At),
        new ContactOptedIn("cabc", "agadir", "meetings", "fr", At),
        new ContactOptedOut("cabc", null, null, "keyword", At),
        new ContactOptedOut("csim", "agadir", null, "keyword", At) { Simulated = true },
        new MessageStatusChanged("SM1", "twilio", "delivered", "cabc", null, null, At),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_generated_serializer_writes_what_the_reflection_options_write_and_reads_it_back(object sample)
    {
        var type = sample.GetType();
        Assert.NotNull(StoreJsonContext.Default.GetTypeInfo(type)); // the hot path really is the generated one
        var reflection = JsonSerializer.Serialize(sample, type, StoreJson.Options);

        var generated = Serialize(sample);

        Assert.Equal(reflection, generated);
        var roundTrip = JsonSerializer.Serialize(Deserialize(reflection, type), type, StoreJson.Options);
        Assert.Equal(reflection, roundTrip);
    }

    private static string Serialize(object sample) => (string)typeof(StoreJson).GetMethod(nameof(StoreJson.Serialize))!
        .MakeGenericMethod(sample.GetType()).Invoke(null, [sample])!;

    private static object Deserialize(string json, Type type) => typeof(StoreJson).GetMethod(nameof(StoreJson.Deserialize))!
        .MakeGenericMethod(type).Invoke(null, [json])!;

    [Fact]
    public void Text_is_stored_as_itself_and_what_older_builds_escaped_still_reads()
    {
        var state = new ContactState { ContactId = "c1", Phone = "+212612345678", Commune = "الدار البيضاء ⴰⵏⴼⴰ é", CreatedAt = At };

        var json = System.Text.Encoding.UTF8.GetString(StoreJson.SerializeToUtf8Bytes(state));

        Assert.Contains("\"phone\":\"+212612345678\"", json);
        Assert.Contains("\"commune\":\"الدار البيضاء ⴰⵏⴼⴰ é\"", json);
        const string escaped = """{"contactId":"c1","phone":"\u002B212612345678","commune":"\u0627\u0644 \u2D30 \u00E9"}""";
        var old = StoreJson.Deserialize<ContactState>(escaped);
        Assert.Equal("+212612345678", old.Phone);
        Assert.Equal("ال ⴰ é", old.Commune);
    }

    [Fact]
    public void Quotes_and_control_characters_in_citizens_text_stay_escaped()
    {
        var result = new StepResult([Reply.Plain("a \"b\" \\ c\nd\u0001", "fr")], false, "c1");

        var json = StoreJson.Serialize(result);

        Assert.Contains("a \\\"b\\\" \\\\ c\\nd\\u0001", json);
        Assert.Equal(result.Replies[0].Text, StoreJson.Deserialize<StepResult>(json).Replies[0].Text);
    }
}
