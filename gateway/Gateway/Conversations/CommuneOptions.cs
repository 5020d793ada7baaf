using Gateway.Communes;
using Gateway.Conversations.Flows;

namespace Gateway.Conversations;

/// <summary><c>options_from: communes</c>: every commune of the registry, picked by its name or its configured keywords.</summary>
public sealed class CommuneOptions(CommuneRegistry communes) : IOptionSource
{
    public const string SourceName = "communes";

    private IReadOnlyList<AnswerOption>? _options;

    public string Name => SourceName;

    // The registry does not change while the gateway runs: built once.
    public IReadOnlyList<AnswerOption> OptionsFor(ContactState contact) =>
        _options ??= [.. communes.All.Select(c => new AnswerOption(c.Id, c.Name, c.NormalizedKeywords))];
}
