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

/// <summary>
/// One USSD session's paging and retry state (JSON-friendly: plain properties only). Settable rather than init-only, like
/// <see cref="Conversations.ContactState"/>: it is read on every hop, and init-only members send System.Text.Json down its
/// slower parameterized-constructor path. The handler still derives new states with <c>with</c>.
/// </summary>
public sealed record UssdSessionState
{
    /// <summary>The current content split into page bodies; empty once the session ended.</summary>
    public IReadOnlyList<string> Pages { get; set; } = [];

    public int Page { get; set; }

    /// <summary>Language of the content, for the paging labels.</summary>
    public string? Language { get; set; }

    /// <summary>The engine closed the conversation: the last page is an END screen.</summary>
    public bool Closing { get; set; }

    /// <summary>The session showed its END screen.</summary>
    public bool Ended { get; set; }

    /// <summary>The dialled code, remembered for aggregators that send it only on the first hop.</summary>
    public string ServiceCode { get; set; } = "";

    public int LastHop { get; set; }
    public string LastInput { get; set; } = "";
    public string LastScreenText { get; set; } = "";
    public bool LastScreenContinue { get; set; }
    public DateTimeOffset LastAt { get; set; }
    public DateTimeOffset StartedAt { get; set; }
}
