using Gateway.Bus;
using Gateway.Conversations;

namespace Gateway.Tests.Bus;

public sealed class EventIdsSpecs
{
    [Fact]
    public void Name_based_ids_match_the_RFC_9562_version_5_example()
    {
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), EventIds.NameBased(dns, "www.example.com"));
    }

    [Fact]
    public void The_same_event_always_gets_the_same_id_and_different_events_different_ids()
    {
        var id = EventIds.Deterministic("FeedbackReceived", "c1:R-4F7K");
        Assert.Equal(id, EventIds.Deterministic("FeedbackReceived", "c1:R-4F7K"));
        Assert.NotEqual(id, EventIds.Deterministic("FeedbackReceived", "c1:R-4F7L"));
        Assert.NotEqual(id, EventIds.Deterministic("PollVoteRecorded", "c1:R-4F7K"));
        // The separator keeps ("ab", "c") and ("a", "bc") apart.
        Assert.NotEqual(EventIds.Deterministic("ab", "c"), EventIds.Deterministic("a", "bc"));
        Assert.Equal(5, id.Version);
    }
}
