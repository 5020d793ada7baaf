namespace Gateway.Contracts;

/// <summary>All personal data of a contact was erased (law 09-08 erasure right). Consumers should erase what they hold under this id (v1).</summary>
public sealed record ContactErased(string ContactId, DateTimeOffset At)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;
}
