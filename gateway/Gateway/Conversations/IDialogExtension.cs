namespace Gateway.Conversations;

/// <summary>
/// A message a feature answers before flow keywords and answers to the question in progress, after the global commands
/// (the feedback desk's follow-up by reference). <see cref="TryHandleAsync"/> returns true when it said something and the
/// step is done; it may read stores, and anything it writes must be idempotent (the step may be decided again).
/// </summary>
public interface IDialogExtension
{
    Task<bool> TryHandleAsync(StepContext step, string normalized);
}
