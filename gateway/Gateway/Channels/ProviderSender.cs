using Gateway.Outbound;
using Gateway.Outbound.Status;
using Gateway.Text;
using Microsoft.Extensions.Options;

namespace Gateway.Channels;

/// <summary>The HTTP call a provider builds for one message, or the outcome when it is not sent at all.</summary>
/// <param name="OwnId">The gateway's own id for the message, for providers whose answer carries none (Kannel's dlr-url).</param>
public sealed record ProviderCall(HttpRequestMessage? Request, string? OwnId, SendOutcome? NotSent)
{
    public static ProviderCall Send(HttpRequestMessage request, string? ownId = null) => new(request, ownId, null);

    /// <summary>Not sent (not configured, no sender, window closed without a template): a failure that retrying cannot mend.</summary>
    public static ProviderCall Fail(string? errorCode, string error) => new(null, null, new SendOutcome("failed", null, errorCode, error));
}

/// <summary>What a provider read in its answer to one send.</summary>
/// <param name="MessageId">The provider's id for the message, when its answer has one.</param>
/// <param name="Status">The provider's first status, recorded with the message id; null when the provider reports statuses by our own reference.</param>
/// <param name="OptedOut">The provider refuses because the recipient unsubscribed (the caller opts the contact out).</param>
public sealed record ProviderAnswer(bool Accepted, string? MessageId, string? Status, string? ErrorCode, string? Error, bool OptedOut)
{
    public static ProviderAnswer Taken(string? messageId, string? status) => new(true, messageId, status, null, null, false);

    public static ProviderAnswer Refused(string errorCode, string? error, bool optedOut = false) => new(false, null, null, errorCode, error, optedOut);
}

/// <summary>
/// A provider's REST sending, the same for every provider: the provider builds the request (<see cref="Build"/>) and reads
/// the answer (<see cref="Read"/>); this class sends it through the named HttpClient whose resilience handler retries
/// (429, 5xx, no connection: <see cref="ProviderResilience.AddProviderRetry"/>), maps the answer to a <see cref="SendOutcome"/>,
/// records <c>(provider, message id) → Reference</c> in <see cref="IMessageStatusStore"/> so a later status callback names
/// the sender's reference, and logs without phone numbers in clear.
/// </summary>
public abstract class ProviderSender<TOptions>(
    IHttpClientFactory clients,
    IOptionsMonitor<TOptions> options,
    IMessageStatusStore statuses,
    ILogger logger) : IMessageSender
{
    public abstract string Provider { get; }

    /// <summary>The HttpClient registered with the provider's retries.</summary>
    protected abstract string ClientName { get; }

    /// <summary>The error code of a send that never got an answer, even after the retries.</summary>
    protected virtual string? UnreachableCode => null;

    /// <summary>The HTTP request for one message, or why it is not sent.</summary>
    protected abstract ProviderCall Build(OutboundMessage message, TOptions settings);

    /// <summary>The provider's answer: taken (with its id) or refused (with its error code and text).</summary>
    protected abstract ProviderAnswer Read(HttpResponseMessage response, string body);

    public async Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var call = Build(message, options.CurrentValue);
        if (call.NotSent is { } notSent) return notSent;

        using var request = call.Request!;
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TimeoutException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            if (ProviderResilience.NeverLeft(ex))
            {
                logger.LogWarning(ex, "{Provider} send to {To} failed after retries", Provider, PhoneNumbers.Mask(message.To));
                return new SendOutcome("failed", call.OwnId, UnreachableCode, ex.Message, Retryable: true);
            }
            // The request left and no answer came back: the provider may have taken it. Not sent again (see NeverLeft).
            logger.LogWarning(ex, "{Provider} did not answer a send to {To}: unconfirmed, not sent again", Provider, PhoneNumbers.Mask(message.To));
            return SendOutcome.NoAnswer(call.OwnId, UnreachableCode);
        }

        using (response)
        {
            var answer = Read(response, await response.Content.ReadAsStringAsync(cancellationToken));
            if (answer.Accepted)
            {
                if (answer.MessageId is not null && answer.Status is not null)
                    await statuses.RecordSentAsync(Provider, answer.MessageId, answer.Status, message.Reference, cancellationToken);
                var id = answer.MessageId ?? call.OwnId;
                logger.LogInformation("{Provider} accepted {MessageId} for {To}", Provider, id, PhoneNumbers.Mask(message.To));
                return SendOutcome.Ok(id);
            }

            logger.LogWarning("{Provider} refused a message to {To}: HTTP {Status}, code {Code}: {Message}",
                Provider, PhoneNumbers.Mask(message.To), (int)response.StatusCode, answer.ErrorCode, Observability.RequestLogPrivacy.RedactNumbers(answer.Error));
            if (answer.OptedOut) return new SendOutcome("opted_out", null, answer.ErrorCode, answer.Error);
            // The resilience handler already retried these; a later attempt (another alert batch) may still succeed.
            var retryable = (int)response.StatusCode == 429 || (int)response.StatusCode >= 500;
            return new SendOutcome("failed", call.OwnId, answer.ErrorCode, answer.Error, retryable);
        }
    }
}
