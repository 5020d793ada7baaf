namespace Gateway.Conversations.Ports;

/// <summary>
/// The state store cannot be reached (Redis down, timing out, or still loading its data). Nothing was written
/// that the caller can observe, so the HTTP layer answers 503 and the provider retries the webhook later.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
