namespace Gateway.Conversations;

/// <summary>
/// How a feature takes part in the <see cref="Dialog"/>'s routing, at two points. Each returns true when it said something
/// and the step is done; it may read stores, and anything it writes must be idempotent (the step may be decided again).
/// To start or resume flows it uses the <see cref="FlowRunner"/> and the <see cref="LanguageDetour"/>.
/// </summary>
public interface IDialogExtension
{
    /// <summary>
    /// Before flow keywords and answers to the question in progress, after the global commands (the feedback desk's
    /// follow-up by reference).
    /// </summary>
    Task<bool> TryHandleAsync(StepContext step, string normalized) => Task.FromResult(false);

    /// <summary>
    /// A message nothing else took: no command, keyword or question in progress (the desk keeps a first message that reads
    /// like a report). Called before the language question or the menu, after any "your conversation expired" notice.
    /// </summary>
    Task<bool> TryTakeUnclaimedAsync(StepContext step, string raw, string normalized, bool isNewContact) => Task.FromResult(false);
}
