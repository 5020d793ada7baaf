namespace Gateway.Conversations.Flows;

/// <summary>
/// Options an ask or menu node takes from data instead of declaring them (<c>options_from: &lt;Name&gt;</c>), e.g. the
/// communes. A feature adds a source by registering one; the flow files are checked against the registered names at
/// start-up (<see cref="FlowVocabulary"/>).
/// </summary>
public interface IOptionSource
{
    /// <summary>The name flow files use in <c>options_from</c>.</summary>
    string Name { get; }

    /// <summary>The options offered to this contact, in order (the value is saved, the label shown).</summary>
    IReadOnlyList<AnswerOption> OptionsFor(ContactState contact);
}
