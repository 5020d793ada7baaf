using System.Collections.Concurrent;

namespace Gateway.Benchmarks.Http;

/// <summary>
/// A webhook subscriber that is down: a loopback HTTP server answering 500 to every delivery (issue 27: "while it
/// answers 500 for a minute, nothing is lost and the gateway's webhook answers do not slow"). It counts the attempts
/// and the distinct <c>webhook-id</c>s it saw, so the report can say the gateway did try.
/// </summary>
public sealed class FailingSubscriber : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private long _attempts;

    private FailingSubscriber(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public long Attempts => Interlocked.Read(ref _attempts);

    public int DistinctDeliveries => _ids.Count;

    public static async Task<FailingSubscriber> StartAsync()
    {
        var port = ServerProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var subscriber = new FailingSubscriber(app, new Uri($"http://127.0.0.1:{port}/hook"));
        app.MapPost("/hook", (HttpContext http) =>
        {
            Interlocked.Increment(ref subscriber._attempts);
            subscriber._ids.TryAdd(http.Request.Headers["webhook-id"].ToString(), 0);
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        });
        await app.StartAsync();
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
