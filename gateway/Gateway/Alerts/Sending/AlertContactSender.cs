using Gateway.Alerts.Storage;
using Gateway.Communes;
using Gateway.Conversations;
using Gateway.Text;
using Microsoft.Extensions.Options;
using Gateway.Conversations.Ports;
using Gateway.Outbound;

namespace Gateway.Alerts.Sending;

/// <summary>
/// Sends one alert to one contact, at most once: the (alert, contact) pair is claimed before anything else, so a
/// redelivered batch or a second replica finds it taken. After the claim the contact is skipped (opted out,
/// unsubscribed, daily cap, unreachable, alert cancelled) or sent, retried with backoff, then counted failed.
/// A replica dying between claim and send loses that one message rather than risking a double.
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
        if (!await store.ClaimAsync(alert.Id, contactId, cancellationToken)) return true;

        var contact = (await contacts.GetAsync(contactId, cancellationToken))?.State;
        var (reason, route) = AlertRouting.Select(router, contact, alert.Commune, alert.Topic, alert.Channel, segments.For(alert.Segment, alert.SendAt));
        if (reason is null && _options.DailyCap > 0
            && !await store.TryTakeDailyAsync(contactId, calendar.Day(clock.GetUtcNow()), _options.DailyCap, cancellationToken))
            reason = AlertRouting.SkipDailyCap;
        if (reason is not null)
        {
            await SkipAsync(alert.Id, reason, cancellationToken);
            return true;
        }

        var language = AlertRouting.PickLanguage(alert.Texts, contact!.Language, communes.Find(alert.Commune)?.DefaultLanguage);
        var text = alert.Texts[language];
        var cost = route!.Channel == ChannelKind.WhatsApp ? 1 : Math.Max(1, SmsSegments.Analyze(text).Segments);
        var reply = Reply.Written(text, language);

        for (var attempt = 1; ; attempt++)
        {
            // Checked after the paced wait, just before the grant: a cancel stops even messages queued behind the limiter.
            if (!await limiter.WaitAsync(route.Provider, route.From ?? "default", cost,
                    async ct => await store.StatusAsync(alert.Id, ct) != AlertStatus.Cancelled, cancellationToken))
            {
                await SkipAsync(alert.Id, AlertRouting.SkipCancelled, cancellationToken);
                return false;
            }

            SendOutcome outcome;
            try
            {
                // Through the one outbound path: a provider's "unsubscribed" opts the contact out everywhere.
                outcome = await router.SendAsync(contact, route, reply, alert.Id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogSendError(ex, alert.Id, route.Provider, PhoneNumbers.Mask(contact.Phone), attempt);
                outcome = new SendOutcome("failed", null, Error: ex.Message, Retryable: true);
            }

            if (outcome.Accepted)
            {
                if (outcome.ProviderMessageId is { Length: > 0 } messageId)
                    await store.MapMessageAsync(route.Provider, messageId, alert.Id, _options.MessageMappingTtl, cancellationToken);
                // Reach by profile: counted under the contact's cell at send time, read suppressed (GET /api/alerts/{id}?by=).
                await store.CountAsync(alert.Id, [(AlertCounters.Sent, 1), (AlertCounters.SentIn(Profiles.ProfileCell.Of(contact.Profile)), 1)], cancellationToken);
                return true;
            }
            if (outcome.Status == "opted_out")
            {
                await SkipAsync(alert.Id, AlertRouting.SkipOptedOut, cancellationToken);
                return true;
            }
            if (!outcome.Retryable || attempt >= _options.SendAttempts)
            {
                LogSendFailed(alert.Id, route.Provider, PhoneNumbers.Mask(contact.Phone), outcome.ErrorCode, attempt);
                await store.CountAsync(alert.Id, [(AlertCounters.Failed, 1), ("failed:" + (outcome.ErrorCode ?? "send"), 1)], cancellationToken);
                return true;
            }
            await Task.Delay(_options.RetryDelay * Math.Pow(2, attempt - 1), cancellationToken);
        }
    }

    private Task SkipAsync(string alertId, string reason, CancellationToken cancellationToken) =>
        store.CountAsync(alertId, [(AlertCounters.Skipped, 1), (AlertCounters.SkippedPrefix + reason, 1)], cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} via {Provider} to {Phone}: attempt {Attempt} threw")]
    private partial void LogSendError(Exception ex, string alertId, string provider, string phone, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} via {Provider} to {Phone} failed ({ErrorCode}) after {Attempts} attempt(s)")]
    private partial void LogSendFailed(string alertId, string provider, string phone, string? errorCode, int attempts);
}
