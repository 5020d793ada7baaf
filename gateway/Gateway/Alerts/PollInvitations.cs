using Gateway.Alerts.Compose;
using Gateway.Alerts.Sending;
using Gateway.Profiles.Segments;
using Gateway.Conversations;
using Gateway.Polls;
using Gateway.Text;

namespace Gateway.Alerts;

/// <summary>
/// Announces a new poll to the commune's subscribers through the alerts machinery (same pacing, quiet hours,
/// languages, tracking): the question, then how to vote by SMS in one message ("PROJET 2").
/// </summary>
public sealed class PollInvitations(AlertService alerts, AlertSegments segments, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Profiles.ProfilesOptions> profiles) : IPollAnnouncer
{
    /// <summary>Who is invited: the subscribers of the commune's meeting alerts (the programme's civic audience).</summary>
    public const string Topic = "meetings";

    private static readonly IReadOnlyDictionary<string, string> HowToVote = new Dictionary<string, string>
    {
        [Languages.French] = "Pour voter, envoyez {keyword} suivi du numéro de votre choix (ex. {keyword} 1).",
        [Languages.Arabic] = "للتصويت، أرسل {keyword} متبوعا برقم اختيارك (مثلا {keyword} 1).",
        [Languages.Tifinagh] = "ⵃⵎⴰ ⴰⴷ ⵜⴼⵔⵏⴷ, ⴰⵣⵏ {keyword} ⴷ ⵓⵟⵟⵓⵏ ⵏ ⵓⴼⵔⴰⵏ ⵏⵏⴽ ({keyword} 1).",
        [Languages.AmazighLatin] = "Hma ad tfrnd, azn {keyword} d uttun n ufran nnk ({keyword} 1).",
    };

    public async Task<Dictionary<string, string[]>> CheckSegmentAsync(string commune, DateTimeOffset opensAt, AudienceSegment segment, CancellationToken cancellationToken)
    {
        var errors = segment.Validate(profiles.Value.Bands());
        if (errors.Count > 0) return errors;
        var probe = new ComposedAlert(commune, Topic, null, SendAt(opensAt), Empty, Empty, false, [], null, Segment: segment);
        return await segments.RefusalAsync(probe, cancellationToken) is { } refusal ? new() { ["segment"] = [refusal] } : [];
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private DateTimeOffset SendAt(DateTimeOffset opensAt) => opensAt > clock.GetUtcNow() ? opensAt : clock.GetUtcNow();

    public async Task<bool> AnnounceAsync(Poll poll, CancellationToken cancellationToken, AudienceSegment? segment = null)
    {
        var question = poll.QuestionText;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in Languages.Core)
        {
            var (q, resolved) = question.Resolve(Languages.Chain(language, null, null));
            var options = string.Join("\n", poll.Definition.Options.Select((o, i) => $"{i + 1}. {new LocalizedText(o).Resolve(Languages.Chain(resolved, null, null)).Text}"));
            texts[language] = $"{q}\n{options}\n{HowToVote[language].Replace("{keyword}", poll.Definition.Keyword, StringComparison.Ordinal)}";
        }
        var composed = new ComposedAlert(poll.Commune, Topic, null, SendAt(poll.Definition.OpensAt), texts, texts, false, [], "poll-invitation:" + poll.Id,
            Segment: segment);
        await alerts.CreateAsync(composed, "polls", cancellationToken);
        return true;
    }
}
