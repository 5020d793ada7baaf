using Gateway.Contacts;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Simulator;
using Gateway.Storage;
using Gateway.Tests.Bus;
using Gateway.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Conversations.Ports;

namespace Gateway.Tests.Feedback;

/// <summary>A status change with a message reaches the citizen once, on their own channel, in their language.</summary>
public sealed class FeedbackAnswerSpecs
{
    private static readonly Dictionary<string, string> Message = new()
    {
        ["fr"] = "La conduite a été réparée ce matin.",
        ["ar"] = "تم إصلاح القناة هذا الصباح.",
    };

    private static IReadOnlyList<SimulatorMailbox.SentMessage> Mailbox(GatewayApplication app, string phone) =>
        app.Services.GetRequiredService<SimulatorMailbox>().For(phone);

    [Fact]
    public async Task A_status_change_with_a_message_sends_exactly_one_message_in_the_citizens_language_and_a_USSD_citizen_gets_an_SMS()
    {
        await using var app = FeedbackHost.Create();
        const string phone = "+212661000101";
        var reference = await app.FileAsync(phone, "ussd", "رأي", "الدار البيضاء", "الماء", "لا يوجد ماء منذ يومين", "تخطي");

        await app.Staff().SendJsonAsync(HttpMethod.Post, $"/api/feedback/{reference}/status", new { status = "resolved", message = Message });

        var sent = await Wait.ForAsync(() => Task.FromResult(Mailbox(app, phone)), m => m.Count >= 1, "the answer");
        await app.QuietAsync(); // nothing else is on its way
        var message = Assert.Single(Mailbox(app, phone));
        Assert.Equal(("sms", "ar"), (message.Channel, message.Language));
        Assert.Contains(reference, message.Text);
        Assert.Contains(Message["ar"], message.Text);
        Assert.DoesNotContain(Message["fr"], message.Text);
    }

    [Fact]
    public async Task A_citizen_who_sent_STOP_gets_nothing_but_the_change_is_recorded()
    {
        await using var app = FeedbackHost.Create();
        const string phone = "+212661000102";
        var reference = await app.FileFrenchAsync(phone);
        await new SimulatorPhone(app.CreateClient(), phone).SendAsync("STOP");
        var before = Mailbox(app, phone).Count;

        var changed = await app.Staff().SendJsonAsync(HttpMethod.Post, $"/api/feedback/{reference}/status", new { status = "resolved", message = Message });

        Assert.Equal("resolved", changed.GetProperty("status").GetString());
        await app.QuietAsync(); // nothing else is on its way
        Assert.Equal(before, Mailbox(app, phone).Count);
    }

    [Fact]
    public async Task A_USSD_citizen_is_answered_by_SMS_through_the_configured_SMS_provider()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = FeedbackHost.Create()
            .With("Twilio:AccountSid", "ACtest0001")
            .With("Twilio:AuthToken", "test-auth-token-0123456789")
            .With("Twilio:ApiBaseUrl", api.BaseUrl)
            .With("Twilio:From", "+212522000000")
            .With("Gateway:DefaultProviders:Sms", "twilio");
        const string phone = "+212661000103";
        var reference = await app.FileAsync(phone, "ussd", "AVIS", "Casablanca", "Routes", "Nid de poule devant l'école", "Passer");
        // As if the citizen had dialled through Africa's Talking (which cannot push a message).
        var store = app.Services.GetRequiredService<IContactStore>();
        var id = app.Services.GetRequiredService<ContactIds>().For(phone);
        var stored = (await store.GetAsync(id, default))!;
        stored.State.LastProvider = "africastalking";
        stored.State.LastTo = "*123*1#";
        Assert.True(await store.TryCommitAsync(new ContactCommit(id, stored.Version, stored.State, [], [], null), default));

        await app.Staff().SendJsonAsync(HttpMethod.Post, $"/api/feedback/{reference}/status", new { status = "in_progress", message = Message });

        var request = Assert.Single(await api.WaitForRequestsAsync(1));
        Assert.Equal(phone, request.Field("To"));
        Assert.Contains(reference, request.Field("Body"));
        Assert.Contains(Message["fr"], request.Field("Body"));
        await app.QuietAsync(); // nothing else is on its way
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task NotifyFeedbackStatus_from_the_bus_records_the_change_on_the_desk_once()
    {
        await using var app = FeedbackHost.Create();
        const string phone = "+212661000104";
        var reference = await app.FileFrenchAsync(phone);
        var contactId = app.Services.GetRequiredService<ContactIds>().For(phone);
        var bus = app.Services.GetRequiredService<IBus>();

        await bus.Publish(new NotifyFeedbackStatus("crm-7", contactId, reference, "in_progress", null));
        await bus.Publish(new NotifyFeedbackStatus("crm-7", contactId, reference, "in_progress", null));
        // Another contact cannot move a report they did not file.
        await bus.Publish(new NotifyFeedbackStatus("crm-8", "someone-else", reference, "rejected", null));

        await Wait.ForAsync(() => Task.FromResult(Mailbox(app, phone)), m => m.Count >= 1, "the notification");
        var report = await Wait.ForAsync(() => app.Staff().GetJsonAsync($"/api/feedback/{reference}"),
            r => r.GetProperty("status").GetString() == "in_progress", "the desk to record the change");
        Assert.Equal(3, await Wait.ForAsync(() => Task.FromResult(app.Consumed<NotifyFeedbackStatus>()), n => n == 3, "the three commands to be consumed"));
        await app.QuietAsync();
        report = await app.Staff().GetJsonAsync($"/api/feedback/{reference}");
        Assert.Equal("in_progress", report.GetProperty("status").GetString());
        var changes = report.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("what").GetString() == "status").ToList();
        Assert.Equal(("bus", "new", "in_progress"), (changes.Single().GetProperty("by").GetString(), changes.Single().GetProperty("from").GetString(), changes.Single().GetProperty("to").GetString()));
        Assert.Single(Mailbox(app, phone));
        var changed = Assert.Single(await app.EventsAsync<FeedbackStatusChanged>());
        Assert.Equal((reference, "casablanca", "new", "in_progress", "bus", contactId), (changed.Reference, changed.Commune, changed.OldStatus, changed.NewStatus, changed.ChangedBy, changed.ContactId));
    }
}
