using System.Collections.Concurrent;
using Gateway.Conversations;

namespace Gateway.Testing.Fakes;

/// <summary>
/// A fake <see cref="IConversationEngine"/> answering from a script, recording every call, and de-duplicating on
/// ProviderMessageId as the real engine does (a retry gets the first answer, marked Duplicate).
/// </summary>
public sealed class ScriptedEngine(Func<InboundMessage, StepResult> script) : IConversationEngine
{
    private readonly ConcurrentDictionary<string, StepResult> _answered = new();

    public ConcurrentQueue<InboundMessage> Calls { get; } = new();

    public int CallsFor(string providerMessageId) => Calls.Count(c => c.ProviderMessageId == providerMessageId);

    public Task<StepResult> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        Calls.Enqueue(message);
        if (message.ProviderMessageId is { } id && _answered.TryGetValue(id, out var earlier))
            return Task.FromResult(earlier with { Duplicate = true });
        var result = script(message);
        if (message.ProviderMessageId is { } key) _answered[key] = result;
        return Task.FromResult(result);
    }

    public Task<StepResult> StartFlowAsync(string phone, ChannelKind channel, string flowId, string requestId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task OptOutAsync(string phone, string source, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    /// <summary>A commune menu in French and Arabic, long enough to need paging on USSD.</summary>
    public static StepResult CommuneMenu(InboundMessage message)
    {
        static StepResult Open(Reply reply) => new([reply], true, "c-1");
        static ReplyOption[] Numbered(params string[] labels) => [.. labels.Select((l, i) => new ReplyOption($"{i + 1}", l))];

        return message.Text switch
        {
            "" => Open(new Reply("Bienvenue à la commune d'Ait Ourir", Numbered("Donner un avis", "Services", "Khadamat", "Au revoir", "Règlement"), "fr")),
            "1" => Open(Reply.Plain("Écrivez votre avis en quelques mots", "fr")),
            "2" => Open(new Reply("Choisissez le service concerné par votre avis, puis envoyez son numéro", Numbered(LongFrench), "fr")),
            "3" => Open(new Reply("اختر الخدمة المعنية برأيك", Numbered(LongArabic), "ar")),
            "4" => new([Reply.Plain("Merci, au revoir", "fr")], false, "c-1"),
            "5" => new([Reply.Plain(string.Join(' ', Enumerable.Repeat("Le règlement des marchés communaux s'applique à tous.", 6)), "fr")], false, "c-1"),
            "6" => Open(Reply.Plain(string.Concat(Enumerable.Repeat("👍🏽", 30)), "fr")),
            "7" => Open(new Reply("ⴼⵔⵏ ⵜⴰⵏⴱⴹⴰ ⵏⵏⴽ", Numbered("ⴰⴱⵔⵉⴷ ⴷ ⵉⴱⵔⴰⴷ", "ⴰⵙⵏⵓⵔⵏ ⴰⵎⴰⵜⵓ", "ⴰⵙⵎⵓⵏ ⵏ ⵉⵙⵔⵎⴰⴹ", "ⴰⵎⴰⵏ ⵏ ⵜⵉⵙⵉⵜ", "ⵜⵉⵙⵓⵇⵉⵏ", "ⴰⵏⵙⴰ ⵏ ⵜⵓⵏⵖⵉⵏ"), "zgh")),
            _ => Open(new Reply("Choix invalide", Numbered("Donner un avis", "Services"), "fr")),
        };
    }

    public static readonly string[] LongFrench =
    [
        "Voirie et routes communales", "Éclairage public", "Collecte des déchets", "Eau potable et assainissement",
        "Espaces verts et jardins", "Marchés et commerce", "État civil et légalisations", "Transport scolaire",
        "Sport et jeunesse", "Autre sujet",
    ];

    public static readonly string[] LongArabic =
    [
        "الطرق والأزقة", "الإنارة العمومية", "جمع النفايات", "الماء الصالح للشرب", "المساحات الخضراء", "الأسواق",
        "الحالة المدنية", "النقل المدرسي",
    ];
}
