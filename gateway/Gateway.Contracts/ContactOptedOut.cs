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

    /// <summary>
    /// True when the opt-out was sent through the gateway's simulator by a phone only the simulator ever used (a tester's),
    /// not by a citizen: consumers keep it apart from real figures. The simulator never changes a real contact's consent, so
    /// it causes no event for one. Added in v1 as an optional property (absent reads as false).
    /// </summary>
    public bool Simulated { get; init; }
}
