using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.IntegrationTests.Infrastructure;

namespace Gateway.IntegrationTests.Http;

/// <summary>Redis, the state store, restarted or down, seen from the webhooks and the readiness probe.</summary>
[Collection(ServersCollection.Name)]
public sealed class RedisOutageConversationSpecs
{
    private const string TwilioToken = "integration-twilio-token-03";
    private const string PublicBase = "https://gw.example.ma";

    private static Task<HttpResponseMessage> TwilioAsync(HttpClient http, string from, string text)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", "SM" + Guid.NewGuid().ToString("N")), new("AccountSid", "AC" + new string('1', 32)),
            new("From", from), new("To", "+212600000999"), new("Body", text), new("NumMedia", "0"),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", global::Gateway.Channels.Twilio.TwilioSignature.Compute(TwilioToken, PublicBase + "/webhooks/twilio", form));
        return http.SendAsync(request);
    }

    [Fact]
    public async Task A_conversation_survives_a_redis_restart_and_the_next_answer_is_understood_at_the_right_question()
    {
        await Servers.FlushRedisAsync();
        await using var app = new IntegrationGatewayApplication();
        var http = app.CreateClient();
        var phone = new SimulatorPhone(http, "+212612340020");
        Assert.Contains("Votre signalement concerne", (await phone.SayAsync("AVIS", "4")).Text);

        await Servers.RestartAsync("redis");

        // The gateway's multiplexer reconnects by itself; until it has, a provider would retry the same message (same id).
        var (_, body) = await Wait.ForAsync(() => phone.PostAsync(http, "1", id: "SM-after-restart"), r => r.Status == HttpStatusCode.OK, "an answer after the restart");
        var answer = SimulatorAnswer.Parse(body);
        Assert.Contains("Décrivez le problème", answer.Text);
        Assert.DoesNotContain("Que voulez-vous faire", answer.Text);
        Assert.Contains("Quartier ou douar", (await phone.SendAsync("La route est cassée")).Text);
        Assert.Contains("Merci ! Votre signalement est enregistré", (await phone.SendAsync("1")).Text);
    }

    [Fact]
    public async Task With_redis_stopped_the_simulator_and_a_provider_webhook_answer_503_with_a_problem_detail_and_readiness_names_redis_then_both_recover()
    {
        await Servers.FlushRedisAsync();
        await using var app = new IntegrationGatewayApplication().With("Twilio:AuthToken", TwilioToken).With("Gateway:PublicBaseUrl", PublicBase);
        var http = app.CreateClient();
        var phone = new SimulatorPhone(http, "+212612340021");
        Assert.Contains("Votre signalement concerne", (await phone.SayAsync("AVIS", "4")).Text);
        await Wait.ForAsync(() => Readiness.GetAsync(http), r => r.Code == HttpStatusCode.OK, "readiness before the outage");

        await Servers.StopAsync("redis");
        try
        {
            using var response = await http.PostAsJsonAsync("/api/simulator/messages", new { from = phone.From, channel = "sms", text = "1", id = "SM-during-outage" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.RetryAfter);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Equal("State store unavailable", problem.GetProperty("title").GetString());
            Assert.Contains("state store (Redis)", problem.GetProperty("detail").GetString());

            // A provider's webhook likewise: 503 and Retry-After, so Twilio resends the message later (nothing lost).
            using var webhook = await TwilioAsync(http, phone.From, "1");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, webhook.StatusCode);
            Assert.NotNull(webhook.Headers.RetryAfter);

            var ready = await Wait.ForAsync(() => Readiness.GetAsync(http), r => r.Code == HttpStatusCode.ServiceUnavailable, "readiness to fail");
            Assert.Equal("Unhealthy", ready.Body.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", ready.CheckStatus("redis"));
            Assert.StartsWith("redis unreachable", ready.CheckDescription("redis"));
        }
        finally
        {
            await Servers.StartAsync("redis");
        }

        await Wait.ForAsync(() => Readiness.GetAsync(http), r => r.Code == HttpStatusCode.OK, "readiness after redis returned");
        // The message refused during the outage, retried by the provider, is handled where the conversation was.
        var (status, body) = await Wait.ForAsync(() => phone.PostAsync(http, "1", id: "SM-during-outage"), r => r.Status == HttpStatusCode.OK, "the retried message");
        Assert.Equal(HttpStatusCode.OK, status);
        var answer = SimulatorAnswer.Parse(body);
        Assert.False(answer.Duplicate);
        Assert.Contains("Décrivez le problème", answer.Text);
    }
}
