using Gateway.Contracts;
using Gateway.Simulator;
using Gateway.Tests.Bus;
using Gateway.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Conversations;
using Gateway.Conversations.Ports;

namespace Gateway.Tests.Conversations;

/// <summary>Other systems command the gateway over the bus: start a flow, send a message, close the feedback loop.</summary>
public sealed class BusCommandSpecs
{
    private const string Phone = "+212663000001";

    [Fact]
    public async Task StartFlow_makes_the_gateway_open_the_conversation_with_the_contact_once()
    {
        await using var app = new GatewayApplication();
        var bus = app.Services.GetRequiredService<IBus>();

        await bus.Publish(new StartFlow("req-1", Phone, null, "subscribe", "sms"));
        await bus.Publish(new StartFlow("req-1", Phone, null, "subscribe", "sms"));

        var sent = await Wait.ForAsync(() => Task.FromResult(Mailbox(app)), m => m.Count >= 1, "the first message");
        Assert.Contains("Votre commune", Assert.Single(sent).Text);

        var reply = await new SimulatorPhone(app.CreateClient(), Phone).SendAsync("Nador");
        Assert.Contains("réunions du conseil de Nador", reply.Text);
        // Both commands consumed and everything they caused delivered: a second opening would be in the mailbox now.
        Assert.Equal(2, await Wait.ForAsync(() => Task.FromResult(app.Consumed<StartFlow>()), n => n == 2, "both StartFlow commands to be consumed"));
        await app.QuietAsync();
        Assert.Single(Mailbox(app));
    }

    [Fact]
    public async Task A_provider_reporting_the_contact_unsubscribed_opts_them_out_as_a_STOP_would()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = new GatewayApplication()
            .With("Twilio:AccountSid", "ACtest0001")
            .With("Twilio:AuthToken", "test-auth-token-0123456789")
            .With("Twilio:ApiBaseUrl", api.BaseUrl)
            .With("Twilio:From", "+212522000000");
        // A contact who last wrote by SMS through Twilio, then unsubscribed with the carrier (Twilio error 21610).
        var id = app.Services.GetRequiredService<Gateway.Conversations.ContactIds>().For(Phone);
        var now = app.Clock.GetUtcNow();
        var store = app.Services.GetRequiredService<Gateway.Conversations.Ports.IContactStore>();
        Assert.True(await store.TryCommitAsync(new Gateway.Conversations.Ports.ContactCommit(id, 0,
            new Gateway.Conversations.ContactState
            {
                ContactId = id, Phone = Phone, Language = "fr", CreatedAt = now,
                LastChannel = Gateway.Conversations.ChannelKind.Sms, LastProvider = "twilio", LastTo = "+212522000000",
            }, [], [], null), default));
        api.FailNext(1, 400, "21610");

        await app.Services.GetRequiredService<IBus>().Publish(new SendMessage("desk-stop-1", Phone, null, "sms",
            new Dictionary<string, string> { ["fr"] = "Réunion du conseil jeudi à 18 h." }));

        var optedOut = await Wait.ForAsync(() => app.EventsAsync<ContactOptedOut>(), e => e.Count >= 1, "ContactOptedOut");
        var e = Assert.Single(optedOut);
        Assert.Equal((id, "provider", null), (e.ContactId, e.Source, e.Topic));
        var state = (await store.GetAsync(id, default))!.State;
        Assert.True(state.OptedOut);
        var consent = Assert.Single(state.Consent); // the consent log says where the opt-out came from
        Assert.Equal(("opt-out", "provider", "provider", null), (consent.Action, consent.Channel, consent.Source, consent.Topic));
        Assert.Single(api.Requests); // refused once, never retried: an unsubscribe is final
    }

    [Fact]
    public async Task NotifyFeedbackStatus_tells_the_citizen_in_their_language()
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), Phone);
        await phone.SayAsync("رأي", "٧", "٢", "لا يوجد ماء منذ يومين");
        await phone.SendAsync("١");
        var feedback = Assert.Single(await app.EventsAsync<FeedbackReceived>());

        await app.Services.GetRequiredService<IBus>().Publish(new NotifyFeedbackStatus("desk-42", feedback.ContactId!, feedback.Reference, "resolved", null));

        var sent = await Wait.ForAsync(() => Task.FromResult(Mailbox(app)), m => m.Count >= 1, "the notification");
        var message = Assert.Single(sent);
        Assert.Equal($"تمت معالجة ملاحظتك {feedback.Reference}. شكرا على مشاركتك!", message.Text);
        Assert.Equal("ar", message.Language);
    }

    [Fact]
    public async Task SendMessage_picks_the_contacts_language_and_never_reaches_an_opted_out_contact()
    {
        await using var app = new GatewayApplication();
        var bus = app.Services.GetRequiredService<IBus>();
        var texts = new Dictionary<string, string> { ["fr"] = "Réunion du conseil mardi à 18 h.", ["ar"] = "اجتماع المجلس يوم الثلاثاء على الساعة 18." };
        await new SimulatorPhone(app.CreateClient(), Phone).SendAsync("السلام عليكم");
        await new SimulatorPhone(app.CreateClient(), "+212663000002").SayAsync("Bonjour", "STOP");

        await bus.Publish(new SendMessage("s-1", Phone, null, null, texts));
        await bus.Publish(new SendMessage("s-2", "+212663000002", null, null, texts));

        var sent = await Wait.ForAsync(() => Task.FromResult(Mailbox(app)), m => m.Count >= 1, "the message");
        Assert.Equal(texts["ar"], Assert.Single(sent).Text);
        Assert.Equal(2, await Wait.ForAsync(() => Task.FromResult(app.Consumed<SendMessage>()), n => n == 2, "both SendMessage commands to be consumed"));
        await app.QuietAsync();
        Assert.Empty(app.Services.GetRequiredService<SimulatorMailbox>().For("+212663000002"));
    }

    private static IReadOnlyList<SimulatorMailbox.SentMessage> Mailbox(GatewayApplication app) =>
        app.Services.GetRequiredService<SimulatorMailbox>().For(Phone);
}
