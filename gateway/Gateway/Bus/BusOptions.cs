using System.ComponentModel.DataAnnotations;

namespace Gateway.Bus;

/// <summary>How the gateway's own RabbitMQ queues are declared and consumed, bound from the <c>Bus</c> section (all optional).</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    /// <summary>
    /// <c>quorum</c> (default: replicated on a RabbitMQ cluster, survives a node's loss) or <c>classic</c> (<c>Bus:QueueType</c>).
    /// RabbitMQ refuses to declare an existing queue with another type (PRECONDITION_FAILED): see the README's bus section.
    /// </summary>
    [RegularExpression("(?i)^\\s*(quorum|classic)\\s*$", ErrorMessage = "{0} must be quorum or classic.")]
    public string QueueType { get; set; } = "quorum";

    /// <summary>Messages the broker hands each receive endpoint ahead of its acknowledgements (<c>Bus:PrefetchCount</c>).</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>
    /// Messages each receive endpoint consumes at once (<c>Bus:ConcurrentMessageLimit</c>); unset = the prefetch count.
    /// An endpoint with its own limit keeps it (alert batches: <c>Alerts:BatchConcurrency</c>).
    /// </summary>
    [Range(1, 10_000)]
    public int? ConcurrentMessageLimit { get; set; }

    /// <summary>True for quorum queues; a clear error for a value that is neither.</summary>
    public bool Quorum => QueueType.Trim().ToLowerInvariant() switch
    {
        "quorum" => true,
        "classic" => false,
        _ => throw new InvalidOperationException($"Bus:QueueType is '{QueueType}': it must be quorum or classic."),
    };
}
