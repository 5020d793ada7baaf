using Gateway.Conversations;
using Gateway.Feedback;
using Gateway.Feedback.Storage;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Gateway.Conversations.Ports;

namespace Gateway.IntegrationTests.Feedback;

/// <summary>The desk's record in the step's commit on Redis: written with the step, or not at all, and never twice under one reference.</summary>
[Collection(ServersCollection.Name)]
public class FeedbackRedisStoreSpecs
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> classes (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_step_filing_a_taken_reference_commits_nothing_and_the_retry_with_a_new_one_commits_everything()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(Redis));
        var store = new RedisStore(redis, NullLogger<RedisStore>.Instance);
        var desk = new RedisFeedbackStore(store);
        var references = new FeedbackReferences();
        const string first = "c-desk-first";
        // A second contact in the same shard, so the same reference is in both contacts' slot.
        var second = Enumerable.Range(0, 10_000).Select(i => "c-desk-" + i).First(id => RedisKeys.Shard(id) == RedisKeys.Shard(first));
        var reference = references.Next(first);
        var now = DateTimeOffset.UtcNow;

        ContactCommit Filing(string contact, string r) => new(contact, 0, new ContactState { ContactId = contact, Phone = "+212600000001", CreatedAt = now },
            [new OutboxEvent(Guid.NewGuid(), "FeedbackReceived", System.Text.Json.JsonDocument.Parse("{}").RootElement, now)], [new CounterIncrement("commune:casablanca", "feedback:water", 1)],
            new ProcessedMessage("SM-" + contact + r, new StepResult([], false, contact)),
            [FeedbackRecords.Of(FeedbackReport.Filed(r, contact, "casablanca", "water", "Pas d'eau de " + contact, null, "sms", "fr", now, TimeSpan.FromDays(60), simulated: false))]);

        Assert.IsType<CommitOutcome.Committed>(await store.CommitAsync(Filing(first, reference), None));
        var backlog = await store.BacklogAsync(None);

        var refused = await store.CommitAsync(Filing(second, reference), None);

        Assert.IsType<CommitOutcome.Conflict>(refused);
        Assert.Null(await store.GetAsync(second, None)); // no state, no event, no counter, no idempotency record
        Assert.Equal(backlog, await store.BacklogAsync(None));
        Assert.Null(await store.GetProcessedAsync(second, "SM-" + second + reference, None));
        Assert.Equal("Pas d'eau de " + first, (await desk.GetReportAsync(reference, None))!.Report.Text);

        var fresh = references.Next(second);
        Assert.IsType<CommitOutcome.Committed>(await store.CommitAsync(Filing(second, fresh), None));
        Assert.Equal("Pas d'eau de " + second, (await desk.GetReportAsync(fresh, None))!.Report.Text);
        Assert.Equal([fresh], await desk.ReferencesOfAsync(second, None));
        Assert.Equal(1 + backlog, await store.BacklogAsync(None));
        Assert.Equal(2, (await store.ReadAsync("commune:casablanca", None))["feedback:water"]);
    }
}
