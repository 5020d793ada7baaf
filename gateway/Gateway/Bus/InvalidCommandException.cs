namespace Gateway.Bus;

/// <summary>
/// A bus command the gateway cannot carry out as written (no valid number, no text, an unknown status). Thrown by a
/// command consumer instead of logging and returning, so the command is never dropped silently: MassTransit moves it to
/// its queue's <c>_error</c> queue and publishes <c>Fault&lt;T&gt;</c> with this message as the reason, for the sender
/// to see. Retrying cannot make it valid, so the retry policies ignore it (<see cref="Outbound.CommandRetry"/>).
/// </summary>
public sealed class InvalidCommandException(string commandType, string requestId, string reason)
    : Exception($"{commandType} {requestId} cannot be carried out: {reason}")
{
    public string Reason { get; } = reason;
}
