using Gateway.Conversations;
using Gateway.Text;

namespace Gateway.Feedback;

/// <summary>
/// The citizen's side of the desk in the conversation:
/// <list type="bullet">
/// <item>A message that is a reference (<c>R-4F7K2</c>, <c>r4f7k2</c>, <c>R-٤F7K2</c>), alone or after a follow-up word
/// (SUIVI, تتبع, ⴹⴼⵕ / DFER, …), answers with the report's status in the contact's language: only to the contact who filed
/// it; anyone else hears that no such report is registered to their number.</item>
/// <item>After the resolution message asked "is it really solved?" (once per report), a yes or no in any language, outside
/// a conversation, is recorded on the report; a no reopens it (<c>acknowledged</c>, FeedbackStatusChanged by <c>citizen</c>).</item>
/// </list>
/// </summary>
public sealed class FeedbackFollowUp(IFeedbackStore store, FeedbackDesk desk, FlowTexts texts) : IDialogExtension
{
    /// <summary>How long after the question a bare yes/no still answers it.</summary>
    public static readonly TimeSpan ConfirmationWindow = TimeSpan.FromDays(7);

    /// <summary>Follow-up words (normalised when compared); the Amazigh forms are drafts awaiting review.</summary>
    private static readonly HashSet<string> FollowUpWords = new[]
    {
        "suivi", "suivre", "suivis", "statut", "etat", "reference", "ref",
        "تتبع", "تتبيع", "متابعة", "تابع", "مرجع",
        "ⴹⴼⵕ", "ⴹⴼⵔ", "ⴰⴹⴼⴰⵕ", "dfer", "dfr", "adfar", "tbe3", "tba3",
    }.Select(TextNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    public async Task<bool> TryHandleAsync(StepContext step, string normalized)
    {
        if (ParseFollowUp(normalized) is { } reference) return await AnswerStatusAsync(step, reference);
        // An offer left unanswered (the profile after a first report) does not hold the desk's later "resolved?" back:
        // a yes or no then answers the desk (the Dialog drops the offer), and the profile can be asked another time.
        if ((step.Contact.Session is null || FlowRunner.IsFollowUp(step.Contact.Session))
            && YesNo.Parse(normalized) is { } solved && await RecordConfirmationAsync(step, solved)) return true;
        return false;
    }

    /// <summary>
    /// The reference in a follow-up message, or null. The normaliser already folded case and digits of every script, and
    /// turned the dash of <c>R-4F7K2</c> into a space. A message is a reference only when it is one, after an optional
    /// follow-up word: with its <c>R-</c> prefix (<c>r 4f7k2</c>), or glued and standing alone with exactly the length of a
    /// reference (<c>r4f7k2</c>). "raqm 2", "ra9m2" or "rabat" are answers or words, not references (a fifth of references
    /// have no digit, so a digit proves nothing).
    /// </summary>
    public static string? ParseFollowUp(string normalized)
    {
        if (normalized.Length is 0 or > 40 || !normalized.Contains('r', StringComparison.Ordinal)) return null; // most steps: not a reference
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = words.Length > 1 && FollowUpWords.Contains(words[0]) ? 1 : 0;
        return words[start..] switch
        {
            ["r", var body] => FeedbackReferences.Parse("r" + body),
            [var glued] when glued.Length == 1 + FeedbackReferences.Length => FeedbackReferences.Parse(glued),
            _ => null,
        };
    }

    private async Task<bool> AnswerStatusAsync(StepContext step, string reference)
    {
        var contact = step.Contact;
        var stored = await store.GetReportAsync(reference, CancellationToken.None);
        if (stored?.Report is not { } report || report.ContactId != contact.ContactId)
        {
            Say(step, FeedbackTexts.Unknown, reference);
            return true;
        }
        Say(step, texts.Catalog.System[FeedbackStatuses.SystemMessage(report.Status)], report.Reference);
        return true;
    }

    private async Task<bool> RecordConfirmationAsync(StepContext step, bool solved)
    {
        var contact = step.Contact;
        var now = step.Now;
        FeedbackReport? asked = null;
        foreach (var reference in await store.ReferencesOfAsync(contact.ContactId, CancellationToken.None))
        {
            if (await store.GetReportAsync(reference, CancellationToken.None) is not { Report: var r }) continue;
            if (r.Status != FeedbackStatuses.Resolved || r.CitizenConfirmed is not null || r.ConfirmationAskedAt is not { } at || now - at > ConfirmationWindow) continue;
            if (asked is null || at > asked.ConfirmationAskedAt) asked = r;
        }
        if (asked is null) return false;

        // Idempotent when the step is decided again: the answer is recorded once, and "no" reopens once.
        var requestId = $"citizen:{asked.Reference}:confirm";
        await desk.ChangeAsync(asked.Reference, r => r.ContactId == contact.ContactId, (r, at) =>
        {
            if (r.CitizenConfirmed is not null) return false;
            r.CitizenConfirmed = solved;
            r.History.Add(new FeedbackChange(at, "citizen_answer", "citizen", To: solved ? "solved" : "not_solved", RequestId: requestId + ":answer"));
            return true;
        }, CancellationToken.None);
        if (!solved)
            await desk.ChangeStatusAsync(asked.Reference, FeedbackStatuses.Acknowledged, null, "citizen", r => r.ContactId == contact.ContactId,
                CancellationToken.None, requestId);
        Say(step, solved ? FeedbackTexts.ConfirmedSolved : FeedbackTexts.Reopened, asked.Reference);
        return true;
    }

    /// <summary>Says <paramref name="text"/> with the reference filled in first (a session variable of that name must not win).</summary>
    private void Say(StepContext step, LocalizedText text, string reference)
    {
        var (resolved, language) = texts.Resolve(WithReference(text, reference), step.Contact, null);
        step.Say(resolved, language);
    }

    public static LocalizedText WithReference(LocalizedText text, string reference) =>
        new(text.Texts.ToDictionary(t => t.Key, t => t.Value.Replace("{reference}", reference, StringComparison.Ordinal), StringComparer.Ordinal));
}
