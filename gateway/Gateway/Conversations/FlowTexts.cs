using System.Text;
using Gateway.Communes;
using Gateway.Conversations.Flows;
using Gateway.Text;

namespace Gateway.Conversations;

/// <summary>
/// Resolves a flow's texts and options for one contact (language fallback, placeholders, generated options), and says
/// them into a step (<see cref="Say"/>, <see cref="SaySystem"/>, <see cref="Ask"/>).
/// </summary>
public sealed class FlowTexts(FlowCatalog catalog, CommuneRegistry communes, IEnumerable<IMenuItemSource> menuItems, IEnumerable<IOptionSource> optionSources)
{
    private readonly Dictionary<string, IOptionSource> _optionSources = optionSources.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public FlowCatalog Catalog { get; } = catalog;
    public CommuneRegistry Communes { get; } = communes;

    /// <summary>The language chain for a contact: contact → commune default → flow default → French.</summary>
    public IReadOnlyList<string> Chain(ContactState contact, FlowDefinition? flow) =>
        Languages.Chain(contact.Language, Communes.Find(contact.Commune)?.DefaultLanguage, flow?.DefaultLanguage);

    public (string Text, string Language) Resolve(LocalizedText text, ContactState contact, FlowDefinition? flow)
    {
        var (raw, language) = text.Resolve(Chain(contact, flow));
        return (Interpolate(raw, contact, language), language);
    }

    public (string Text, string Language) System(string message, ContactState contact) =>
        Resolve(Catalog.System[message], contact, null);

    /// <summary>Says <paramref name="text"/> to the step's contact, in their language.</summary>
    public void Say(StepContext step, LocalizedText text, FlowDefinition? flow)
    {
        var (resolved, language) = Resolve(text, step.Contact, flow);
        step.Say(resolved, language);
    }

    /// <summary>Says a message of <c>_system.yaml</c>, its numeric placeholders (<c>{max}</c>) filled with <paramref name="values"/>.</summary>
    public void SaySystem(StepContext step, string message, params (string Name, int Value)[] values)
    {
        var (text, language) = System(message, step.Contact);
        foreach (var (name, value) in values) text = text.Replace("{" + name + "}", value.ToString(global::System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        step.Say(text, language);
    }

    /// <summary>Asks the question of <paramref name="node"/>: its text, with its options as the step's reply options.</summary>
    public void Ask(StepContext step, FlowDefinition flow, FlowNode node)
    {
        var (text, language) = Resolve(node.Text!, step.Contact, flow);
        step.Ask(text, language, ReplyOptions(node, step.Contact, flow));
    }

    /// <summary>Value of an option that starts another flow (dynamic menu items).</summary>
    public const string JumpPrefix = "@";

    /// <summary>
    /// The options of an ask/menu node: declared (with their synonyms), taken from a source (<c>options_from</c>: the
    /// communes with their configured keywords, or a feature's <see cref="IOptionSource"/>) and dynamic menu items.
    /// Declared options come first, in order.
    /// </summary>
    public IReadOnlyList<AnswerOption> Options(FlowNode node, ContactState contact)
    {
        if (node.OptionsFrom is { } from)
            return _optionSources.TryGetValue(from, out var source)
                ? source.OptionsFor(contact)
                : throw new InvalidOperationException($"Unknown options_from '{from}' passed validation.");
        if (!node.DynamicItems) return node.DeclaredAnswers;
        var options = node.DeclaredAnswers.ToList();
        foreach (var source in menuItems)
            options.AddRange(source.ItemsFor(contact).Select(i => new AnswerOption(JumpPrefix + i.FlowId, i.Label, AnswerOption.NoSynonyms)));
        return options;
    }

    public IReadOnlyList<ReplyOption> ReplyOptions(FlowNode node, ContactState contact, FlowDefinition flow)
    {
        var chain = Chain(contact, flow);
        return Options(node, contact).Select((o, i) => new ReplyOption((i + 1).ToString(global::System.Globalization.CultureInfo.InvariantCulture), o.Label.Resolve(chain).Text)).ToList();
    }

    /// <summary>Replaces {name} placeholders with session variables and contact facts.</summary>
    private string Interpolate(string text, ContactState contact, string language)
    {
        if (!text.Contains('{')) return text;
        var result = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            var close = open < 0 ? -1 : text.IndexOf('}', open);
            if (open < 0 || close < 0) { result.Append(text, i, text.Length - i); break; }
            result.Append(text, i, open - i);
            var name = text[(open + 1)..close];
            var value = Placeholder(name, contact, language);
            if (value is not null && language == Languages.French) Text.FrenchElision.Apply(result, value);
            result.Append(value ?? text[open..(close + 1)]);
            i = close + 1;
        }
        return result.ToString();
    }

    private string? Placeholder(string name, ContactState contact, string language) => name switch
    {
        "commune" => Communes.Find(contact.Commune)?.Name.Resolve([language]).Text ?? "",
        _ => contact.Session?.Vars.GetValueOrDefault(name),
    };
}
