namespace Gateway.Contracts;

/// <summary>A contact opted out of everything (STOP in any language, or a provider's unsubscribe signal) (v1).</summary>
/// <param name="Source">Why: <c>keyword</c>, <c>provider</c> (e.g. Twilio 21610) or <c>flow</c> (unsubscribe in a flow).</param>
/// <param name="Topic">Null for a global opt-out; a topic such as <c>meetings</c> when only that subscription ended.</param>
public sealed record ContactOptedOut(
    string ContactId,
    string? Commune,
    string? Topic,
    string Source,
    DateTimeOffset At)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;
}
