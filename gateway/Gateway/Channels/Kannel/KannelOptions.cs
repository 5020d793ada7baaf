using System.ComponentModel.DataAnnotations;
using Gateway.Settings;

namespace Gateway.Channels.Kannel;

/// <summary>How replies to an MO go back: in the HTTP answer to smsbox (Inline), or through sendsms (Async).</summary>
public enum KannelReplyMode { Inline, Async }

/// <summary>Kannel (operator SMPP links through bearerbox/smsbox), bound from the <c>Kannel</c> section.</summary>
public sealed class KannelOptions
{
    public const string Section = "Kannel";

    /// <summary>smsbox's sendsms URL, e.g. <c>http://127.0.0.1:13013/cgi-bin/sendsms</c>.</summary>
    [HttpUrl]
    public string? SendSmsUrl { get; set; }

    /// <summary>A <c>sendsms-user</c> of kannel.conf.</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>
    /// Shared secret smsbox must send on every call (<c>?secret=</c> in the get-url, or an <c>X-Gateway-Secret</c>
    /// header); without it the channel answers 503, since an open MO endpoint would let anyone speak for any number.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Where Kannel reports deliveries; defaults to <c>Gateway:PublicBaseUrl</c> + <c>/webhooks/kannel/dlr</c>.</summary>
    [HttpUrl]
    public string? DlrUrl { get; set; }

    /// <summary>Our short code or number, used as <c>from</c> when a message has none.</summary>
    public string? Sender { get; set; }

    /// <summary>Optional smsc-id to route outbound messages to one link.</summary>
    public string? Smsc { get; set; }

    public KannelReplyMode ReplyMode { get; set; } = KannelReplyMode.Inline;

    /// <summary>Largest form body read from smsbox (an SMS is at most a few kilobytes even concatenated), else 413.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Retries of sendsms on 503 "Temporal failure" and network errors.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay (exponential with jitter after it).</summary>
    [Duration("00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The shared retry policy from <see cref="MaxRetries"/> and <see cref="RetryDelay"/> (keys kept from before the shared one).</summary>
    public ProviderRetryOptions RetryPolicy() => new() { MaxRetries = MaxRetries, BaseDelay = RetryDelay, AttemptTimeout = TimeSpan.FromSeconds(10) };
}
