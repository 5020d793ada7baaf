using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Gateway.Testing.Fakes;

/// <summary>One request as the fake provider received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string ContentType, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The form fields, decoded independently of the gateway's own parser.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form =>
        [.. QueryHelpers.ParseQuery(Body).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")))];

    public string? Field(string name) => Form.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("Empty JSON body");
}

/// <summary>
/// A provider's REST API as a real HTTP server on loopback: records every request and can be told to fail
/// the next N calls. Real sockets, so the gateway's HttpClient, resilience handler and headers are exercised.
/// </summary>
public abstract class FakeProviderApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Queue<(int Status, string Code)> _failures = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private WebApplication? _app;
    private int _successes;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The next <paramref name="count"/> calls answer <paramref name="status"/> with the provider's error body for <paramref name="code"/>.</summary>
    public void FailNext(int count, int status, string code)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++) _failures.Enqueue((status, code));
        }
    }

    /// <summary>Waits (generously) until <paramref name="count"/> requests arrived; for sends that happen after a webhook answered.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_requests.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                throw new TimeoutException($"Expected {count} requests, got {_requests.Count}.");
        }
        return Requests;
    }

    protected async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().TrimEnd('/');
    }

    protected abstract Task WriteSuccessAsync(HttpContext context, int index);

    protected abstract Task WriteErrorAsync(HttpContext context, int status, string code);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Request.ContentType ?? "",
            body));

        (int Status, string Code)? failure = null;
        lock (_gate)
        {
            if (_failures.Count > 0) failure = _failures.Dequeue();
        }
        try
        {
            if (failure is { } f) await WriteErrorAsync(context, f.Status, f.Code);
            else await WriteSuccessAsync(context, Interlocked.Increment(ref _successes));
        }
        finally
        {
            _arrived.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            // Stopped before disposed, as FakeSendSms does: disposing a started host alone stops Kestrel synchronously.
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _arrived.Dispose();
        GC.SuppressFinalize(this);
    }
}
