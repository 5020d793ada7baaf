using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gateway.Drills;

/// <summary>
/// Twilio's Messages API on loopback, recording every message it accepted (per recipient, with the time) so that the
/// drill counts from outside what citizens received. During <see cref="FailThirdFor"/> every third call answers 429 or
/// 500 (alternately) with Twilio's error body, as a provider under strain does.
/// </summary>
public sealed class DrillProvider : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Body, TimeSpan At)>> _accepted = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock;
    private WebApplication? _app;
    private long _calls;
    private long _refused;
    private long _failingUntilTicks;

    private DrillProvider(Stopwatch clock) => _clock = clock;

    public string BaseUrl { get; private set; } = "";
    public long Calls => Interlocked.Read(ref _calls);
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Messages accepted, per recipient number.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(string Body, TimeSpan At)>> Accepted =>
        _accepted.ToDictionary(p => p.Key, p => (IReadOnlyList<(string, TimeSpan)>)[.. p.Value], StringComparer.Ordinal);

    public static async Task<DrillProvider> StartAsync(Stopwatch clock)
    {
        var provider = new DrillProvider(clock);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        provider._app = builder.Build();
        provider._app.MapPost("/2010-04-01/Accounts/{account}/Messages.json", provider.SendAsync);
        await provider._app.StartAsync();
        provider.BaseUrl = provider._app.Urls.Single().TrimEnd('/');
        return provider;
    }

    /// <summary>From now on, for <paramref name="window"/>, a third of the calls fail.</summary>
    public void FailThirdFor(TimeSpan window) => Interlocked.Exchange(ref _failingUntilTicks, (_clock.Elapsed + window).Ticks);

    private async Task SendAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var call = Interlocked.Increment(ref _calls);
        if (_clock.Elapsed.Ticks < Interlocked.Read(ref _failingUntilTicks) && call % 3 == 0)
        {
            Interlocked.Increment(ref _refused);
            var (status, code) = call % 2 == 0 ? (429, 20429) : (500, 20500);
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
            {
                ["code"] = code, ["message"] = "Drill: provider under strain", ["more_info"] = $"https://www.twilio.com/docs/errors/{code}", ["status"] = status,
            });
            return;
        }
        var to = form["To"].ToString();
        _accepted.GetOrAdd(to, _ => new()).Enqueue((form["Body"].ToString(), _clock.Elapsed));
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["sid"] = $"SM{call:D32}", ["status"] = "queued", ["error_code"] = null, ["api_version"] = "2010-04-01",
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
