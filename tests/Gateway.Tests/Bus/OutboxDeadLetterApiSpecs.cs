using System.Net;
using System.Net.Http.Json;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Conversations.Ports;

namespace Gateway.Tests.Bus;

/// <summary>An event the relay can never publish is kept with its reason, and the programme can see it over HTTP.</summary>
public sealed class OutboxDeadLetterApiSpecs
{
    private const string Programme = "programme-key-0123456789", Agadir = "agadir-key-0123456789";

    private static GatewayApplication App() => new GatewayApplication()
        .With("Admin:ApiKeys:0:Key", Programme).With("Admin:ApiKeys:0:Name", "programme")
        .With("Admin:ApiKeys:1:Key", Agadir).With("Admin:ApiKeys:1:Name", "agadir").With("Admin:ApiKeys:1:Commune", "agadir");

    private static HttpClient Client(GatewayApplication app, string? key)
    {
        var client = app.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Fact]
    public async Task The_programme_lists_an_event_of_an_unknown_type_with_its_reason_and_payload()
    {
        await using var app = App();
        var http = Client(app, Programme);
        var unknown = new OutboxEvent(Guid.NewGuid(), "NoSuchEvent", System.Text.Json.JsonDocument.Parse("""{"x":1}""").RootElement, app.Clock.GetUtcNow());
        var before = await DeadLetteredAsync(http);
        await app.Services.GetRequiredService<IOutboxWriter>().AppendAsync("c-dead-api", unknown, CancellationToken.None);
        app.Services.GetRequiredService<Gateway.Bus.OutboxSignal>().Notify();

        var letters = await Wait.ForAsync(() => http.GetFromJsonAsync<Gateway.Bus.OutboxApi.DeadLetterView[]>("/api/outbox/dead-letters"),
            l => l!.Length > 0, "the dead letter to be listed");

        var letter = Assert.Single(letters!);
        Assert.Equal(unknown.MessageId, letter.MessageId);
        Assert.Equal("NoSuchEvent", letter.MessageType);
        Assert.Contains("Unknown message type 'NoSuchEvent'", letter.Reason);
        Assert.Equal("""{"x":1}""", letter.Payload);
        // The counter is process-wide (other tests dead-letter too): this letter must have moved it.
        await Wait.ForAsync(() => DeadLetteredAsync(http), n => n > before, "gateway_outbox_dead_lettered_total to count the letter");
    }

    private static async Task<double> DeadLetteredAsync(HttpClient http)
    {
        var match = System.Text.RegularExpressions.Regex.Match(await http.GetStringAsync("/metrics"), @"(?m)^gateway_outbox_dead_lettered_total (\S+)");
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [Fact]
    public async Task A_commune_key_gets_a_403_no_key_a_401_and_a_bad_max_a_400()
    {
        await using var app = App();
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(app, Agadir).GetAsync("/api/outbox/dead-letters")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(app, null).GetAsync("/api/outbox/dead-letters")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client(app, Programme).GetAsync("/api/outbox/dead-letters?max=0")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(app, Programme).GetAsync("/api/outbox/dead-letters")).StatusCode);
    }
}
