using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Gateway.Webhooks;

/// <summary>
/// One attempt of one delivery: POST the body, signed as Standard Webhooks says (<c>webhook-id</c>,
/// <c>webhook-timestamp</c>, <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of id.timestamp.body&gt;</c>, by the
/// StandardWebhooks package). A 2xx answer delivers it; anything else (another status, a redirect, a refused or slow
/// connection, an address the guard refuses) is a failure the dispatcher retries.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public const string HttpClientName = "webhooks";

    /// <summary>The named client's handler: no proxy and no redirects (either would take a request past the guard), every connection checked.</summary>
    public static SocketsHttpHandler Handler(WebhookUrlGuard guard) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(guard.Allows).ToArray();
            if (allowed.Length == 0) throw new RefusedAddressException(host);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public async Task<AttemptResult> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow();
        var signature = Signer(subscription.Secret).Sign(delivery.Id, timestamp, delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        request.Headers.UserAgent.ParseAdd("Gateway-Webhooks/1");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300 ? new AttemptResult(true, status, null) : new AttemptResult(false, status, $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(false, null, $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e) when (e.InnerException is RefusedAddressException refused)
        {
            return new AttemptResult(false, null, refused.Message);
        }
        catch (HttpRequestException e)
        {
            return new AttemptResult(false, null, e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "The subscriber's name did not resolve.",
                HttpRequestError.ConnectionError => "The subscriber refused the connection or could not be reached.",
                HttpRequestError.SecureConnectionError => "The TLS handshake with the subscriber failed.",
                _ => "The request failed: " + e.HttpRequestError,
            });
        }
    }

    /// <summary>The package's signer for a <c>whsec_</c> secret (the key is the base64 after the prefix).</summary>
    public static StandardWebhook Signer(string secret) => new(Convert.FromBase64String(secret[WebhookSecrets.Prefix.Length..]));

    private sealed class RefusedAddressException(string host)
        : IOException($"'{host}' resolves only to loopback or private addresses: refused (Webhooks:AllowPrivateNetworks is off).");
}

/// <param name="Status">The subscriber's HTTP status, when it answered.</param>
/// <param name="Error">What went wrong, when it did.</param>
public sealed record AttemptResult(bool Delivered, int? Status, string? Error);

/// <summary>Subscription secrets: <c>whsec_</c> + base64 of 32 random bytes, as Standard Webhooks libraries expect.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string Create() => Prefix + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
