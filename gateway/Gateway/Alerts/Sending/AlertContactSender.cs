using Gateway.Alerts.Storage;
using Gateway.Communes;
using Gateway.Conversations;
using Gateway.Text;
using Microsoft.Extensions.Options;
using Gateway.Conversations.Ports;
using Gateway.Outbound;
using System.Runtime.CompilerServices;

namespace Gateway.Alerts.Sending;

/// <summary>
/// Sends one alert to one contact, at most once: the (alert, contact) pair is claimed just before sending (after the
/// contact's read and the provider's paced wait, before its grant), so a redelivered batch or a second replica finds it taken. After the claim the contact is skipped (opted out,
/// unsubscribed, daily cap, unreachable, alert cancelled) or sent, retried with backoff, then counted failed; a send the
/// provider never answered is counted unconfirmed and not repeated (it may have gone out).
/// A replica dying between claim and send loses that one message rather than risking a double; a store failure between
/// them gives the claim back, so the batch's retry sends it.
/// </summary>
public sealed partial class AlertContactSender(
    IAlertStore store,
    IContactStore contacts,
    Outbound.OutboundRouter router,
    IAlertRateLimiter limiter,
    AlertCalendar calendar,
    CommuneRegistry communes,
    TimeProvider clock,
    IOptions<AlertsOptions> options,
    AlertSegments segments,
    ILogger<AlertContactSender> logger)
{
    private readonly AlertsOptions _options = options.Value;

    /// <summary>Returns false when the alert turned out cancelled (the caller stops the batch).</summary>
    public async Task<bool> SendAsync(AlertDefinition alert, string contactId, CancellationToken cancellationToken)
    {
        var contact = (await contacts.GetAsync(contactId, cancellationToken))?.State;
        var plan = Plan(alert, contact);
        var claimed = new StrongBox<bool>();
        var attempt = new StrongBox<bool>();
        try
        {
            var gate = await ClaimAsync(alert, contactId, plan, claimed, cancellationToken);
            if (gate == Gate.Taken) return true;
            if (gate == Gate.Cancelled)
            {
                if (claimed.Value) await SkipAsync(alert.Id, AlertRouting.SkipCancelled, cancellationToken);
                return false;
            }
            if (gate == Gate.Capped || plan.SkipReason is not null)
            {
                await SkipAsync(alert.Id, plan.SkipReason ?? AlertRouting.SkipDailyCap, cancellationToken);
                return true;
            }
            return await SendClaimedAsync(alert, contact, plan, attempt, cancellationToken);
        }
        catch (Exception ex) when (claimed.Value && !attempt.Value)
        {
            // Nothing reached the provider (the store failed in between, e.g. during a Redis failover): give the claim
            // back so that the batch's retry sends it. A claim kept here would lose the message (the redis-master drill).
            try { await store.ReleaseAsync(alert.Id, contactId, CancellationToken.None); }
            catch (Exception releaseError) { LogReleaseFailed(releaseError, alert.Id, ex.GetType().Name); }
            throw;
        }
    }

    /// <summary>What the claim decided: send, someone else has it, the alert was cancelled, or the contact's daily cap is reached.</summary>
    private enum Gate { Send, Taken, Cancelled, Capped }

    /// <summary>
    /// Claims the (alert, contact) pair in the provider's pace: after its long wait (a replica killed while its contacts wait
    /// holds no claim: the drill killing a replica during a broker outage lost 14 so) and before its grant, so that nothing
    /// but the send lies between the grant and the provider (the grant window's guard is 100 ms: a claim and a daily-cap
    /// round trip on a loaded Redis Cluster after it let 11 messages reach the provider in one second). A contact skipped
    /// is claimed at once, without pace.
    /// </summary>
    private async Task<Gate> ClaimAsync(AlertDefinition alert, string contactId, SendPlan plan, StrongBox<bool> claimed, CancellationToken cancellationToken)
    {
        var gate = Gate.Taken;
        async Task<bool> ClaimNowAsync(CancellationToken ct)
        {
            // Checked just before the grant: a cancel stops even messages queued behind the limiter.
            var cancelled = plan.Route is not null && await store.StatusAsync(alert.Id, ct) == AlertStatus.Cancelled;
            claimed.Value = await store.ClaimAsync(alert.Id, contactId, ct);
            if (cancelled) gate = Gate.Cancelled;
            else if (!claimed.Value) gate = Gate.Taken;
            else if (plan.Route is not null && _options.DailyCap > 0
                && !await store.TryTakeDailyAsync(contactId, calendar.Day(clock.GetUtcNow()), _options.DailyCap, ct)) gate = Gate.Capped;
            else gate = Gate.Send;
            return gate == Gate.Send;
        }
        if (plan.Route is null)
        {
            await ClaimNowAsync(cancellationToken);
            return gate;
        }
        return await limiter.WaitAsync(plan.Route.Provider, plan.Route.From ?? "default", plan.Cost, ClaimNowAsync, cancellationToken) ? Gate.Send : gate;
    }

    /// <summary>What one contact gets: a skip reason, or the route, the text in its language and its cost in segments.</summary>
    private sealed record SendPlan(string? SkipReason, OutboundRoute? Route, Reply? Reply, int Cost);

    private SendPlan Plan(AlertDefinition alert, ContactState? contact)
    {
        var (reason, route) = AlertRouting.Select(router, contact, alert.Commune, alert.Topic, alert.Channel, segments.For(alert.Segment, alert.SendAt));
        if (reason is not null || route is null) return new SendPlan(reason ?? AlertRouting.SkipNoChannel, null, null, 0);

        var language = AlertRouting.PickLanguage(alert.Texts, contact!.Language, communes.Find(alert.Commune)?.DefaultLanguage);
        var text = alert.Texts[language];
        var cost = route.Channel == ChannelKind.WhatsApp ? 1 : Math.Max(1, SmsSegments.Analyze(text).Segments);
        return new SendPlan(null, route, Reply.Written(text, language), cost);
    }

    /// <summary>Waits for the provider's pace; false when the alert was cancelled meanwhile (checked just before the grant,
    /// so a cancel stops even messages queued behind the limiter).</summary>
    private Task<bool> PaceAsync(AlertDefinition alert, SendPlan plan, CancellationToken cancellationToken) =>
        limiter.WaitAsync(plan.Route!.Provider, plan.Route.From ?? "default", plan.Cost,
            async ct => await store.StatusAsync(alert.Id, ct) != AlertStatus.Cancelled, cancellationToken);

    /// <param name="attempted">Set while a send may have reached the provider: then the claim stays, whatever happens.</param>
    private async Task<bool> SendClaimedAsync(AlertDefinition alert, ContactState? contact, SendPlan plan, StrongBox<bool> attempted, CancellationToken cancellationToken)
    {
        var route = plan.Route!;
        for (var attempt = 1; ; attempt++)
        {
            // The first attempt was granted with the claim; a retry waits its turn again.
            if (attempt > 1 && !await PaceAsync(alert, plan, cancellationToken))
            {
                await SkipAsync(alert.Id, AlertRouting.SkipCancelled, cancellationToken);
                return false;
            }

            SendOutcome outcome;
            attempted.Value = true;
            // From here the send runs to its end whatever happens to the batch (the broker's connection lost cancels the
            // consumer): a send cancelled half-way cannot say whether it left, and the claim kept would make the batch's
            // redelivery skip it (the rabbitmq-stop drill lost one so). The provider's attempt timeout bounds it, and its
            // retries stop when the host does.
            var unstoppable = CancellationToken.None;
            try
            {
                // Through the one outbound path: a provider's "unsubscribed" opts the contact out everywhere.
                outcome = await router.SendAsync(contact!, route, plan.Reply!, alert.Id, unstoppable);
            }
            catch (Exception ex)
            {
                LogSendError(ex, alert.Id, route.Provider, PhoneNumbers.Mask(contact!.Phone), attempt);
                outcome = new SendOutcome("failed", null, Error: ex.Message, Retryable: true);
            }

            if (outcome.Accepted)
            {
                if (outcome.ProviderMessageId is { Length: > 0 } messageId)
                    await store.MapMessageAsync(route.Provider, messageId, alert.Id, _options.MessageMappingTtl, unstoppable);
                // Reach by profile: counted under the contact's cell at send time, read suppressed (GET /api/alerts/{id}?by=).
                await store.CountAsync(alert.Id, [(AlertCounters.Sent, 1), (AlertCounters.SentIn(Profiles.ProfileCell.Of(contact!.Profile)), 1)], unstoppable);
                return true;
            }
            if (outcome.Unconfirmed)
            {
                // The provider may have taken it: not sent again, counted apart so the alert's page can say so.
                await store.CountAsync(alert.Id, [(AlertCounters.Unconfirmed, 1)], unstoppable);
                return true;
            }
            if (outcome.Status == "opted_out")
            {
                await SkipAsync(alert.Id, AlertRouting.SkipOptedOut, cancellationToken);
                return true;
            }
            if (!outcome.Retryable || attempt >= _options.SendAttempts)
            {
                LogSendFailed(alert.Id, route.Provider, PhoneNumbers.Mask(contact!.Phone), outcome.ErrorCode, attempt);
                await store.CountAsync(alert.Id, [(AlertCounters.Failed, 1), ("failed:" + (outcome.ErrorCode ?? "send"), 1)], cancellationToken);
                return true;
            }
            // A refusal is certain: nothing reached the citizen, so a batch stopped while it waits gives the claim back.
            attempted.Value = false;
            await Task.Delay(_options.RetryDelay * Math.Pow(2, attempt - 1), cancellationToken);
        }
    }

    private Task SkipAsync(string alertId, string reason, CancellationToken cancellationToken) =>
        store.CountAsync(alertId, [(AlertCounters.Skipped, 1), (AlertCounters.SkippedPrefix + reason, 1)], cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId}: a claim could not be given back after {Failure}; that contact is not sent this alert")]
    private partial void LogReleaseFailed(Exception ex, string alertId, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} via {Provider} to {Phone}: attempt {Attempt} threw")]
    private partial void LogSendError(Exception ex, string alertId, string provider, string phone, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} via {Provider} to {Phone} failed ({ErrorCode}) after {Attempts} attempt(s)")]
    private partial void LogSendFailed(string alertId, string provider, string phone, string? errorCode, int attempts);
}
