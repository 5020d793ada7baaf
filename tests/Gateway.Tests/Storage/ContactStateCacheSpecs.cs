using Gateway.Storage.Redis;

namespace Gateway.Tests.Storage;

public sealed class ContactStateCacheSpecs
{
    [Fact]
    public void Past_its_capacity_the_oldest_inserted_contacts_go_first()
    {
        var cache = new ContactStateCache(3);
        foreach (var id in new[] { "a", "b", "c", "d", "e" }) cache.Set(id, 1, [1]);

        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet("a", out _, out _));
        Assert.False(cache.TryGet("b", out _, out _));
        Assert.True(cache.TryGet("e", out var version, out _));
        Assert.Equal(1, version);
    }

    [Fact]
    public void Updating_or_removing_a_contact_keeps_the_count_exact()
    {
        var cache = new ContactStateCache(10);
        cache.Set("a", 1, [1]);
        cache.Set("a", 2, [2]);
        cache.Set("b", 1, [1]);
        cache.Remove("b");
        cache.Remove("b");
        cache.Remove("never-seen");

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("a", out var version, out var json));
        Assert.Equal(2, version);
        Assert.Equal([2], json);
    }

    [Fact]
    public void Concurrent_insertions_never_leave_more_than_the_capacity()
    {
        var cache = new ContactStateCache(100);
        Parallel.For(0, 10_000, i => cache.Set("c" + i, i, [1]));

        Assert.InRange(cache.Count, 1, 100);
    }

    [Fact]
    public void A_zero_capacity_keeps_nothing()
    {
        var cache = new ContactStateCache(0);
        cache.Set("a", 1, [1]);

        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet("a", out _, out _));
    }
}
