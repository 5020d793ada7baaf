using Gateway.Conversations;
using Gateway.Storage;
using Gateway.Conversations.Ports;

namespace Gateway.Tests.Storage;

/// <summary>
/// What every store must do, whatever it runs on. Run against <see cref="InMemoryStore"/> here and against the Redis
/// store in Gateway.IntegrationTests (which links this file), so the embedded default and production behave alike.
/// </summary>
public abstract partial class ContactStoreContract
{
    /// <summary>The three faces of one store instance (one object in both implementations), on empty storage.</summary>
    protected sealed record StoreUnderTest(IContactStore Contacts, IOutboxStore Outbox, ICounterStore Counters, IOutboxDeadLetters DeadLetters);

    /// <summary>A fresh, empty store (the Redis subclass flushes its database).</summary>
    protected abstract Task<StoreUnderTest> CreateStoreAsync();

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.FromHours(1));
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_fresh_contact_is_absent_then_stored_by_a_commit_expecting_0()
    {
        var store = await CreateStoreAsync();
        var id = NewContactId();
        Assert.Null(await store.Contacts.GetAsync(id, None));

        var version = await CommittedVersionAsync(store, Commit(id, 0, State(id, "fr")));

        var stored = await store.Contacts.GetAsync(id, None);
        Assert.NotNull(stored);
        Assert.True(version > 0);
        Assert.Equal(version, stored.Version);
        Assert.Equal("fr", stored.State.Language);
        Assert.Equal("+212600000001", stored.State.Phone);
    }

    [Fact]
    public async Task A_commit_with_a_stale_version_is_refused_and_writes_nothing()
    {
        var store = await CreateStoreAsync();
        var id = NewContactId();
        var first = await CommittedVersionAsync(store, Commit(id, 0, State(id, "fr")));

        var stale = Commit(id, 0, State(id, "ar"),
            events: [Event("FeedbackReceived", "stale")],
            counters: [new CounterIncrement("poll:stale", "option:1", 1)],
            processed: Processed("SM-stale", id));
        Assert.False(await store.Contacts.TryCommitAsync(stale, None));

        var stored = await store.Contacts.GetAsync(id, None);
        Assert.Equal(first, stored!.Version);
        Assert.Equal("fr", stored.State.Language);
        Assert.Equal(0, await store.Outbox.BacklogAsync(None));
        Assert.Empty(await store.Counters.ReadAsync("poll:stale", None));
        Assert.Null(await store.Contacts.GetProcessedAsync(id, "SM-stale", None));

        Assert.Equal(first + 1, await CommittedVersionAsync(store, Commit(id, first, State(id, "ar"))));
        Assert.Equal(first + 1, (await store.Contacts.GetAsync(id, None))!.Version);
    }

    [Fact]
    public async Task A_refused_commit_hands_back_the_state_and_version_to_decide_again_on()
    {
        var store = await CreateStoreAsync();
        var id = NewContactId();
        var first = await CommittedVersionAsync(store, Commit(id, 0, State(id, "fr")));
        var second = await CommittedVersionAsync(store, Commit(id, first, State(id, "ar")));

        var conflict = Assert.IsType<CommitOutcome.Conflict>(await store.Contacts.CommitAsync(Commit(id, first, State(id, "zgh")), None));
        Assert.NotNull(conflict.Current);
        Assert.Equal(second, conflict.Current.Version);
        Assert.Equal("ar", conflict.Current.State.Language);

        // Expecting a contact that does not exist (never created, or erased): refused, and nothing to hand back.
        var absent = NewContactId();
        var none = Assert.IsType<CommitOutcome.Conflict>(await store.Contacts.CommitAsync(Commit(absent, 12, State(absent, "fr")), None));
        Assert.Null(none.Current);
        Assert.Null(await store.Contacts.GetAsync(absent, None));
    }

    [Fact]
    public async Task A_message_id_processed_before_is_refused_with_its_result_even_at_the_right_version_and_writes_nothing()
    {
        var store = await CreateStoreAsync();
        var id = NewContactId();
        var version = await CommittedVersionAsync(store, Commit(id, 0, State(id, "fr"), processed: Processed("SM-once", id)));

        var again = Commit(id, version, State(id, "ar"), events: [Event("FeedbackReceived", "twice")],
            counters: [new CounterIncrement("poll:twice", "option:1", 1)], processed: Processed("SM-once", id, "Autre réponse"));
        var outcome = Assert.IsType<CommitOutcome.AlreadyProcessed>(await store.Contacts.CommitAsync(again, None));

        Assert.Equal("Merci ! Votre avis ?", Assert.Single(outcome.Result.Replies).Text);
        var stored = await store.Contacts.GetAsync(id, None);
        Assert.Equal(version, stored!.Version);
        Assert.Equal("fr", stored.State.Language);
        Assert.Equal(0, await store.Outbox.BacklogAsync(None));
        Assert.Empty(await store.Counters.ReadAsync("poll:twice", None));
    }

    [Fact]
    public async Task A_contact_erased_and_created_again_never_repeats_a_version_a_stale_copy_could_match()
    {
        var store = await CreateStoreAsync();
        var id = NewContactId();
        var before = await CommittedVersionAsync(store, Commit(id, 0, State(id, "fr")));
        Assert.True(await store.Contacts.EraseAsync(id, None));

        var after = await CommittedVersionAsync(store, Commit(id, 0, State(id, "ar")));

        Assert.NotEqual(before, after);
        Assert.IsType<CommitOutcome.Conflict>(await store.Contacts.CommitAsync(Commit(id, before, State(id, "fr")), None));
        Assert.Equal("ar", (await store.Contacts.GetAsync(id, None))!.State.Language);
    }

    [Fact]
    public async Task A_processed_message_record_returns_the_same_replies_and_only_for_its_id()
    {
        var store = await CreateStoreAsync();
        var id = NewContactId();
        Assert.True(await store.Contacts.TryCommitAsync(Commit(id, 0, State(id, "fr"), processed: Processed("SM123", id)), None));

        var result = await store.Contacts.GetProcessedAsync(id, "SM123", None);
        Assert.NotNull(result);
        Assert.Equal(id, result.ContactId);
        Assert.True(result.ConversationOpen);
        var reply = Assert.Single(result.Replies);
        Assert.Equal("Merci ! Votre avis ?", reply.Text);
        Assert.Equal(["1", "2"], reply.Options.Select(o => o.Key));
        Assert.Equal("fr", reply.Language);

        Assert.Null(await store.Contacts.GetProcessedAsync(id, "SM124", None));
        Assert.Null(await store.Contacts.GetProcessedAsync(NewContactId(), "SM123", None));
    }

    [Fact]
    public async Task Counters_from_many_contacts_are_read_back_as_totals()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 20; i++)
        {
            var id = NewContactId();
            var option = i % 4 == 0 ? "option:2" : "option:1";
            Assert.True(await store.Contacts.TryCommitAsync(
                Commit(id, 0, State(id, "fr"), counters: [new("poll:p1", option, 1), new("poll:p1", "votes", 1), new("commune:c1", "contacts", 2)]), None));
        }

        var poll = await store.Counters.ReadAsync("poll:p1", None);
        Assert.Equal(15, poll["option:1"]);
        Assert.Equal(5, poll["option:2"]);
        Assert.Equal(20, poll["votes"]);
        Assert.Equal(40, (await store.Counters.ReadAsync("commune:c1", None))["contacts"]);
        Assert.Empty(await store.Counters.ReadAsync("poll:unknown", None));
    }

    [Fact]
    public async Task Outbox_events_stay_pending_until_acknowledged_then_are_gone()
    {
        var store = await CreateStoreAsync();
        var a = NewContactId();
        var b = NewContactId();
        var first = Event("FeedbackReceived", "a1");
        var second = Event("PollVoteRecorded", "a2");
        var third = Event("ContactOptedOut", "b1");
        Assert.True(await store.Contacts.TryCommitAsync(Commit(a, 0, State(a, "fr"), events: [first, second]), None));
        Assert.True(await store.Contacts.TryCommitAsync(Commit(b, 0, State(b, "fr"), events: [third]), None));
        Assert.Equal(3, await store.Outbox.BacklogAsync(None));

        var pending = await store.Outbox.ReadPendingAsync(100, None);
        Assert.Equal(new[] { first.MessageId, second.MessageId, third.MessageId }.Order(), pending.Select(p => p.Event.MessageId).Order());
        // One contact's events keep their commit order.
        Assert.Equal([first.MessageId, second.MessageId], pending.Where(p => p.Event.MessageId != third.MessageId).Select(p => p.Event.MessageId));
        var read = pending.Single(p => p.Event.MessageId == first.MessageId).Event;
        Assert.Equal("FeedbackReceived", read.MessageType);
        Assert.Equal(StoredEvent.From(first).Payload, read.Payload);
        Assert.Equal(first.CreatedAt, read.CreatedAt);

        // Not acknowledged (a publish failed): the same entries come back.
        var again = await store.Outbox.ReadPendingAsync(100, None);
        Assert.Equal(pending.Select(p => p.Event.MessageId).Order(), again.Select(p => p.Event.MessageId).Order());

        await store.Outbox.AcknowledgeAsync(again, None);
        Assert.Equal(0, await store.Outbox.BacklogAsync(None));
        Assert.Empty(await store.Outbox.ReadPendingAsync(100, None));
    }

    [Fact]
    public async Task Reading_the_outbox_returns_at_most_the_batch_size_and_the_rest_later()
    {
        var store = await CreateStoreAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var id = NewContactId();
            var e = Event("FeedbackReceived", "batch" + i);
            ids.Add(e.MessageId);
            Assert.True(await store.Contacts.TryCommitAsync(Commit(id, 0, State(id, "fr"), events: [e]), None));
        }

        var seen = new List<Guid>();
        for (var round = 0; round < 10 && seen.Count < 7; round++)
        {
            var batch = await store.Outbox.ReadPendingAsync(3, None);
            Assert.InRange(batch.Count, 1, 3);
            seen.AddRange(batch.Select(b => b.Event.MessageId));
            await store.Outbox.AcknowledgeAsync(batch, None);
        }
        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(0, await store.Outbox.BacklogAsync(None));
    }

    [Fact]
    public async Task A_dead_lettered_entry_leaves_the_outbox_and_is_kept_with_its_reason()
    {
        var store = await CreateStoreAsync();
        var id = NewContactId();
        var e = Event("NoSuchEvent", "x");
        Assert.True(await store.Contacts.TryCommitAsync(Commit(id, 0, State(id, "fr"), events: [e]), None));

        var entry = Assert.Single(await store.Outbox.ReadPendingAsync(100, None));
        await store.DeadLetters.DeadLetterAsync(entry, "unknown type", None);

        Assert.Equal(0, await store.Outbox.BacklogAsync(None));
        Assert.Empty(await store.Outbox.ReadPendingAsync(100, None));
        var letter = Assert.Single(await store.DeadLetters.ReadDeadLettersAsync(10, None));
        Assert.Equal(e.MessageId, letter.Event.MessageId);
        Assert.Equal(StoredEvent.From(e).Payload, letter.Event.Payload);
        Assert.Equal("unknown type", letter.Reason);
    }

    [Fact]
    public async Task Erasing_a_contact_removes_its_state_and_processed_records_but_not_the_tallies()
    {
        var store = await CreateStoreAsync();
        var id = NewContactId();
        var other = NewContactId();
        var first = await CommittedVersionAsync(store, Commit(id, 0, State(id, "fr"), counters: [new("poll:p9", "option:1", 1)], processed: Processed("SM1", id)));
        Assert.True(await store.Contacts.TryCommitAsync(Commit(id, first, State(id, "fr"), processed: Processed("SM2", id)), None));
        Assert.True(await store.Contacts.TryCommitAsync(Commit(other, 0, State(other, "ar"), processed: Processed("SM1", other)), None));

        Assert.True(await store.Contacts.EraseAsync(id, None));

        Assert.Null(await store.Contacts.GetAsync(id, None));
        Assert.Null(await store.Contacts.GetProcessedAsync(id, "SM1", None));
        Assert.Null(await store.Contacts.GetProcessedAsync(id, "SM2", None));
        Assert.False(await store.Contacts.EraseAsync(id, None));
        Assert.Equal(1, (await store.Counters.ReadAsync("poll:p9", None))["option:1"]);
        Assert.NotNull(await store.Contacts.GetAsync(other, None));
        Assert.NotNull(await store.Contacts.GetProcessedAsync(other, "SM1", None));

        // The id can start afresh.
        Assert.True(await store.Contacts.TryCommitAsync(Commit(id, 0, State(id, "zgh")), None));
    }

    protected static string NewContactId() => "c" + Guid.NewGuid().ToString("N")[..16];

    protected static ContactState State(string id, string language) => new()
    {
        ContactId = id,
        Phone = "+212600000001",
        Language = language,
        CreatedAt = Now,
    };

    protected static ContactCommit Commit(
        string id, long expectedVersion, ContactState state,
        IReadOnlyList<OutboxEvent>? events = null, IReadOnlyList<CounterIncrement>? counters = null, ProcessedMessage? processed = null,
        InboundQuota? quota = null) =>
        new(id, expectedVersion, state, events ?? [], counters ?? [], processed, Quota: quota);

    protected static OutboxEvent Event(string type, string key) =>
        new(Guid.NewGuid(), type, System.Text.Json.JsonDocument.Parse($$"""{"key":"{{key}}"}""").RootElement, Now);

    /// <summary>Commits, asserts it was applied, and returns the version the contact is now at.</summary>
    private static async Task<long> CommittedVersionAsync(StoreUnderTest store, ContactCommit commit) =>
        Assert.IsType<CommitOutcome.Committed>(await store.Contacts.CommitAsync(commit, None)).Version;

    private static ProcessedMessage Processed(string providerMessageId, string contactId, string text = "Merci ! Votre avis ?") =>
        new(providerMessageId, new StepResult(
            [new Reply(text, [new ReplyOption("1", "Oui"), new ReplyOption("2", "Non")], "fr")],
            ConversationOpen: true, contactId));
}
