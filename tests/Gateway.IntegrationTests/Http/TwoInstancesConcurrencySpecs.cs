using System.Net;
using System.Text.RegularExpressions;
using Gateway.IntegrationTests.Infrastructure;

namespace Gateway.IntegrationTests.Http;

/// <summary>
/// Two gateway instances (two replicas) on one Redis and one RabbitMQ receive 50 messages of one contact at once.
/// Steps of a contact are serialised by optimistic concurrency, so the outcome must be exactly that of the 50 messages
/// handled one after the other: nothing lost, nothing doubled.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed partial class TwoInstancesConcurrencySpecs
{
    private const int Concurrent = 50;

    [GeneratedRegex(@"R-[2-9A-HJKMNP-TV-Z]{5}")]
    private static partial Regex Reference();

    [Fact]
    public async Task Fifty_concurrent_answers_to_the_last_feedback_question_submit_once_and_reply_as_if_handled_one_by_one()
    {
        await Servers.FlushRedisAsync();
        await using var queue = await PlainRabbitQueue.BindAsync("Gateway.Contracts:FeedbackReceived");
        await using var a = new IntegrationGatewayApplication().With("Abuse:InboundPerPhone", "0"); // bursts of one contact, not abuse
        await using var b = new IntegrationGatewayApplication().With("Abuse:InboundPerPhone", "0"); // bursts of one contact, not abuse
        HttpClient[] instances = [a.CreateClient(), b.CreateClient()];

        // Two contacts at the last question ("Quartier ou douar ?", where "1" means skip and submits).
        var racer = new SimulatorPhone(instances[0], "+212612340010");
        var reference = new SimulatorPhone(instances[1], "+212612340011");
        Assert.Contains("Quartier ou douar", (await racer.SayAsync("AVIS", "4", "1", "La route est cassée")).Text);
        Assert.Contains("Quartier ou douar", (await reference.SayAsync("AVIS", "4", "1", "La route est cassée")).Text);

        // The reference contact gets the 50 answers one after the other: the outcome a serialised gateway must give.
        var expected = new List<string>();
        for (var i = 0; i < Concurrent; i++)
            expected.Add(Shape(await reference.SendAsync(instances[i % 2], "1", id: $"seq-{i}")));

        // The racer gets the same 50 answers at once, spread over both instances, each with its own provider id.
        var answers = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i => racer.SendAsync(instances[i % 2], "1", id: $"race-{i}")));

        Assert.All(answers, r => Assert.False(r.Duplicate));
        Assert.Single(answers, r => r.Text.Contains("Merci ! Votre signalement est enregistré"));
        // Same multiset of replies as the serial run: no step lost, none applied twice, none interleaved.
        Assert.Equal(expected.Order(), answers.Select(Shape).Order());
        // Each of the 50 was recorded as processed: a provider retry of any of them is a duplicate with the same reply.
        for (var i = 0; i < Concurrent; i++)
        {
            var retry = await racer.SendAsync(instances[(i + 1) % 2], "1", id: $"race-{i}");
            Assert.True(retry.Duplicate);
            Assert.Equal(answers[i].Text, retry.Text);
        }

        await Readiness.OutboxDrainedAsync(instances[0]);
        var feedback = (await queue.DrainAsync()).Select(m => m.Envelope.GetProperty("message")).ToList();
        Assert.Equal(2, feedback.Count);
        var racerFeedback = Assert.Single(feedback, f => f.GetProperty("contactId").GetString() == answers[0].ContactId);
        Assert.Contains(racerFeedback.GetProperty("reference").GetString()!, answers.Single(r => r.Text.Contains("Merci ! Votre signalement")).Text);
        Assert.Single(feedback, f => f.GetProperty("contactId").GetString() != answers[0].ContactId);
    }

    [Fact]
    public async Task Fifty_concurrent_copies_of_one_provider_message_have_one_effect_and_fifty_identical_replies()
    {
        await Servers.FlushRedisAsync();
        await using var queue = await PlainRabbitQueue.BindAsync("Gateway.Contracts:FeedbackReceived");
        await using var a = new IntegrationGatewayApplication().With("Abuse:InboundPerPhone", "0"); // bursts of one contact, not abuse
        await using var b = new IntegrationGatewayApplication().With("Abuse:InboundPerPhone", "0"); // bursts of one contact, not abuse
        HttpClient[] instances = [a.CreateClient(), b.CreateClient()];
        var phone = new SimulatorPhone(instances[0], "+212612340012");
        Assert.Contains("Quartier ou douar", (await phone.SayAsync("AVIS", "4", "2", "Pas d'eau depuis hier")).Text);

        var answers = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i => phone.SendAsync(instances[i % 2], "1", id: "SM-provider-retry")));

        Assert.Single(answers, r => !r.Duplicate);
        Assert.Contains("Merci ! Votre signalement est enregistré", answers[0].Text);
        Assert.All(answers, r => Assert.Equal(answers[0].Text, r.Text));
        // The profile's first question follows a first report (issue 24): every copy leaves the conversation open for it.
        Assert.All(answers, r => Assert.True(r.ConversationOpen));

        await Readiness.OutboxDrainedAsync(instances[0]);
        var feedback = Assert.Single(await queue.DrainAsync()).Envelope.GetProperty("message");
        Assert.Equal("water", feedback.GetProperty("category").GetString());
        Assert.Contains(feedback.GetProperty("reference").GetString()!, answers[0].Text);
        // The report's conversation ended once and the profile's question followed: the next message answers it (woman),
        // and the profile asks its second question.
        Assert.Contains("Votre année de naissance", (await phone.SendAsync("1", id: "SM-after")).Text);
    }

    [Fact]
    public async Task Fifty_concurrent_STOP_and_START_toggles_publish_opt_outs_and_opt_ins_that_match_the_replies_and_the_final_state()
    {
        await Servers.FlushRedisAsync();
        await using var optedOut = await PlainRabbitQueue.BindAsync("Gateway.Contracts:ContactOptedOut");
        await using var optedIn = await PlainRabbitQueue.BindAsync("Gateway.Contracts:ContactOptedIn");
        await using var a = new IntegrationGatewayApplication().With("Abuse:InboundPerPhone", "0"); // bursts of one contact, not abuse
        await using var b = new IntegrationGatewayApplication().With("Abuse:InboundPerPhone", "0"); // bursts of one contact, not abuse
        HttpClient[] instances = [a.CreateClient(), b.CreateClient()];
        var phone = new SimulatorPhone(instances[0], "+212612340013");
        Assert.Contains("Que voulez-vous faire", (await phone.SendAsync("bonjour")).Text);

        var words = Enumerable.Range(0, Concurrent).Select(i => i % 2 == 0 ? "STOP" : "START").ToArray();
        var answers = await Task.WhenAll(words.Select((w, i) => phone.SendAsync(instances[i % 2], w, id: $"toggle-{i}")));

        // Opted in, STOP opts out (confirmed); opted out, STOP says nothing. Opted out, START opts in (confirmed);
        // opted in, START says "already". So serialised toggles confirm alternately, starting with a STOP.
        var stops = answers.Where((_, i) => words[i] == "STOP").ToList();
        var starts = answers.Where((_, i) => words[i] == "START").ToList();
        Assert.All(stops, r => Assert.True(r.Replies.Length == 0 || r.Text.Contains("vous ne recevrez plus aucun message"), r.Text));
        Assert.All(starts, r => Assert.True(r.Text.Contains("Bon retour") || r.Text.Contains("Vous recevez déjà nos messages"), r.Text));
        var stopConfirmed = stops.Count(r => r.Replies.Length > 0);
        var startConfirmed = starts.Count(r => r.Text.Contains("Bon retour"));
        Assert.InRange(stopConfirmed - startConfirmed, 0, 1);
        Assert.True(stopConfirmed >= 1, "the first STOP handled must opt out");

        // The bus carries exactly one event per confirmation, of this contact, with distinct ids.
        await Readiness.OutboxDrainedAsync(instances[0]);
        var outs = await optedOut.DrainAsync();
        var ins = await optedIn.DrainAsync();
        Assert.Equal(stopConfirmed, outs.Count);
        Assert.Equal(startConfirmed, ins.Count);
        Assert.Equal(outs.Count + ins.Count, outs.Concat(ins).Select(m => m.MessageId).Distinct().Count());
        Assert.All(outs.Concat(ins), m => Assert.Equal(answers[0].ContactId, m.Envelope.GetProperty("message").GetProperty("contactId").GetString()));

        // The final state follows the last confirmation: opted out after one more STOP than START, else opted in.
        var help = await phone.SendAsync("AIDE", id: "after-toggles");
        if (stopConfirmed > startConfirmed) Assert.Empty(help.Replies);
        else Assert.Contains("AVIS : signaler un problème", help.Text);
    }

    /// <summary>A reply without what legitimately differs between two contacts (the random feedback reference).</summary>
    private static string Shape(SimulatorAnswer answer) => $"{answer.ConversationOpen}|{Reference().Replace(answer.Text, "R-?????")}";
}
