using Gateway.Conversations;

namespace Gateway.Channels.Ussd;

/// <summary>
/// Provider-independent USSD session logic: retries, paging, and one engine step per real answer.
/// </summary>
/// <remarks>
/// Retry rule. When the aggregator gives a hop index (Africa's Talking: the number of inputs in <c>text</c>),
/// a hop whose index is not past the last one handled is a retry and gets the stored screen again.
/// When it does not (Arkesel), a hop is a retry if it repeats the last input within <see cref="RetryWindow"/>
/// of the last hop and is at the same position (a new-session hop while only the first screen was shown, or a
/// continuing hop after it): a person cannot read a screen and answer the same thing again in two seconds,
/// an aggregator retrying a timed-out request can. Either way the engine also de-duplicates on
/// <c>ProviderMessageId = sessionId:hopIndex</c>.
/// </remarks>
public sealed class UssdSessionHandler(
    IConversationEngine engine,
    IUssdSessionStore store,
    TimeProvider clock,
    ILogger<UssdSessionHandler> logger)
{
    /// <summary>Operator USSD sessions last about 3 minutes (docs/protocols.md §5).</summary>
    public static readonly TimeSpan SessionTtl = TimeSpan.FromSeconds(180);

    public static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(2);

    public async Task<UssdScreen> HandleAsync(string provider, UssdHop hop, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Cleaned here too, not only by the engine: the input is kept in the session to recognise a retry.
        var input = Text.InboundText.Clean(hop.LatestInput).Trim();
        var state = await store.GetAsync(hop.SessionId, cancellationToken);

        if (state is not null && IsRetry(hop, input, state, now))
        {
            logger.LogInformation("USSD retry of hop {Hop} in session {SessionId}, answered from the stored screen", state.LastHop, hop.SessionId);
            return new UssdScreen(state.LastScreenText, state.LastScreenContinue);
        }

        var fresh = hop.IsNewSession || state is null;
        var hopIndex = hop.HopIndex ?? (fresh ? 0 : state!.LastHop + 1);
        var serviceCode = hop.ServiceCode.Length > 0 ? hop.ServiceCode : state?.ServiceCode ?? "";
        var current = fresh ? null : state;

        // "99" and "0" move between pages of what the engine already said: the engine never sees them.
        if (current is { Ended: false } && input == UssdPaging.NextKey && current.Page < current.Pages.Count - 1)
            return await ShowAsync(hop.SessionId, current with { Page = current.Page + 1 }, hopIndex, input, now, stepCommitted: false, cancellationToken);
        if (current is { Ended: false } && input == UssdPaging.BackKey && current.Page > 0)
            return await ShowAsync(hop.SessionId, current with { Page = current.Page - 1 }, hopIndex, input, now, stepCommitted: false, cancellationToken);

        var result = await engine.HandleAsync(
            new InboundMessage(ChannelKind.Ussd, provider, hop.Phone, serviceCode, input, null,
                ProviderMessageId: $"{hop.SessionId}:{hopIndex}", SessionKey: hop.SessionId),
            cancellationToken);

        var language = result.Replies.Count > 0 ? result.Replies[^1].Language : current?.Language;
        var next = new UssdSessionState
        {
            Pages = UssdPaging.Pages(result.Replies, language),
            Page = 0,
            Language = language,
            Closing = !result.ConversationOpen,
            ServiceCode = serviceCode,
            StartedAt = current?.StartedAt ?? now,
        };
        return await ShowAsync(hop.SessionId, next, hopIndex, input, now, stepCommitted: !result.Duplicate, cancellationToken);
    }

    private static bool IsRetry(UssdHop hop, string input, UssdSessionState state, DateTimeOffset now)
    {
        if (hop.HopIndex is int index) return index <= state.LastHop;
        var samePosition = hop.IsNewSession == (state.LastHop == 0);
        return samePosition && input == state.LastInput && now - state.LastAt <= RetryWindow;
    }

    private async Task<UssdScreen> ShowAsync(
        string sessionId, UssdSessionState state, int hopIndex, string input, DateTimeOffset now, bool stepCommitted, CancellationToken cancellationToken)
    {
        var last = state.Page == state.Pages.Count - 1;
        var closing = state.Closing && last;
        var screen = new UssdScreen(UssdPaging.Compose(state.Pages, state.Page, state.Language, closing), !closing) { StepCommitted = stepCommitted };

        // An ended session keeps only its last screen, so a retry of the END hop is answered the same.
        var saved = state with
        {
            Pages = closing ? [] : state.Pages,
            Ended = closing,
            LastHop = hopIndex,
            LastInput = input,
            LastScreenText = screen.Text,
            LastScreenContinue = screen.Continue,
            LastAt = now,
        };
        await store.SetAsync(sessionId, saved, SessionTtl, cancellationToken);
        return screen;
    }
}
