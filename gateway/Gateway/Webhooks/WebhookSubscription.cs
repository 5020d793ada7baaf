namespace Gateway.Webhooks;

/// <summary>
/// A partner's URL subscribed to some events of one commune (or of every commune: <see cref="Commune"/> null, programme
/// only). The secret signs every delivery (Standard Webhooks, <c>whsec_</c> + base64); it is shown once, at creation,
/// and never listed, but the gateway keeps it: an HMAC needs the key itself.
/// </summary>
/// <remarks>Stored as JSON: fields are only ever added, with a default right for the records written before them.</remarks>
public sealed record WebhookSubscription(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Commune,
    string Secret,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    public WebhookState State { get; init; } = WebhookState.Active;

    /// <summary>When deliveries were stopped (after a long failure) or the subscription deleted.</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>Why deliveries stopped, in a sentence for the console and the API.</summary>
    public string? StopReason { get; init; }

    public bool Wants(string eventType) => State == WebhookState.Active && Events.Contains(eventType, StringComparer.Ordinal);
}

public enum WebhookState
{
    /// <summary>Receives its events.</summary>
    Active,

    /// <summary>Stopped after a long failure: receives nothing until re-enabled.</summary>
    Stopped,

    /// <summary>Deleted by its owner: kept only so that a repeated DELETE answers the same and its deliveries read.</summary>
    Deleted,
}
