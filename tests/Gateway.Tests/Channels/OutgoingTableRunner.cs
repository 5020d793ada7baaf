using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Gateway.Outbound;
using Gateway.Outbound.Status;
using Gateway.Testing.Fakes;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Channels;

/// <summary>One HTTP answer of a provider's API, as the provider would send it.</summary>
public sealed record CannedAnswer(int Status, string Body, string ContentType = "application/json")
{
    /// <summary>How long the provider takes before it answers (a slow provider, past the attempt timeout).</summary>
    public TimeSpan Delay { get; init; }

    public static CannedAnswer Text(int status, string body) => new(status, body, "text/plain");
}

/// <summary>The HTTP request a sender must make; every attempt (retries included) must be this one.</summary>
public sealed record ExpectedRequest(string Method, string Path)
{
    /// <summary>The exact body, when every byte matters.</summary>
    public string? Body { get; init; }

    /// <summary>Fields of the form body (or of the query for a GET): the value, or null when the field must be absent.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    /// <summary>The names of all the fields, in order, when the order is the point.</summary>
    public IReadOnlyList<string>? FieldNames { get; init; }

    /// <summary>The JSON body, compared as JSON (order of properties aside).</summary>
    public string? Json { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The start of the Content-Type (the charset parameter aside).</summary>
    public string? ContentType { get; init; }
}

/// <summary>
/// One row of a provider's outbound table (courier's RunOutgoingTestCases): a message to send and the provider's canned
/// answers, then the request the sender must have made and the <see cref="SendOutcome"/> it must return.
/// </summary>
public sealed record OutgoingCase(string Label, OutboundMessage Message, SendOutcome ExpectedOutcome)
{
    /// <summary>
    /// Stands for the gateway's own message id (32 hex digits) when the provider's answer has none (Kannel): in
    /// <see cref="SendOutcome.ProviderMessageId"/> and inside the values of <see cref="ExpectedRequest.Fields"/>.
    /// </summary>
    public const string OwnId = "{own-id}";

    /// <summary>Stands for the socket's own error text (it names the address and differs by platform): any non-empty error.</summary>
    public const string AnyError = "{any error}";

    /// <summary>The provider's answers in order; the last one repeats. Empty: the table's success answer.</summary>
    public IReadOnlyList<CannedAnswer> Answers { get; init; } = [];

    /// <summary>The request every attempt must be; null when the sender must not call the provider at all.</summary>
    public ExpectedRequest? ExpectedRequest { get; init; }

    /// <summary>How many times the provider is called (retries included).</summary>
    public int ExpectedAttempts { get; init; } = 1;

    /// <summary>What the status store holds for the sent message afterwards (status, reference); null: not checked.</summary>
    public (string Status, string? Reference)? ExpectedRecorded { get; init; }

    /// <summary>Configuration overriding the table's; <c>{api}</c> stands for the fake API's base URL.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public override string ToString() => Label;
}

/// <summary>A provider's outbound table: its sender's name, its settings (<c>{api}</c> = the fake API) and its usual "accepted" answer.</summary>
public sealed record OutgoingTable(string Provider, IReadOnlyDictionary<string, string?> BaseSettings, CannedAnswer Success);

public static class OutgoingTableRunner
{
    /// <summary>
    /// Sends the case's message through the provider's registered sender in a fresh gateway pointed at a fake API on loopback
    /// (real sockets: the HttpClient, its retries and headers run as in production), then asserts the requests, the outcome
    /// and what the status store recorded.
    /// </summary>
    public static async Task RunAsync(OutgoingCase @case, OutgoingTable table)
    {
        await using var api = await CannedProviderApi.StartNewAsync(@case.Answers.Count > 0 ? @case.Answers : [table.Success]);
        await using var app = new GatewayApplication();
        foreach (var (key, value) in table.BaseSettings) app.With(key, value?.Replace("{api}", api.BaseUrl));
        foreach (var (key, value) in @case.Settings) app.With(key, value?.Replace("{api}", api.BaseUrl));
        Assert.True(app.Services.GetRequiredService<MessageSenders>().TryGet(table.Provider, out var sender), $"no sender for {table.Provider}");

        var outcome = await sender.SendAsync(@case.Message, CancellationToken.None);

        var expectedOutcome = @case.ExpectedOutcome;
        if (expectedOutcome.ProviderMessageId == OutgoingCase.OwnId)
        {
            Assert.Matches("^[0-9a-f]{32}$", outcome.ProviderMessageId ?? "");
            expectedOutcome = expectedOutcome with { ProviderMessageId = outcome.ProviderMessageId };
        }
        if (expectedOutcome.Error == OutgoingCase.AnyError)
        {
            Assert.False(string.IsNullOrWhiteSpace(outcome.Error), "expected an error text");
            expectedOutcome = expectedOutcome with { Error = outcome.Error };
        }
        Assert.Equal(expectedOutcome, outcome);

        if (@case.ExpectedRequest is not { } expected)
        {
            Assert.Empty(api.Requests);
        }
        else
        {
            Assert.True(@case.ExpectedAttempts == api.Requests.Count, $"[{@case.Label}] expected {@case.ExpectedAttempts} requests, got {api.Requests.Count}");
            foreach (var request in api.Requests) AssertRequest(expected, request, outcome.ProviderMessageId);
            // A retry repeats the request: never a new message (a new id, a changed text) for the same send.
            Assert.All(api.Requests, r => Assert.Equal((api.Requests[0].Query, api.Requests[0].Body), (r.Query, r.Body)));
        }

        if (@case.ExpectedRecorded is { } recorded)
        {
            var entry = await app.Services.GetRequiredService<IMessageStatusStore>().GetAsync(table.Provider, outcome.ProviderMessageId!, CancellationToken.None);
            Assert.Equal(recorded, (entry?.Status, entry?.Reference));
        }
    }

    private static void AssertRequest(ExpectedRequest expected, RecordedRequest actual, string? ownId)
    {
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.Path, actual.Path);
        if (expected.Body is not null) Assert.Equal(expected.Body, actual.Body);
        if (expected.ContentType is not null) Assert.StartsWith(expected.ContentType, actual.ContentType);
        foreach (var (name, value) in expected.Headers) Assert.Equal(value, actual.Header(name));
        if (expected.Json is not null)
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.Json), actual.Json), "Unexpected JSON body: " + actual.Body);

        var fields = actual.Method == "GET" ? Pairs(actual.Query) : actual.Form;
        if (expected.FieldNames is not null) Assert.Equal(expected.FieldNames, fields.Select(f => f.Key));
        foreach (var (name, value) in expected.Fields)
        {
            var sent = fields.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();
            Assert.True(value?.Replace(OutgoingCase.OwnId, ownId) == sent, $"field {name}: expected '{value}', sent '{sent}'");
        }
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Pairs(string query) =>
        [.. QueryHelpers.ParseQuery(query).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")))];
}

/// <summary>A provider API on loopback that records every request and answers from a script of canned answers.</summary>
public sealed class CannedProviderApi : FakeProviderApi
{
    private readonly ConcurrentQueue<CannedAnswer> _answers;
    private CannedAnswer _last;

    private CannedProviderApi(IReadOnlyList<CannedAnswer> answers)
    {
        _answers = new ConcurrentQueue<CannedAnswer>(answers);
        _last = answers[^1];
    }

    public static async Task<CannedProviderApi> StartNewAsync(IReadOnlyList<CannedAnswer> answers)
    {
        var api = new CannedProviderApi(answers);
        await api.StartAsync();
        return api;
    }

    protected override async Task WriteSuccessAsync(HttpContext context, int index)
    {
        var answer = _answers.TryDequeue(out var next) ? _last = next : _last;
        if (answer.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(answer.Delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body);
    }

    protected override Task WriteErrorAsync(HttpContext context, int status, string code) =>
        throw new InvalidOperationException("Canned answers only: script failures as answers.");
}
