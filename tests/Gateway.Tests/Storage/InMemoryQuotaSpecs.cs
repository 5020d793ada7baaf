using Gateway.Conversations;
using Gateway.Conversations.Ports;
using Gateway.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Storage;

/// <summary>The embedded store's inbound quota counts: kept for the quota's TTL, gone with the contact on erasure.</summary>
public sealed class InMemoryQuotaSpecs
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly InboundQuota OneAMinute = new("in", 7, 1, TimeSpan.FromMinutes(2));

    [Fact]
    public async Task A_count_lasts_its_TTL_from_the_windows_first_message_then_starts_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new InMemoryStore(clock);
        var version = Committed(await store.CommitAsync(Commit("c1", 0), None));
        Assert.Equal(2, Assert.IsType<CommitOutcome.OverQuota>(await store.CommitAsync(Commit("c1", version), None)).Count);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, Assert.IsType<CommitOutcome.OverQuota>(await store.CommitAsync(Commit("c1", version), None)).Count);

        clock.Advance(TimeSpan.FromMinutes(1));
        Committed(await store.CommitAsync(Commit("c1", version), None));
    }

    [Fact]
    public async Task Erasing_a_contact_drops_its_counts()
    {
        var store = new InMemoryStore(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var version = Committed(await store.CommitAsync(Commit("c1", 0), None));
        Committed(await store.CommitAsync(Commit("c2", 0), None));
        Assert.IsType<CommitOutcome.OverQuota>(await store.CommitAsync(Commit("c1", version), None));

        Assert.True(await store.EraseAsync("c1", None));

        Committed(await store.CommitAsync(Commit("c1", 0), None));
        Assert.Equal(2, Assert.IsType<CommitOutcome.OverQuota>(await store.CommitAsync(Commit("c2", 0), None)).Count);
    }

    private static ContactCommit Commit(string id, long expected) =>
        new(id, expected, new ContactState { ContactId = id, Phone = "+212600000001" }, [], [], null, Quota: OneAMinute);

    private static long Committed(CommitOutcome outcome) => Assert.IsType<CommitOutcome.Committed>(outcome).Version;
}
