namespace Gateway.Contracts;

/// <summary>Command: broadcast an alert to a commune's subscribers of a topic (v1).</summary>
/// <param name="Texts">Text per language (fr, ar, zgh, zgh-Latn); missing languages fall back.</param>
/// <param name="Topic">Audience topic, e.g. <c>meetings</c>.</param>
/// <param name="SendAt">When to start; null = now (quiet hours still apply).</param>
/// <param name="RequestId">Caller's id for idempotency: the same id never creates two alerts.</param>
public sealed record BroadcastAlert(
    string RequestId,
    string Commune,
    IReadOnlyDictionary<string, string> Texts,
    string Topic,
    DateTimeOffset? SendAt,
    string? Channel)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;
}
