namespace Gateway.Webhooks;

/// <summary>
/// One event for one subscription: its signed body (fixed at creation, so every attempt and a replay send the same
/// bytes under the same <c>webhook-id</c>) and how its attempts went.
/// </summary>
/// <param name="Id">The <c>webhook-id</c>: the same for every attempt, so the partner can drop a repeat.</param>
/// <param name="Body">The JSON sent: <c>{"type", "timestamp", "data"}</c>.</param>
/// <remarks>Stored as JSON: fields are only ever added, with a default right for the records written before them.</remarks>
public sealed record WebhookDelivery(
    string Id,
    string SubscriptionId,
    string EventType,
    string Body,
    DateTimeOffset CreatedAt)
{
    public DeliveryState State { get; init; } = DeliveryState.Pending;

    public int Attempts { get; init; }

    public DateTimeOffset NextAttemptAt { get; init; } = CreatedAt;

    /// <summary>When it was queued last (created, or replayed): <c>Webhooks:GiveUpAfter</c> counts from here.</summary>
    public DateTimeOffset QueuedAt { get; init; } = CreatedAt;

    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>The subscriber's HTTP status at the last attempt; null when it gave none (refused, timed out).</summary>
    public int? LastStatus { get; init; }

    /// <summary>What went wrong at the last attempt, in a short sentence (never the answer's body).</summary>
    public string? LastError { get; init; }
}

public enum DeliveryState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>The subscriber answered 2xx.</summary>
    Delivered,

    /// <summary>Given up (its subscription was stopped); a replay sends it again.</summary>
    Failed,
}
