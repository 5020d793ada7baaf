using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Gateway.Webhooks;

/// <summary>
/// A subscriber that keeps failing is probed, not flooded. After <c>Webhooks:BreakAfter</c> failed attempts in a row to
/// one subscription, this replica pauses it: new deliveries are queued due at the pause's end, due ones are put back
/// to it, and when it ends one delivery goes as a probe. A probe that fails pauses it again for twice as long (from
/// <c>Webhooks:FirstRetry</c> up to <c>Webhooks:MaxPause</c>); one that succeeds ends the pause, and the waiting
/// deliveries flow again within one pause. Nothing is dropped, no attempt is counted for a delivery put back, and a
/// partner that is down costs a few Redis writes per pause instead of an HTTP call per event (issue 27: a failing
/// partner must not slow the webhooks the providers call). Per replica, in memory: each replica learns on its own
/// from its own attempts, and a restart starts closed.
/// </summary>
public sealed class WebhookBreaker(IOptions<WebhookOptions> options)
{
    private readonly WebhookOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    private sealed class State
    {
        public int Failures;
        public TimeSpan Pause;
        public DateTimeOffset? OpenUntil;
        public bool Probing;
    }

    /// <summary>When the subscription's pause ends, if it is paused at <paramref name="now"/>; null when its deliveries may go.</summary>
    public DateTimeOffset? PausedUntil(string subscriptionId, DateTimeOffset now)
    {
        if (!_states.TryGetValue(subscriptionId, out var state)) return null;
        lock (state)
        {
            if (state.OpenUntil is not { } until) return null;
            // Past the pause's end, one probe at a time: while it is out, the others wait as long as a failed probe would make them.
            if (now >= until) return state.Probing ? now + NextPause(state) : null;
            return until;
        }
    }

    /// <summary>
    /// Whether a delivery of this subscription may be attempted now: always while it is not paused; once its pause has
    /// ended, only by the one caller that takes the probe.
    /// </summary>
    public bool TryAttempt(string subscriptionId, DateTimeOffset now)
    {
        if (!_states.TryGetValue(subscriptionId, out var state)) return true;
        lock (state)
        {
            if (state.OpenUntil is not { } until) return true;
            if (now < until || state.Probing) return false;
            state.Probing = true;
            return true;
        }
    }

    /// <summary>A delivery got through (or the subscription was stopped): its subscriber is treated as healthy again.</summary>
    public void Reset(string subscriptionId) => _states.TryRemove(subscriptionId, out _);

    public void Failed(string subscriptionId, DateTimeOffset now)
    {
        var state = _states.GetOrAdd(subscriptionId, _ => new State());
        lock (state)
        {
            state.Failures++;
            if (state.Probing || (state.OpenUntil is null && state.Failures >= Math.Max(1, _options.BreakAfter)))
            {
                state.Pause = NextPause(state);
                state.OpenUntil = now + state.Pause;
                state.Probing = false;
            }
        }
    }

    // Never longer than one delivery's own longest backoff: a paused subscriber is probed at least as often as it would be retried.
    private TimeSpan NextPause(State state) =>
        Min(state.Pause == TimeSpan.Zero ? _options.FirstRetry : state.Pause * 2, Min(_options.MaxPause, _options.MaxBackoff));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
