using Gateway.Text;

namespace Gateway.Conversations.Flows;

/// <summary>The node kinds a flow file may use.</summary>
public enum NodeKind
{
    /// <summary>Sends a text, then moves on to <c>next</c>.</summary>
    Say,
    /// <summary>Asks a question answered by a numbered option and/or free text; re-prompts on invalid answers.</summary>
    Ask,
    /// <summary>Navigation: each option leads to its own node or flow (USSD root menus, sub-menus).</summary>
    Menu,
    /// <summary>Does something (set language, submit feedback, subscribe...) then moves on to <c>next</c>.</summary>
    Action,
    /// <summary>Sends an optional last text and ends the conversation.</summary>
    End,
}

/// <summary>A compiled flow: data loaded from one YAML file, validated, immutable.</summary>
public sealed class FlowDefinition
{
    public required string Id { get; init; }
    public required string File { get; init; }
    public required LocalizedText Name { get; init; }
    public required IReadOnlyList<string> Keywords { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public required string DefaultLanguage { get; init; }
    public required TimeSpan IdleTimeout { get; init; }
    public required string Start { get; init; }
    public required IReadOnlyDictionary<string, FlowNode> Nodes { get; init; }
}

public sealed class FlowNode
{
    public required string Id { get; init; }
    public required NodeKind Kind { get; init; }
    public required int Line { get; init; }
    public LocalizedText? Text { get; init; }
    public IReadOnlyList<FlowOption> Options { get; init; } = [];

    /// <summary>The declared options as the answer matcher takes them, built once (a node is immutable once read).</summary>
    public IReadOnlyList<AnswerOption> DeclaredAnswers => _declaredAnswers ??= [.. Options.Select(o => new AnswerOption(o.Value, o.Label, o.NormalizedSynonyms))];

    private IReadOnlyList<AnswerOption>? _declaredAnswers;

    /// <summary>Generated options: <c>communes</c> lists the commune registry.</summary>
    public string? OptionsFrom { get; init; }

    /// <summary>Menus only: append the items offered at run time (<see cref="IMenuItemSource"/>, e.g. open polls).</summary>
    public bool DynamicItems { get; init; }

    public FreeTextRule? FreeText { get; init; }

    /// <summary>Session variable the answer is saved in.</summary>
    public string? Save { get; init; }

    /// <summary>Next node id, or <c>@flow</c> to continue in another flow.</summary>
    public string? Next { get; init; }

    /// <summary>Invalid answers tolerated before a graceful exit.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>Text said before re-prompting after an invalid answer (else the flow-wide default).</summary>
    public LocalizedText? Invalid { get; init; }

    /// <summary>Skip the node when the contact already has this: <c>commune</c> or <c>language</c>.</summary>
    public string? SkipIf { get; init; }

    public string? Action { get; init; }
    public IReadOnlyDictionary<string, string> Args { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// End nodes only: a flow to go on with once this one ended (e.g. <c>then: profile</c> after a first vote), when that
    /// flow's <see cref="IFlowFollowUp"/> wants it now; said in the same reply as the end node's text.
    /// </summary>
    public string? Then { get; init; }
}

/// <param name="Value">What is saved when chosen (and a stable button id).</param>
/// <param name="Synonyms">Extra words (any language) that pick this option.</param>
public sealed record FlowOption(string Value, LocalizedText Label, string? Next, IReadOnlyList<string> Synonyms, int Line)
{
    /// <summary>The synonyms as answers are compared: normalised once, not on every answer.</summary>
    public IReadOnlySet<string> NormalizedSynonyms { get; } = Synonyms.Select(Text.TextNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);
}

/// <param name="Format">What the text must read as, beyond its length: null (any text) or one of <see cref="FreeTextFormats.Known"/>.</param>
public sealed record FreeTextRule(int Min, int Max, string? Format = null);
