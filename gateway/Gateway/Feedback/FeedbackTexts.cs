using Gateway.Text;

namespace Gateway.Feedback;

/// <summary>
/// What the desk says to citizens beyond the status texts of flows/_system.yaml (<c>feedback_status_*</c>). Kept here,
/// beside the follow-up they belong to; the Amazigh texts are drafts awaiting review by native speakers, like the flows'.
/// </summary>
public static class FeedbackTexts
{
    /// <summary>A reference that does not exist or was filed from another number: the same answer, nothing leaks.</summary>
    public static readonly LocalizedText Unknown = LocalizedText.Of(
        ("fr", "Aucun signalement {reference} n'est enregistré à votre numéro."),
        ("ar", "لا توجد ملاحظة بالمرجع {reference} مسجلة برقمكم."),
        ("zgh", "ⵓⵔ ⵉⵍⵍⵉ ⴽⵔⴰ ⵏ ⵓⵡⴰⵍ {reference} ⵙ ⵓⵟⵟⵓⵏ ⵏⵏⴽ."),
        ("zgh-Latn", "Ur illi kra n uwal {reference} s uttun nnk."));

    /// <summary>Asked once, after the resolution message.</summary>
    public static readonly LocalizedText ConfirmQuestion = LocalizedText.Of(
        ("fr", "Le problème est-il vraiment résolu ? Répondez OUI ou NON."),
        ("ar", "هل تم حل المشكل فعلا؟ أجب بنعم أو لا."),
        ("zgh", "ⵉⵙ ⵉⵜⵜⵓⴼⵙⵉ ⵓⵎⵓⴽⵔⴰⵙ ⵙ ⵜⵉⴷⵜ? ⵔⴰⵔ ⵢⵀ ⵏⵖ ⵓⵀⵓ."),
        ("zgh-Latn", "Is ittufsi umukras s tidt? Rar IH ngh UHU."));

    public static readonly LocalizedText ConfirmedSolved = LocalizedText.Of(
        ("fr", "Merci ! Nous avons noté que le problème {reference} est résolu."),
        ("ar", "شكرا! سجلنا أن المشكل {reference} قد حل."),
        ("zgh", "ⵜⴰⵏⵎⵎⵉⵔⵜ! ⵏⵓⵎⵥ ⵉⵙ ⵉⵜⵜⵓⴼⵙⵉ ⵓⵎⵓⴽⵔⴰⵙ {reference}."),
        ("zgh-Latn", "Tanmmirt! Numz is ittufsi umukras {reference}."));

    /// <summary>
    /// What a citizen receives when their report changes status: the status's text of flows/_system.yaml
    /// (<c>feedback_status_*</c>, written GSM-7-safe in French), then the clerk's words as written. Sent as written (never
    /// folded), so the console's preview of it is what arrives.
    /// </summary>
    public static string Answer(string statusText, string reference, string? note) =>
        statusText.Replace("{reference}", reference, StringComparison.Ordinal) + (string.IsNullOrWhiteSpace(note) ? "" : " " + note.Trim());

    public static readonly LocalizedText Reopened = LocalizedText.Of(
        ("fr", "Merci. Votre signalement {reference} est rouvert ; la commune va le reprendre."),
        ("ar", "شكرا. أعيد فتح ملاحظتك {reference} وستعود إليها الجماعة."),
        ("zgh", "ⵜⴰⵏⵎⵎⵉⵔⵜ. ⵉⵜⵜⵓⵍⵍⵉ ⵡⴰⵢⵢⴰⴹ ⵜⵉⴽⴽⴰⵍ ⵓⵡⴰⵍ ⵏⵏⴽ {reference}."),
        ("zgh-Latn", "Tanmmirt. Ittulli wayyad tikkal uwal nnk {reference}."));
}
