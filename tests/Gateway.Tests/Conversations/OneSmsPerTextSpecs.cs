using System.Globalization;
using Gateway.Channels;
using Gateway.Communes;
using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Feedback;
using Gateway.Tests.Infrastructure;
using Gateway.Text;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Gateway.Tests.Conversations;

/// <summary>
/// A commune pays for every SMS: each text the gateway says on its own (flows/_system.yaml, the flow files' texts, a
/// question with its options, the desk's follow-up texts) fits one segment — 160 GSM-7 or 70 UCS-2 characters — in
/// every language, as an SMS carries it (folded to GSM-7 where only typography and French accents would force UCS-2),
/// with its placeholders filled with the longest real values: the longest commune name of each language, a reference,
/// the largest length limit. A text that cannot is named here with why.
/// </summary>
public sealed class OneSmsPerTextSpecs(ITestOutputHelper output)
{
    /// <summary>Texts that list options which cannot fit one SMS, with why. Keys: "file:node:language" or "file:message:language".</summary>
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        // The twelve communes of the pilot in Arabic script are ~150 UCS-2 characters before any question: three SMS
        // whatever the question says. A commune is asked once per contact (then remembered), and never on a commune's
        // own number, which names it.
        ["flows/feedback.yaml:commune:ar"] = "twelve commune names in Arabic script",
        ["flows/subscribe.yaml:commune:ar"] = "twelve commune names in Arabic script",
        ["flows/feedback.yaml:commune:zgh"] = "twelve commune names, most in Arabic script or Tifinagh",
        ["flows/subscribe.yaml:commune:zgh"] = "twelve commune names, most in Arabic script or Tifinagh",
        // The profile's first question carries the consent sentence law 09-08 asks for (why, optional, how to change or
        // erase): two or three SMS, once per citizen. Bounded in tests/Gateway.Tests/Profiles/ProfileSegmentSpecs.cs.
        ["flows/profile.yaml:gender:fr"] = "the consent sentence with the first profile question",
        ["flows/profile.yaml:gender:ar"] = "the consent sentence with the first profile question",
        ["flows/profile.yaml:gender:zgh"] = "the consent sentence with the first profile question",
        ["flows/profile.yaml:gender:zgh-Latn"] = "the consent sentence with the first profile question",
        // Five age bands and "skip" in Arabic script or Tifinagh (USSD only: SMS asks the year).
        ["flows/audience.yaml:gender:fr"] = "who the poll is for and the consent sentence, with the one question a limited poll needs before counting a vote (asked once)",
        ["flows/audience.yaml:place:fr"] = "who the poll is for and the consent sentence, with the one question a limited poll needs before counting a vote (asked once)",
        ["flows/audience.yaml:gender:ar"] = "who the poll is for and the consent sentence, with the one question a limited poll needs before counting a vote (asked once)",
        ["flows/audience.yaml:age_year:ar"] = "who the poll is for and the consent sentence, with the one question a limited poll needs before counting a vote (asked once)",
        ["flows/audience.yaml:place:ar"] = "who the poll is for and the consent sentence, with the one question a limited poll needs before counting a vote (asked once)",
        ["flows/audience.yaml:gender:zgh"] = "who the poll is for and the consent sentence, with the one question a limited poll needs before counting a vote (asked once)",
        ["flows/audience.yaml:age_year:zgh"] = "who the poll is for and the consent sentence, with the one question a limited poll needs before counting a vote (asked once)",
        ["flows/audience.yaml:place:zgh"] = "who the poll is for and the consent sentence, with the one question a limited poll needs before counting a vote (asked once)",
        ["flows/audience.yaml:gender:zgh-Latn"] = "who the poll is for and the consent sentence, with the one question a limited poll needs before counting a vote (asked once)",
        ["flows/audience.yaml:age_band:ar"] = "who the poll is for and the five age bands, USSD only",
        ["flows/audience.yaml:age_band:zgh"] = "who the poll is for and the five age bands, USSD only",
        ["flows/profile.yaml:age_band:ar"] = "five age bands and skip, USSD only",
        ["flows/profile.yaml:age_band:zgh"] = "five age bands and skip, USSD only",
    };

    private sealed record Measured(string Key, string Text, SegmentInfo Info);

    [Fact]
    public async Task Every_system_and_flow_text_fits_one_SMS_in_every_language_or_is_named_with_why()
    {
        await using var app = new GatewayApplication();
        var texts = app.Services.GetRequiredService<FlowTexts>();
        var catalog = texts.Catalog;
        var communes = app.Services.GetRequiredService<CommuneRegistry>();
        var flows = catalog.Flows.OrderBy(f => f.File, StringComparer.Ordinal).ToList();
        var largestMax = flows.SelectMany(f => f.Nodes.Values).Select(n => n.FreeText?.Max ?? 0).Max();
        var largestMin = flows.SelectMany(f => f.Nodes.Values).Select(n => n.FreeText?.Min ?? 0).Max();

        var measured = new List<Measured>();
        foreach (var language in Languages.Core)
        {
            var contact = LongestCase(communes, language);
            foreach (var (name, message) in catalog.System.Messages.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                var (text, _) = texts.Resolve(message, contact, null);
                text = text.Replace("{max}", largestMax.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{min}", largestMin.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                measured.Add(Measure($"flows/_system.yaml:{name}:{language}", new Reply(text, [], language)));
            }
            foreach (var (name, text) in DeskTexts)
                measured.Add(Measure($"Feedback/FeedbackTexts.cs:{name}:{language}", new Reply(texts.Resolve(text, contact, null).Text, [], language)));
            foreach (var flow in flows)
                foreach (var node in flow.Nodes.Values.OrderBy(n => n.Line))
                {
                    if (node.Text is { } text)
                    {
                        // A question goes out with its options (menus without the polls appended at run time).
                        var options = node.Kind is NodeKind.Ask or NodeKind.Menu ? texts.ReplyOptions(node, contact, flow) : [];
                        measured.Add(Measure($"{flow.File}:{node.Id}:{language}", new Reply(texts.Resolve(text, contact, flow).Text, options, language)));
                    }
                    if (node.Invalid is { } invalid)
                        measured.Add(Measure($"{flow.File}:{node.Id}.invalid:{language}", new Reply(texts.Resolve(invalid, contact, flow).Text, [], language)));
                }
        }

        foreach (var m in measured)
            output.WriteLine($"{m.Info.Segments} {m.Info.Encoding,-4} {m.Info.Units,4}  {m.Key}");
        var tooLong = measured.Where(m => m.Info.Segments > 1 && !Exceptions.ContainsKey(m.Key)).ToList();
        Assert.True(tooLong.Count == 0, $"{tooLong.Count} texts take more than one SMS:\n"
            + string.Join("\n", tooLong.Select(m => $"{m.Key}: {m.Info.Segments} SMS ({m.Info.Units} {m.Info.Encoding} units) \"{m.Text}\"")));
        var stale = Exceptions.Keys.Where(k => measured.Single(m => m.Key == k).Info.Segments == 1).ToList();
        Assert.True(stale.Count == 0, "named exceptions that now fit one SMS (remove them): " + string.Join(", ", stale));
    }

    [Fact]
    public async Task The_language_question_with_its_four_options_fits_one_UCS2_SMS()
    {
        await using var app = new GatewayApplication();
        var texts = app.Services.GetRequiredService<FlowTexts>();
        var flow = texts.Catalog.Find(LanguageDetour.FlowId)!;
        var node = flow.Nodes[flow.Start];
        foreach (var language in Languages.Core)
        {
            var contact = new ContactState { Language = language };
            var info = SmsSegments.Analyze(SmsText.RenderSms(new Reply(texts.Resolve(node.Text!, contact, flow).Text, texts.ReplyOptions(node, contact, flow), language)));
            Assert.True(info.Segments == 1, $"{language}: {info.Units} {info.Encoding} units");
        }
    }

    [Fact]
    public async Task A_reports_status_texts_in_French_are_GSM7_as_written_since_they_go_out_unfolded_with_the_clerks_words()
    {
        await using var app = new GatewayApplication();
        var system = app.Services.GetRequiredService<FlowTexts>().Catalog.System;
        var statuses = system.Messages.Where(m => m.Key.StartsWith("feedback_status_", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, statuses.Count);
        Assert.All(statuses, m => Assert.True(Gsm7.IsGsm(m.Value.Texts[Languages.French]), m.Key));
        Assert.True(Gsm7.IsGsm(FeedbackTexts.ConfirmQuestion.Texts[Languages.French]));
    }

    private static readonly (string Name, LocalizedText Text)[] DeskTexts =
    [
        (nameof(FeedbackTexts.Unknown), FeedbackTexts.Unknown),
        (nameof(FeedbackTexts.ConfirmQuestion), FeedbackTexts.ConfirmQuestion),
        (nameof(FeedbackTexts.ConfirmedSolved), FeedbackTexts.ConfirmedSolved),
        (nameof(FeedbackTexts.Reopened), FeedbackTexts.Reopened),
    ];

    /// <summary>A contact writing in <paramref name="language"/>, of the commune whose name is longest in it, holding a reference.</summary>
    private static ContactState LongestCase(CommuneRegistry communes, string language)
    {
        var commune = communes.All.OrderByDescending(c => c.Name.Resolve([language]).Text.Length).First();
        var session = new Session { FlowId = "feedback", NodeId = "thanks" };
        session.Vars["reference"] = "R-" + new string('X', FeedbackReferences.Length);
        return new ContactState { Language = language, LanguageConfirmed = true, Commune = commune.Id, Session = session };
    }

    private static Measured Measure(string key, Reply reply)
    {
        var sms = SmsText.RenderSms(reply);
        return new Measured(key, sms, SmsSegments.Analyze(sms));
    }
}
