using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Testing.Fakes;

/// <summary>
/// A stand-in for smsbox's sendsms on a real loopback socket: records every request's query and answers from a
/// script (by default 202 "0: Accepted for delivery").
/// </summary>
public sealed class FakeSendSms : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string Body)> _answers = new();

    public ConcurrentQueue<IQueryCollection> Requests { get; } = new();

    private FakeSendSms(WebApplication app)
    {
        _app = app;
        app.MapGet("/cgi-bin/sendsms", (HttpContext context) =>
        {
            Requests.Enqueue(context.Request.Query);
            var (status, body) = _answers.TryDequeue(out var next) ? next : (202, "0: Accepted for delivery");
            return Results.Text(body, "text/plain", statusCode: status);
        });
    }

    public static async Task<FakeSendSms> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var fake = new FakeSendSms(builder.Build());
        await fake._app.StartAsync();
        return fake;
    }

    public string Url => _app.Urls.First() + "/cgi-bin/sendsms";

    /// <summary>Queues answers for the next requests (after them, requests are accepted).</summary>
    public FakeSendSms Answer(int status, string body)
    {
        _answers.Enqueue((status, body));
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
