using System.Net;
using System.Net.Http.Json;
using Gateway.Admin;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Trust;

/// <summary>Per-number inbound limit (one notice, then silence) and per-key admin limit (429 with Retry-After).</summary>
public sealed class AbuseLimitSpecs
{
    [Fact]
    public async Task Past_the_inbound_limit_messages_are_acknowledged_but_not_processed_with_one_notice_in_the_contacts_language()
    {
        await using var app = new GatewayApplication().With("Abuse:InboundPerPhone", "5");
        using var client = app.CreateClient();
        var phone = new SimulatorPhone(client);

        var answers = new List<SimulatorAnswer>();
        foreach (var text in new[] { "مرحبا", "1", "2", "3", "4", "5", "6", "7", "8", "AVIS" }) answers.Add(await phone.SendAsync(text));

        Assert.All(answers.Take(5), a => Assert.NotEmpty(a.Replies));
        Assert.Single(answers[5].Replies);
        Assert.Contains("رسائل كثيرة", answers[5].Text);
        Assert.All(answers.Skip(6), a => Assert.Empty(a.Replies));

        // A new window: processed again.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.NotEmpty((await phone.SendAsync("AVIS")).Replies);
    }

    [Fact]
    public async Task Past_the_admin_limit_a_key_gets_429_with_Retry_After_and_other_keys_do_not()
    {
        await using var app = new GatewayApplication().With("Abuse:AdminPerKey", "3")
            .With("Admin:ApiKeys:0:Key", "busy-key-0123456789").With("Admin:ApiKeys:0:Name", "busy")
            .With("Admin:ApiKeys:1:Key", "calm-key-0123456789").With("Admin:ApiKeys:1:Name", "calm");
        using var client = app.CreateClient();

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++) statuses.Add(await GetAsync(client, "busy-key-0123456789"));
        using var calm = await GetAsync(client, "calm-key-0123456789");

        Assert.All(statuses.Take(3), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(statuses.Skip(3), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.True(int.Parse(statuses[4].Headers.RetryAfter!.ToString()) is > 0 and <= 60);
        Assert.Equal("application/problem+json", statuses[4].Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, calm.StatusCode);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/polls");
        request.Headers.Add(AdminExtensions.HeaderName, key);
        return client.SendAsync(request);
    }
}
