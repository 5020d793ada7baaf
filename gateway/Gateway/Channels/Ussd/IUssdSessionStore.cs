namespace Gateway.Channels.Ussd;

/// <summary>
/// Where the gateway keeps what a USSD session needs between hops besides the conversation itself:
/// the rendered pages, the page shown, and the last hop (to answer provider retries identically).
/// Kept tiny so a Redis implementation is a GET/SET EX/DEL of one JSON document.
/// </summary>
public interface IUssdSessionStore
{
    Task<UssdSessionState?> GetAsync(string sessionId, CancellationToken cancellationToken);

    Task SetAsync(string sessionId, UssdSessionState state, TimeSpan ttl, CancellationToken cancellationToken);

    Task RemoveAsync(string sessionId, CancellationToken cancellationToken);
}

/// <summary>One USSD session's paging and retry state (JSON-friendly: plain properties only).</summary>
public sealed record UssdSessionState
{
    /// <summary>The current content split into page bodies; empty once the session ended.</summary>
    public IReadOnlyList<string> Pages { get; init; } = [];

    public int Page { get; init; }

    /// <summary>Language of the content, for the paging labels.</summary>
    public string? Language { get; init; }

    /// <summary>The engine closed the conversation: the last page is an END screen.</summary>
    public bool Closing { get; init; }

    /// <summary>The session showed its END screen.</summary>
    public bool Ended { get; init; }

    /// <summary>The dialled code, remembered for aggregators that send it only on the first hop.</summary>
    public string ServiceCode { get; init; } = "";

    public int LastHop { get; init; }
    public string LastInput { get; init; } = "";
    public string LastScreenText { get; init; } = "";
    public bool LastScreenContinue { get; init; }
    public DateTimeOffset LastAt { get; init; }
    public DateTimeOffset StartedAt { get; init; }
}
