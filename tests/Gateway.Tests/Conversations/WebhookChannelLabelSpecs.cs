using Gateway.Conversations;
using Gateway.Observability;
using Gateway.Tests.Channels;
using Gateway.Tests.Channels.Kannel;
using Gateway.Tests.Channels.Twilio;
using Gateway.Tests.Channels.WhatsAppCloud;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Tests.Conversations;

/// <summary>The metrics registry is process-wide: tests that count exact observations run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "process-wide metrics";
}

/// <summary>
/// Each webhook labels <c>gateway_webhook_duration_seconds</c> with the channel of the step it committed, and with
/// <c>none</c> when the engine answered a provider's retry from its idempotency record.
/// </summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class WebhookChannelLabelSpecs
{
    private static readonly Dictionary<string, (ChannelRequest Request, string Channel, string Provider)> Webhooks = new()
    {
        ["Twilio SMS"] = (TwilioCases.Signed("/webhooks/twilio", TwilioCases.Sms("Salam")), "sms", "twilio"),
        ["Twilio WhatsApp"] = (TwilioCases.Signed("/webhooks/twilio", TwilioCases.WhatsApp("Salam")), "whatsapp", "twilio"),
        ["Kannel"] = (ChannelRequest.Get($"/webhooks/kannel?secret={KannelTestHost.Secret}&from=%2B212612345678&to=2727&text=Salam&id=k1"),
            "sms", "kannel"),
        ["WhatsApp Cloud"] = (WhatsAppCloudCases.Signed(WhatsAppCloudCases.Envelope(WhatsAppCloudCases.Message("text", "\"text\":{\"body\":\"Salam\"}"))),
            "whatsapp", "whatsapp"),
        ["Africa's Talking USSD"] = (ChannelRequest.Post("/webhooks/africastalking/ussd",
            "sessionId=label-1&serviceCode=*123*4%23&phoneNumber=%2B212612345678&text=", TwilioCases.FormType), "ussd", "africastalking"),
        ["simulator SMS"] = (ChannelRequest.Post("/api/simulator/messages", "{\"from\":\"+212612345678\",\"text\":\"Salam\"}", "application/json"),
            "sms", "simulator"),
    };

    public static TheoryData<string, bool> Cases()
    {
        var cases = new TheoryData<string, bool>();
        foreach (var name in Webhooks.Keys)
        {
            cases.Add(name, false);
            cases.Add(name, true);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_webhook_is_timed_under_the_channel_of_its_committed_step(string webhook, bool retry)
    {
        var (request, channel, provider) = Webhooks[webhook];
        var engine = new RecordingEngine { Respond = _ => RecordingEngine.Says() with { Duplicate = retry } };
        await using var app = new GatewayApplication().WithServices(services =>
        {
            services.RemoveAll<IConversationEngine>();
            services.AddSingleton<IConversationEngine>(engine);
        });
        foreach (var (key, value) in TwilioCases.BaseSettings.Concat(WhatsAppCloudCases.BaseSettings)) app.With(key, value);
        app.With("Kannel:Secret", KannelTestHost.Secret);
        var (labelled, other) = retry ? ("none", channel) : (channel, "none");
        var labelledBefore = Count(labelled, provider);
        var otherBefore = Count(other, provider);

        using var client = app.CreateClient();
        using var response = await client.SendAsync(request.ToHttp());

        Assert.True(response.IsSuccessStatusCode, $"{webhook}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Single(engine.Received);
        // The response can reach the client before the timing middleware's finally block has run.
        for (var waited = 0; Count(labelled, provider) == labelledBefore && waited < 5_000; waited += 10) await Task.Delay(10);
        Assert.Equal(labelledBefore + 1, Count(labelled, provider));
        Assert.Equal(otherBefore, Count(other, provider));
    }

    [Fact]
    public void Nothing_registers_the_http_context_accessor()
    {
        // Its registration alone makes every request set an AsyncLocal that each await carries along.
        using var app = new GatewayApplication();
        Assert.Null(app.Services.GetService<IHttpContextAccessor>());
    }

    private static long Count(string channel, string provider) => GatewayMetrics.WebhookDuration.WithLabels(channel, provider).Count;
}
