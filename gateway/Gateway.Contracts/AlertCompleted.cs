namespace Gateway.Contracts;

/// <summary>An alert finished (all sent, or cancelled) with its counts (v1).</summary>
public sealed record AlertCompleted(
    string AlertId,
    string Commune,
    string Status,
    long Targeted,
    long Sent,
    long Delivered,
    long Failed,
    long Skipped,
    DateTimeOffset CompletedAt)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;
}
