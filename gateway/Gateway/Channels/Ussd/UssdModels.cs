namespace Gateway.Channels.Ussd;

/// <summary>
/// One USSD hop, normalised from whatever the aggregator sent.
/// </summary>
/// <param name="SessionId">The aggregator's session id; the conversation never outlives it.</param>
/// <param name="Phone">The citizen's number in E.164.</param>
/// <param name="ServiceCode">The dialled code (e.g. <c>*123*4#</c>); the engine maps it to a commune.</param>
/// <param name="NetworkCode">Operator code when the aggregator sends one.</param>
/// <param name="LatestInput">What the citizen typed on this hop; null or empty on the first hop.</param>
/// <param name="IsNewSession">True on the hop that opens the session.</param>
/// <param name="HopIndex">
/// The hop number when the aggregator lets us compute it (Africa's Talking: the number of inputs so far);
/// null when it sends only the latest input (Arkesel), in which case <see cref="UssdSessionHandler"/> counts.
/// </param>
public sealed record UssdHop(
    string SessionId,
    string Phone,
    string ServiceCode,
    string? NetworkCode,
    string? LatestInput,
    bool IsNewSession,
    int? HopIndex);

/// <summary>What the handset shows: <paramref name="Continue"/> true keeps the session open (CON), false closes it (END).</summary>
public sealed record UssdScreen(string Text, bool Continue)
{
    /// <summary>
    /// Whether this hop committed a conversation step; false for a retry shown its screen again, a page turn, and a hop
    /// the engine had already handled. The webhook's timing is labelled with the USSD channel only when true.
    /// </summary>
    public bool StepCommitted { get; init; }
}
