using Gateway.Storage.Redis;
using StackExchange.Redis;

namespace Gateway.Tests.Storage;

public sealed class OutboxEntryFieldsSpecs
{
    private static readonly Guid Id = Guid.Parse("6f1c2a9e-4b1d-4c7e-9a51-0d2f3b4c5e6f");

    private static StreamEntry Entry(params (string Name, RedisValue Value)[] fields) =>
        new("1-0", [.. fields.Select(f => new NameValueEntry(f.Name, f.Value))]);

    [Fact]
    public void An_entry_as_the_commit_script_writes_it_reads_back_whole_in_any_field_order()
    {
        var at = new DateTimeOffset(2026, 12, 1, 20, 15, 30, 123, TimeSpan.FromHours(1)).AddTicks(4567);
        var entry = Entry(("key", "c42"), ("payload", "{\"a\":\"ⵜⴰⵎⴰⵣⵉⵖⵜ\"}"), ("createdAt", at.ToString("O")), ("type", "FeedbackReceived"), ("id", Id.ToString("D")));

        var fields = OutboxEntryFields.Read(entry);

        Assert.True(fields.TryGetEvent(out var e));
        Assert.Equal(Id, e.MessageId);
        Assert.Equal("FeedbackReceived", e.MessageType);
        Assert.Equal("{\"a\":\"ⵜⴰⵎⴰⵣⵉⵖⵜ\"}", e.Payload);
        Assert.Equal(at, e.CreatedAt);
        Assert.Equal(at.Offset, e.CreatedAt.Offset);
        Assert.Equal("c42", (string?)fields.Key);
    }

    [Fact]
    public void A_time_in_another_ISO_form_still_reads_and_a_missing_one_is_the_minimum()
    {
        var other = OutboxEntryFields.Read(Entry(("id", Id.ToString("D")), ("type", "T"), ("payload", "{}"), ("createdAt", "2026-12-01T20:15:30Z")));
        var none = OutboxEntryFields.Read(Entry(("id", Id.ToString("D")), ("type", "T"), ("payload", "{}")));

        Assert.True(other.TryGetEvent(out var e));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 20, 15, 30, TimeSpan.Zero), e.CreatedAt);
        Assert.True(none.TryGetEvent(out var n));
        Assert.Equal(DateTimeOffset.MinValue, n.CreatedAt);
        Assert.True(none.Key.IsNull);
    }

    [Fact]
    public void An_entry_without_its_id_type_or_payload_is_no_event()
    {
        Assert.False(OutboxEntryFields.Read(Entry(("type", "T"), ("payload", "{}"))).TryGetEvent(out _));
        Assert.False(OutboxEntryFields.Read(Entry(("id", Id.ToString("D")), ("payload", "{}"))).TryGetEvent(out _));
        Assert.False(OutboxEntryFields.Read(Entry(("id", Id.ToString("D")), ("type", "T"))).TryGetEvent(out _));
    }

    [Fact]
    public void A_corrupt_id_fails_loudly_instead_of_dropping_the_event() =>
        Assert.Throws<FormatException>(() => OutboxEntryFields.Read(Entry(("id", Id.ToString("D") + "x"), ("type", "T"), ("payload", "{}"))).TryGetEvent(out _));

    [Fact]
    public void A_dead_letter_carries_its_reason() =>
        Assert.Equal("unknown type", OutboxEntryFields.Read(Entry(("id", Id.ToString("D")), ("reason", "unknown type"))).Reason.ToString());

    [Fact]
    public void An_entry_that_is_gone_is_no_event() =>
        Assert.False(OutboxEntryFields.Read(StreamEntry.Null).TryGetEvent(out _));
}
