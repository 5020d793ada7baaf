using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.IntegrationTests.Infrastructure;

namespace Gateway.IntegrationTests.Http;

/// <summary>
/// The bus as other systems see it, through the gateway's public surface only: a conversation over HTTP puts one
/// event on a real RabbitMQ queue read with the plain RabbitMQ.Client, and a command written by hand (no MassTransit)
/// makes the gateway message a contact.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed partial class BusOverHttpSpecs
{
    [GeneratedRegex(@"R-[2-9A-HJKMNP-TV-Z]{5}")]
    private static partial Regex Reference();

    [Fact]
    public async Task A_feedback_conversation_over_http_puts_exactly_one_FeedbackReceived_on_rabbitmq_in_the_masstransit_envelope()
    {
        await Servers.FlushRedisAsync();
        await using var queue = await PlainRabbitQueue.BindAsync("Gateway.Contracts:FeedbackReceived");
        await using var app = new IntegrationGatewayApplication();
        var http = app.CreateClient();
        var phone = new SimulatorPhone(http, "+212612340001");

        Assert.Contains("Votre commune", (await phone.SendAsync("AVIS")).Text);
        Assert.Contains("Votre signalement concerne", (await phone.SendAsync("4")).Text);
        Assert.Contains("Décrivez le problème", (await phone.SendAsync("1")).Text);
        Assert.Contains("Quartier ou douar", (await phone.SendAsync("La route est cassée")).Text);
        var thanks = await phone.SendAsync("1");
        Assert.Contains("Merci ! Votre signalement est enregistré sous la référence", thanks.Text);
        // A first report is followed by the profile's first question (issue 24): the conversation stays open for it.
        Assert.Contains("PROFIL", thanks.Text);
        Assert.True(thanks.ConversationOpen);
        var reference = Reference().Match(thanks.Text).Value;

        await Readiness.OutboxDrainedAsync(http);
        var received = await queue.DrainAsync();

        var message = Assert.Single(received);
        // The AMQP side of the MassTransit wire format.
        Assert.Equal("application/vnd.masstransit+json", message.ContentType);
        Assert.Equal(message.MessageId.ToString(), message.AmqpMessageId);
        // The envelope.
        var envelope = message.Envelope;
        Assert.NotEqual(Guid.Empty, Guid.Parse(envelope.GetProperty("messageId").GetString()!));
        Assert.Equal("urn:message:Gateway.Contracts:FeedbackReceived", Assert.Single(envelope.GetProperty("messageType").EnumerateArray()).GetString());
        Assert.EndsWith("/Gateway.Contracts:FeedbackReceived", envelope.GetProperty("destinationAddress").GetString());
        Assert.True(envelope.TryGetProperty("sentTime", out _));
        // The message: camelCase fields, the pseudonymous contact, what the citizen said.
        var body = envelope.GetProperty("message");
        Assert.All(body.EnumerateObject(), p => Assert.True(char.IsLower(p.Name[0]), $"'{p.Name}' is not camelCase"));
        Assert.Equal(reference, body.GetProperty("reference").GetString());
        var contactId = body.GetProperty("contactId").GetString()!;
        Assert.Equal(thanks.ContactId, contactId);
        Assert.DoesNotContain("612340001", contactId);
        Assert.Matches("^c[a-z2-7]{26}$", contactId);
        Assert.Equal("agadir", body.GetProperty("commune").GetString());
        Assert.Equal("roads", body.GetProperty("category").GetString());
        Assert.Equal("La route est cassée", body.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("place").ValueKind);
        Assert.Equal("sms", body.GetProperty("channel").GetString());
        Assert.Equal("fr", body.GetProperty("language").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.True(body.TryGetProperty("receivedAt", out _));
        Assert.DoesNotContain("612340001", envelope.GetRawText());
    }

    [Fact]
    public async Task A_StartFlow_command_published_with_plain_rabbitmq_makes_the_gateway_message_the_contact()
    {
        const string to = "+212612340002";
        await Servers.FlushRedisAsync();
        await using var app = new IntegrationGatewayApplication();
        var http = app.CreateClient();
        // The command's exchange and its binding to the gateway's queue exist once the bus's endpoints are up.
        await Readiness.BusHealthyAsync(http);

        // Exactly what a system without MassTransit writes: the envelope, by hand.
        var requestId = "desk-" + Guid.NewGuid().ToString("N")[..8];
        await PlainRabbitPublisher.PublishAsync("Gateway.Contracts:StartFlow", new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:Gateway.Contracts:StartFlow" },
            message = new { requestId, to, flowId = "subscribe", channel = "sms" },
        });

        // A new contact has no provider yet: the default one, the simulator, carries the message.
        var sent = await Wait.ForAsync(() => http.GetFromJsonAsync<JsonElement[]>("/api/simulator/messages?to=%2B212612340002"),
            m => m!.Length > 0, "the gateway to message the contact");
        var first = Assert.Single(sent!);
        Assert.Equal("sms", first.GetProperty("channel").GetString());
        Assert.Equal("fr", first.GetProperty("language").GetString());
        Assert.Contains("Votre commune ?", first.GetProperty("text").GetString());

        // The flow really started for that contact: their answer is understood at the flow's next question. (Written in
        // Latin letters, it also tells their language; a bare "4" would leave it to the commune's default, Arabic for Agadir.)
        var phone = new SimulatorPhone(http, to);
        var confirm = await phone.SendAsync("Agadir");
        Assert.Contains("Recevoir par message les dates des réunions du conseil d'Agadir ?", confirm.Text);
        Assert.True(confirm.ConversationOpen);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/simulator/messages?to=%2B212612340002")).StatusCode);
    }
}
