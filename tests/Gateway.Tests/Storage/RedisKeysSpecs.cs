using Gateway.Storage.Redis;

namespace Gateway.Tests.Storage;

public sealed class RedisKeysSpecs
{
    [Fact]
    public void Every_key_of_a_contact_carries_its_shard_as_the_one_hash_tag()
    {
        const string id = "k3f9a1c2e7b4d6a8";
        var tag = RedisKeys.Tag(RedisKeys.Shard(id));
        string[] keys =
        [
            RedisKeys.Contact(id)!, RedisKeys.Processed(id, "SM1")!, RedisKeys.LegacyProcessedIndex(id)!,
            RedisKeys.OutboxOf(id)!, RedisKeys.CounterOf(id, "poll:p1")!, RedisKeys.Quota(id, "in", 2_944_000)!,
        ];
        foreach (var key in keys)
        {
            // Redis Cluster hashes only the text between the first '{' and the next '}'.
            var open = key.IndexOf('{');
            Assert.Equal(tag, key[open..(key.IndexOf('}', open) + 1)]);
        }
        Assert.Equal($"gw:{tag}:contact:{id}", RedisKeys.Contact(id).ToString());
        Assert.Equal($"gw:{tag}:outbox:dead", RedisKeys.DeadLettersOf(RedisKeys.OutboxOf(id)!).ToString());
        // The inbound quota's count keeps the key its counter had in front of the engine (deployments upgraded mid-window, erasure).
        Assert.Equal($"gw:{tag}:rate:in:{id}:2944000", RedisKeys.Quota(id, "in", 2_944_000).ToString());
        Assert.Equal("gw:rate:admin:ops:5", RedisKeys.Rate(null, "admin:ops", 5).ToString());
    }

    [Fact]
    public void The_shard_of_a_contact_is_stable_and_contacts_spread_over_all_64_shards()
    {
        // FNV-1a of "abc" is 0x1A47E90B; 0x1A47E90B % 64 = 11. Pinned: changing the hash would orphan stored data.
        Assert.Equal(11, RedisKeys.Shard("abc"));
        var shards = Enumerable.Range(0, 5000).Select(i => RedisKeys.Shard("contact-" + i)).ToHashSet();
        Assert.Equal(64, shards.Count);
        Assert.All(shards, s => Assert.InRange(s, 0, 63));
    }
}
