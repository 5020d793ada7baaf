using System.Diagnostics;
using System.Net;
using Gateway.Channels.Twilio;

namespace Gateway.Drills;

/// <summary>The answer a citizen's message finally got: its status, the reply text (TwiML), when, after how many tries.</summary>
public sealed record Delivery(int Status, string Reply, TimeSpan At, int Attempts)
{
    public bool Accepted => Status == 200;
}

/// <summary>
/// Twilio delivering citizens' messages to the replicas behind a load balancer: each message is signed
/// (X-Twilio-Signature over the public URL, the same for every replica), sent to a replica chosen by the caller and,
/// like a provider retrying and a balancer routing around a dead backend, sent again to the other replica after a
/// refused connection, a timeout, a 429 or a 5xx, with a growing pause, until it is answered or five minutes pass.
/// </summary>
public sealed class Webhooks(Replicas replicas, Stopwatch clock) : IDisposable
{
    private static readonly Uri SignedUrl = new(Replicas.PublicBaseUrl + "/webhooks/twilio");
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(15),
    };

    private long _retries;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> _refusals = new();

    /// <summary>What the retried attempts got, e.g. "503×120, no answer×4" (no answer: refused, reset or timed out).</summary>
    public string Refusals => _refusals.IsEmpty ? "none" : string.Join(", ", _refusals.OrderBy(p => p.Key)
        .Select(p => (p.Key == 0 ? "no answer" : p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "×" + p.Value));

    /// <summary>Tries beyond the first, over every message: how hard the fault pushed back on providers.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public async Task<Delivery> DeliverAsync(string from, string to, string body, string messageSid, int preferred)
    {
        var started = clock.Elapsed;
        var pause = TimeSpan.FromMilliseconds(200);
        for (var attempt = 0; ; attempt++)
        {
            // Every replica dead (a drill that found them all exiting): nothing will answer, the message is lost now.
            if (!Enumerable.Range(0, replicas.Count).Any(i => replicas.Address(i) is not null))
                return new Delivery(0, "no replica alive", clock.Elapsed, attempt);
            var (status, reply) = await PostOnceAsync(Pick(preferred + attempt), from, to, body, messageSid);
            var retry = status is 0 or 429 or >= 500;
            if (!retry || clock.Elapsed - started > GiveUpAfter) return new Delivery(status, reply, clock.Elapsed, attempt + 1);
            Interlocked.Increment(ref _retries);
            _refusals.AddOrUpdate(status, 1, (_, n) => n + 1);
            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    /// <summary>One POST to replica <paramref name="index"/>, no retry: status 0 when the connection failed or timed out.</summary>
    public async Task<(int Status, string Reply)> PostOnceAsync(int index, string from, string to, string body, string messageSid)
    {
        if (replicas.Address(index) is not { } address) return (0, "replica down");
        List<KeyValuePair<string, string>> form =
        [
            new("MessageSid", messageSid), new("SmsMessageSid", messageSid), new("AccountSid", Replicas.TwilioAccountSid),
            new("From", from), new("To", to), new("Body", body), new("NumMedia", "0"), new("NumSegments", "1"),
        ];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/webhooks/twilio")) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(Replicas.TwilioToken, SignedUrl.ToString(), form));
        try
        {
            using var response = await _http.SendAsync(request);
            return ((int)response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return (0, ex.GetType().Name);
        }
    }

    /// <summary>The replica at <paramref name="index"/> modulo the count, or the next one alive (the balancer's health check).</summary>
    private int Pick(int index)
    {
        for (var i = 0; i < replicas.Count; i++)
        {
            var candidate = (index + i) % replicas.Count;
            if (replicas.Address(candidate) is not null) return candidate;
        }
        return index % replicas.Count;
    }

    public void Dispose() => _http.Dispose();
}
