using System.Net.Http.Headers;
using Gateway.Bus;
using Gateway.Contracts;
using Gateway.Storage;
using Gateway.Tests.Bus;
using Gateway.Tests.Infrastructure;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Gateway.Outbound.Status;

namespace Gateway.Tests.Channels.WhatsAppCloud;

/// <summary>
/// Replies to WhatsApp Cloud webhooks, with the real engine: stored in the outbox with the step, sent through the Graph
/// API by the bus consumer, retried when Meta refuses for now, and never sent twice.
/// </summary>
public sealed class WhatsAppCloudReplySpecs
{
    /// <summary>The host's default sender id; replies must leave from the one in the webhook instead.</summary>
    private const string DefaultPhoneNumberId = "999000999000999";

    private static GatewayApplication App(FakeGraphApi graph) => new GatewayApplication()
        .With("WhatsApp:AccessToken", "EAAG-test-token")
        .With("WhatsApp:GraphBaseUrl", graph.BaseUrl + "/v21.0")
        .With("WhatsApp:PhoneNumberId", DefaultPhoneNumberId)
        .With("WhatsApp:AppSecret", WhatsAppCloudCases.AppSecret)
        // The HTTP client does not retry here: a refusal reaches the bus consumer, whose retry is what is tested.
        .With("WhatsApp:Retry:MaxRetries", "0");

    [Fact]
    public async Task A_reply_goes_out_through_the_graph_api_from_the_number_the_contact_wrote_to()
    {
        await using var graph = await FakeGraphApi.StartNewAsync();
        await using var app = App(graph);

        await WebhookAsync(app, "wamid.A1", "AVIS");

        var sent = Assert.Single(await graph.WaitForRequestsAsync(1));
        Assert.Equal($"/v21.0/{WhatsAppCloudCases.PhoneNumberId}/messages", sent.Path);
        Assert.Equal("212612345678", (string?)sent.Json["to"]);
        Assert.Contains("Votre commune", (string?)sent.Json["text"]!["body"]);
    }

    [Theory]
    [InlineData(500, "1")]
    [InlineData(429, "130429")]
    public async Task A_reply_meta_refuses_for_now_is_delivered_on_retry_and_recorded_for_status_callbacks(int status, string code)
    {
        await using var graph = await FakeGraphApi.StartNewAsync();
        await using var app = App(graph);
        graph.FailNext(1, status, code);

        await WebhookAsync(app, "wamid.T1", "AVIS");

        var requests = await graph.WaitForRequestsAsync(2);
        Assert.Equal(requests[0].Body, requests[1].Body);
        await DeliveredAsync(app, 1);
        var recorded = await app.Services.GetRequiredService<IMessageStatusStore>()
            .GetAsync("whatsapp-cloud", FakeGraphApi.WamidFor(1), CancellationToken.None);
        Assert.Equal("wamid.T1:0", recorded?.Reference);
    }

    [Fact]
    public async Task Replies_to_one_contact_keep_their_order_while_the_first_is_retried()
    {
        await using var graph = await FakeGraphApi.StartNewAsync();
        await using var app = App(graph);
        graph.FailNext(2, 503, "2");

        await WebhookAsync(app, "wamid.O1", "AVIS");
        await WebhookAsync(app, "wamid.O2", "7");

        var requests = await graph.WaitForRequestsAsync(4);
        // Both refused attempts were the first reply: the second waited behind it instead of overtaking.
        Assert.All(requests.Take(3), r => Assert.Equal("text", (string?)r.Json["type"]));
        Assert.Equal("list", (string?)requests[3].Json["interactive"]!["type"]);
    }

    [Fact]
    public async Task A_duplicate_webhook_adds_no_reply_and_sends_nothing_twice()
    {
        await using var graph = await FakeGraphApi.StartNewAsync();
        await using var app = App(graph);

        await WebhookAsync(app, "wamid.D1", "AVIS");
        await WebhookAsync(app, "wamid.D1", "AVIS");
        await WebhookAsync(app, "wamid.D2", "7");

        await DeliveredAsync(app, 2);
        Assert.Equal(["wamid.D1:0", "wamid.D2:0"], (await app.EventsAsync<DeliverReply>()).Select(r => r.ReplyId));
        var requests = graph.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal("list", (string?)requests[1].Json["interactive"]!["type"]);
    }

    [Fact]
    public async Task A_redelivered_reply_command_is_not_sent_twice()
    {
        await using var graph = await FakeGraphApi.StartNewAsync();
        await using var app = App(graph);
        await WebhookAsync(app, "wamid.R1", "AVIS");
        await DeliveredAsync(app, 1);

        // The relay publishes at least once, and the broker redelivers: the same command comes again. The consumer
        // knows it by its ReplyId; the copy gets a fresh MessageId only because the harness lists a message id once.
        var first = app.Services.GetRequiredService<ITestHarness>().Published.Select<DeliverReply>().Single().Context.Message;
        await app.Services.GetRequiredService<IBus>().Publish(first);

        await DeliveredAsync(app, 2);
        Assert.Single(graph.Requests);
    }

    [Fact]
    public async Task A_reply_is_stored_with_the_step_and_sent_by_another_replica_when_the_first_stops_after_answering_meta()
    {
        await using var graph = await FakeGraphApi.StartNewAsync();
        InMemoryStore shared;
        // The first replica commits the step and answers 200, then stops before its relay publishes anything.
        await using (var stopping = App(graph).WithServices(WithoutRelay))
        {
            await WebhookAsync(stopping, "wamid.S1", "AVIS");
            shared = stopping.Services.GetRequiredService<InMemoryStore>();
            var pending = Assert.Single(await shared.ReadPendingAsync(100, CancellationToken.None));
            Assert.Equal(nameof(DeliverReply), pending.Event.MessageType);
        }
        Assert.Empty(graph.Requests);

        // Another replica on the same store finds the reply in the outbox and sends it.
        await using var alive = App(graph).WithServices(s => s.RemoveAll<InMemoryStore>().AddSingleton(shared));
        _ = alive.Services;
        var sent = Assert.Single(await graph.WaitForRequestsAsync(1));
        Assert.Contains("Votre commune", (string?)sent.Json["text"]!["body"]);
    }

    [Fact]
    public async Task A_reply_that_waited_past_the_24_hour_window_goes_out_as_the_template()
    {
        await using var graph = await FakeGraphApi.StartNewAsync();
        await using var app = App(graph).With("WhatsApp:TemplateName", "gateway_notice");
        _ = app.Services;

        await app.Services.GetRequiredService<IBus>().Publish(new DeliverReply(
            "wamid.W1:0", "contact-w", "+212612345678", WhatsAppCloudCases.PhoneNumberId, "whatsapp", "whatsapp-cloud",
            "Votre demande est enregistrée", "fr", [], app.Clock.GetUtcNow() - TimeSpan.FromHours(25)));

        var sent = Assert.Single(await graph.WaitForRequestsAsync(1));
        Assert.Equal("template", (string?)sent.Json["type"]);
        Assert.Equal("gateway_notice", (string?)sent.Json["template"]!["name"]);
    }

    /// <summary>A replica whose outbox relay never runs: it stops, as far as the outbox is concerned, right after the commit.</summary>
    private static void WithoutRelay(IServiceCollection services)
    {
        foreach (var relay in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OutboxRelay)).ToList())
            services.Remove(relay);
    }

    /// <summary>Meta posts a signed text message from the test contact; the gateway answers 200.</summary>
    private static async Task WebhookAsync(GatewayApplication app, string wamid, string text)
    {
        var request = WhatsAppCloudCases.Signed(WhatsAppCloudCases.Envelope(
            WhatsAppCloudCases.Message("text", $"\"text\":{{\"body\":\"{text}\"}}", id: wamid)));
        using var message = new HttpRequestMessage(HttpMethod.Post, request.PathAndQuery) { Content = new ByteArrayContent(request.Body!) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType!);
        foreach (var (name, value) in request.Headers) message.Headers.TryAddWithoutValidation(name, value);
        using var client = app.CreateClient();
        using var response = await client.SendAsync(message);
        Assert.Equal(200, (int)response.StatusCode);
    }

    /// <summary>Waits until the outbox drained and <paramref name="count"/> reply commands were consumed without error.</summary>
    private static async Task DeliveredAsync(GatewayApplication app, int count)
    {
        await app.EventsAsync<DeliverReply>();
        await Wait.ForAsync(() => Task.FromResult(app.Consumed<DeliverReply>(withoutError: true)), n => n >= count, $"{count} replies consumed");
    }
}
