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
}
