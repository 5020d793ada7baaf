using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Webhooks;

/// <summary>A partner's webhook endpoint on a real loopback socket: records every delivery and answers 200, or 500 while told to fail.</summary>
internal sealed class WebhookSubscriber : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private WebApplication? _app;
    private volatile bool _failing;

    public sealed record Received(IHeaderDictionary Headers, string Body, int AnsweredWith)
    {
        public string Id => Headers["webhook-id"].ToString();
    }

    public string Url { get; private set; } = "";

    public IReadOnlyList<Received> All => [.. _received];

    /// <summary>The deliveries it answered 200.</summary>
    public IReadOnlyList<Received> Accepted => [.. _received.Where(r => r.AnsweredWith == 200)];

    /// <summary>Answer 500 to everything from now on (true) or 200 again (false).</summary>
    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public static async Task<WebhookSubscriber> StartAsync(bool failing = false)
    {
        var subscriber = new WebhookSubscriber { Failing = failing };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hooks", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var status = subscriber.Failing ? 500 : 200;
            subscriber._received.Enqueue(new Received(new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        subscriber._app = app;
        subscriber.Url = app.Urls.Single().TrimEnd('/') + "/hooks";
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
