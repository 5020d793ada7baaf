namespace Gateway.Contracts;

/// <summary>A vote was counted (v1). <paramref name="Replaced"/> is true when it replaced the contact's earlier vote.</summary>
/// <param name="PollId">Poll id.</param>
/// <param name="Option">1-based option number chosen.</param>
/// <param name="PreviousOption">The option it replaced, when <paramref name="Replaced"/>.</param>
public sealed record PollVoteRecorded(
    string PollId,
    int Option,
    string Commune,
    string Channel,
    string Language,
    string ContactId,
    bool Replaced,
    int? PreviousOption,
    DateTimeOffset RecordedAt)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>
    /// True when the message came through the gateway's simulator (provider <c>simulator</c>), not from a citizen's phone:
    /// consumers keep such traffic apart from real figures. Added in v1 as an optional property (absent reads as false).
    /// </summary>
    public bool Simulated { get; init; }
}
