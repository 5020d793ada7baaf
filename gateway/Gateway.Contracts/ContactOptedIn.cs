namespace Gateway.Contracts;

/// <summary>A contact opted back in (START) or subscribed to a topic (v1).</summary>
/// <param name="Topic">Null for a global opt-in; a topic such as <c>meetings</c> for a subscription.</param>
public sealed record ContactOptedIn(
    string ContactId,
    string? Commune,
    string? Topic,
    string Language,
    DateTimeOffset At)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>
    /// True when the opt-in or subscription was sent through the gateway's simulator by a phone only the simulator ever used (a tester's),
    /// not by a citizen: consumers keep it apart from real figures. The simulator never changes a real contact's consent, so
    /// it causes no event for one. Added in v1 as an optional property (absent reads as false).
    /// </summary>
    public bool Simulated { get; init; }
}
