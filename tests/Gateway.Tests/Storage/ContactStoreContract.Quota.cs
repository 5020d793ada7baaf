using Gateway.Conversations.Ports;

namespace Gateway.Tests.Storage;

/// <summary>The inbound quota a commit counts (<see cref="ContactCommit.Quota"/>), on both stores.</summary>
public abstract partial class ContactStoreContract
{
    private static InboundQuota Quota(long limit, long window = 2_944_000) => new("in", window, limit, TimeSpan.FromMinutes(20));

    [Fact]
    public async Task Past_the_quota_a_commit_is_refused_with_its_count_and_writes_nothing()
    {
        var store = await CreateStoreAsync();
        var id = NewContactId();
        var first = await CommittedVersionAsync(store, Commit(id, 0, State(id, "fr"), quota: Quota(2)));
        var second = await CommittedVersionAsync(store, Commit(id, first, State(id, "fr"), quota: Quota(2)));

        var past = Commit(id, second, State(id, "ar"), events: [Event("FeedbackReceived", "past")],
            counters: [new CounterIncrement("poll:past", "option:1", 1)], processed: Processed("SM-past", id), quota: Quota(2));
        Assert.Equal(3, Assert.IsType<CommitOutcome.OverQuota>(await store.Contacts.CommitAsync(past, None)).Count);
        Assert.Equal(4, Assert.IsType<CommitOutcome.OverQuota>(await store.Contacts.CommitAsync(past, None)).Count);

        var stored = await store.Contacts.GetAsync(id, None);
        Assert.Equal(second, stored!.Version);
        Assert.Equal("fr", stored.State.Language);
        Assert.Equal(0, await store.Outbox.BacklogAsync(None));
        Assert.Empty(await store.Counters.ReadAsync("poll:past", None));
        Assert.Null(await store.Contacts.GetProcessedAsync(id, "SM-past", None));

        // Only that contact, that quota's window: a commit carrying no quota (a command), the next window and another
        // contact are applied.
        var command = await CommittedVersionAsync(store, Commit(id, second, State(id, "ar")));
        await CommittedVersionAsync(store, Commit(id, command, State(id, "ar"), quota: Quota(2, window: 2_944_001)));
        var other = NewContactId();
        await CommittedVersionAsync(store, Commit(other, 0, State(other, "fr"), quota: Quota(2)));
    }

    [Fact]
    public async Task A_conflict_comes_back_only_for_a_message_counted_and_admitted_so_its_retry_carries_no_quota()
    {
        var store = await CreateStoreAsync();
        var id = NewContactId();
        var first = await CommittedVersionAsync(store, Commit(id, 0, State(id, "fr"), quota: Quota(2)));

        // A stale read: refused for its version, after counting (2 of 2).
        var conflict = Assert.IsType<CommitOutcome.Conflict>(await store.Contacts.CommitAsync(Commit(id, 0, State(id, "ar"), quota: Quota(2)), None));
        Assert.Equal(first, conflict.Current!.Version);
        // Its retry, decided again on the state handed back, counts nothing more.
        var retried = await CommittedVersionAsync(store, Commit(id, first, State(id, "ar")));

        // The next message is the third: the conflict counted once, the retry not at all.
        var third = Assert.IsType<CommitOutcome.OverQuota>(await store.Contacts.CommitAsync(Commit(id, retried, State(id, "zgh"), quota: Quota(2)), None));
        Assert.Equal(3, third.Count);
        Assert.Equal("ar", (await store.Contacts.GetAsync(id, None))!.State.Language);
    }

    [Fact]
    public async Task A_message_id_processed_before_answers_its_stored_result_past_the_quota_and_is_not_counted()
    {
        var store = await CreateStoreAsync();
        var id = NewContactId();
        var version = await CommittedVersionAsync(store, Commit(id, 0, State(id, "fr"), processed: Processed("SM-first", id), quota: Quota(1)));

        // The provider retries the processed message: its stored result, though the window is full, and not counted.
        var again = await store.Contacts.CommitAsync(Commit(id, version, State(id, "ar"), processed: Processed("SM-first", id, "Autre"), quota: Quota(1)), None);
        Assert.Equal("Merci ! Votre avis ?", Assert.Single(Assert.IsType<CommitOutcome.AlreadyProcessed>(again).Result.Replies).Text);

        var next = await store.Contacts.CommitAsync(Commit(id, version, State(id, "ar"), processed: Processed("SM-next", id), quota: Quota(1)), None);
        Assert.Equal(2, Assert.IsType<CommitOutcome.OverQuota>(next).Count);
        Assert.Equal(version, (await store.Contacts.GetAsync(id, None))!.Version);
    }
}
