using System.Net.Http.Headers;
using System.Text;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Gateway.Outbound.Status;

namespace Gateway.Tests.Channels;

/// <summary>A raw webhook request, as the provider would send it.</summary>
public sealed record ChannelRequest(string Method, string PathAndQuery, byte[]? Body = null, string? ContentType = null)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Sends the body without Content-Length, in pieces, as a chunked body arrives.</summary>
    public bool Chunked { get; init; }

    public static ChannelRequest Get(string pathAndQuery) => new("GET", pathAndQuery);

    public static ChannelRequest Post(string pathAndQuery, string body, string contentType) =>
        new("POST", pathAndQuery, Encoding.UTF8.GetBytes(body), contentType);

    public ChannelRequest WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };

    public HttpRequestMessage ToHttp()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        if (Body is not null)
        {
            request.Content = Chunked ? new ChunkedContent(Body) : new ByteArrayContent(Body);
            if (ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}

/// <summary>A body of unannounced length (Transfer-Encoding: chunked), written a kilobyte at a time.</summary>
public sealed class ChunkedContent(byte[] body) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        for (var offset = 0; offset < body.Length; offset += 1024)
        {
            await stream.WriteAsync(body.AsMemory(offset, Math.Min(1024, body.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>The status event a case expects, without the timestamp.</summary>
public sealed record ExpectedStatus(string MessageId, string Provider, string Status, string? ErrorCode);

/// <summary>
/// One row of a provider's table (style.md #5): the request, and what must come out of it — status code,
/// reply body, the inbound messages the engine saw (none when the request must be refused), and status events.
/// </summary>
public sealed record ChannelCase(string Label, ChannelRequest Request, int ExpectedStatus)
{
    /// <summary>Exact expected reply body.</summary>
    public string? ExpectedBody { get; init; }

    /// <summary>Checks on the reply body when exact text is not the point (problem details).</summary>
    public Func<string, bool>? BodyMatches { get; init; }

    /// <summary>Exact expected Content-Type, when it matters.</summary>
    public string? ExpectedContentType { get; init; }

    /// <summary>What the engine must have received, in order; empty means the engine must not have run.</summary>
    public IReadOnlyList<InboundMessage> ExpectedInbound { get; init; } = [];

    public IReadOnlyList<ExpectedStatus> ExpectedStatuses { get; init; } = [];

    /// <summary>What the fake engine answers.</summary>
    public StepResult EngineResult { get; init; } = RecordingEngine.Says();

    /// <summary>Configuration overriding the table's base settings.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public override string ToString() => Label;
}

public static class ChannelTableRunner
{
    /// <summary>Runs one case against a fresh gateway with a recording engine and asserts status, reply, inbound messages and status events.</summary>
    public static async Task RunAsync(ChannelCase @case, IReadOnlyDictionary<string, string?> baseSettings)
    {
        var engine = new RecordingEngine { Respond = _ => @case.EngineResult };
        var events = new RecordingStatusEvents();
        await using var app = new GatewayApplication();
        foreach (var (key, value) in baseSettings) app.With(key, value);
        foreach (var (key, value) in @case.Settings) app.With(key, value);
        app.WithServices(services =>
        {
            services.RemoveAll<IConversationEngine>();
            services.AddSingleton<IConversationEngine>(engine);
            services.RemoveAll<IStatusEvents>();
            services.AddSingleton<IStatusEvents>(events);
        });

        // Without the redirect handler, which buffers a request body and so would give a chunked one a Content-Length.
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = @case.Request.ToHttp();
        using var response = await client.SendAsync(request);
        var reply = await response.Content.ReadAsStringAsync();

        Assert.True(@case.ExpectedStatus == (int)response.StatusCode,
            $"[{@case.Label}] expected HTTP {@case.ExpectedStatus}, got {(int)response.StatusCode}: {reply}");
        if (@case.ExpectedBody is not null) Assert.Equal(@case.ExpectedBody, reply);
        if (@case.BodyMatches is not null) Assert.True(@case.BodyMatches(reply), $"[{@case.Label}] unexpected reply: {reply}");
        if (@case.ExpectedContentType is not null) Assert.Equal(@case.ExpectedContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(@case.ExpectedInbound, engine.Received);
        Assert.Equal(@case.ExpectedStatuses,
            events.Published.Select(e => new ExpectedStatus(e.MessageId, e.Provider, e.Status, e.ErrorCode)).ToList());
    }

    /// <summary>A problem details body with this title (RFC 9457).</summary>
    public static Func<string, bool> Problem(string title) =>
        body => body.Contains("\"title\":\"" + title + "\"", StringComparison.Ordinal) && body.Contains("\"status\":", StringComparison.Ordinal);
}
