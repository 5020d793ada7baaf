namespace Gateway.Contracts;

/// <summary>Command: tell a citizen what became of their feedback, in their language (v1).</summary>
/// <param name="Status">received, in_progress, resolved or rejected.</param>
/// <param name="Note">Optional short note per language from the commune.</param>
public sealed record NotifyFeedbackStatus(
    string RequestId,
    string ContactId,
    string Reference,
    string Status,
    IReadOnlyDictionary<string, string>? Note)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;
}
