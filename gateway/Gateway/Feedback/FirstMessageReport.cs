using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Text;

namespace Gateway.Feedback;

/// <summary>
/// A new contact's first message of several words of free text, no keyword among them ("Il n'y a pas d'eau depuis 3 jours
/// dans notre quartier"), is kept as the text of a report rather than lost behind the menu: the gateway says so and starts
/// the feedback flow with it, whose <c>details</c> question is then skipped (<c>skip_if: saved</c>). When the language is
/// not known yet (Darija in Latin letters) the language question comes first and the report goes on once it is answered.
/// </summary>
public sealed class FirstMessageReport(FlowTexts texts, FlowRunner runner, LanguageDetour language, FlowResolver flows) : IDialogExtension
{
    /// <summary>The flow a report is made in, and the question (and variable) its text is saved in.</summary>
    public const string ReportFlow = "feedback";
    private const string ReportTextVar = "details";

    /// <summary>Words of free text before a first message reads like a report rather than a greeting or a slip.</summary>
    private const int ReportMinimumWords = 5;

    public async Task<bool> TryTakeUnclaimedAsync(StepContext step, string raw, string normalized, bool isNewContact)
    {
        if (!isNewContact || !ReadsLikeReport(step, raw, normalized)) return false;
        var report = new FlowContinuation(ReportFlow, null, "report_offer",
            new Dictionary<string, string>(StringComparer.Ordinal) { [ReportTextVar] = InboundText.CollapseSpaces(raw) });
        if (step.Contact.Language is null)
        {
            await language.AskAsync(step, then: report);
            return true;
        }
        if (step.Contact.CreatedAt == step.Now) texts.SaySystem(step, "welcome");
        return await runner.ContinueAsync(step, report);
    }

    private bool ReadsLikeReport(StepContext step, string raw, string normalized)
    {
        var message = step.Message;
        if (message.Channel == ChannelKind.Ussd) return false;
        // It must be a text the report's question would take (a 5,000-character paste is not one).
        if (flows.Find(ReportFlow) is not { } flow || !flow.Nodes.TryGetValue(ReportTextVar, out var node) || node.FreeText is not { } rule
            || InboundText.CollapseSpaces(raw).EnumerateRunes().Count() > rule.Max) return false;
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var content = AnswerWords.WithoutPoliteness(words);
        if (content.Count(w => w.Any(char.IsLetter)) < ReportMinimumWords) return false;
        return !words.Any(w => flows.MatchKeyword(w, step.Contact, message) is not null);
    }
}
