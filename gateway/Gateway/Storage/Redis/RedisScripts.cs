namespace Gateway.Storage.Redis;

/// <summary>
/// The Lua scripts of <see cref="RedisStore"/>. Every key a script touches is passed in KEYS and shares one hash tag,
/// so Redis Cluster routes the script to the one node owning the contact's slot. Scripts run atomically: no other
/// command interleaves, which is what makes a commit all-or-nothing.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// KEYS: contact, outbox, processed, processedidx, counter keys… ARGV: expectedVersion, stateJson, processedJson ('' = none),
    /// providerMessageId, ttlSeconds, eventCount, (id, type, payload, createdAt)×eventCount, (field, delta)×counterCount.
    /// Returns 1 when committed, 0 when the version moved (the caller reloads and decides again).
    /// </summary>
    public const string Commit = """
        local v = redis.call('HGET', KEYS[1], 'v')
        local current = 0
        if v then current = tonumber(v) end
        if current ~= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', current + 1, 's', ARGV[2])
        local n = tonumber(ARGV[6])
        local i = 7
        for e = 1, n do
          redis.call('XADD', KEYS[2], '*', 'id', ARGV[i], 'type', ARGV[i + 1], 'payload', ARGV[i + 2], 'createdAt', ARGV[i + 3])
          i = i + 4
        end
        for k = 5, #KEYS do
          redis.call('HINCRBY', KEYS[k], ARGV[i], ARGV[i + 1])
          i = i + 2
        end
        if ARGV[3] ~= '' then
          local ttl = tonumber(ARGV[5])
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          redis.call('SET', KEYS[3], ARGV[3], 'EX', ttl)
          redis.call('ZADD', KEYS[4], now + ttl * 1000, ARGV[4])
          redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
          redis.call('EXPIRE', KEYS[4], ttl)
        end
        return 1
        """;

    /// <summary>
    /// KEYS: contact, processedidx, processed keys… ARGV: the providerMessageIds the caller read from processedidx.
    /// Returns -1 when the index changed since it was read (the caller retries), else the number of keys deleted.
    /// </summary>
    public const string Erase = """
        if redis.call('ZCARD', KEYS[2]) ~= #ARGV then return -1 end
        for a = 1, #ARGV do
          if not redis.call('ZSCORE', KEYS[2], ARGV[a]) then return -1 end
        end
        local deleted = 0
        for k = 1, #KEYS do deleted = deleted + redis.call('DEL', KEYS[k]) end
        return deleted
        """;

    /// <summary>KEYS: outbox stream. ARGV: group, entry ids… Removes confirmed entries from the group's pending list and the stream together.</summary>
    public const string Acknowledge = """
        local ids = {}
        for a = 2, #ARGV do ids[#ids + 1] = ARGV[a] end
        redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
        return redis.call('XDEL', KEYS[1], unpack(ids))
        """;

    /// <summary>KEYS: outbox, dead-letter stream. ARGV: group, entryId, id, type, payload, createdAt, reason. Moves one entry, atomically.</summary>
    public const string DeadLetter = """
        redis.call('XADD', KEYS[2], '*', 'id', ARGV[3], 'type', ARGV[4], 'payload', ARGV[5], 'createdAt', ARGV[6], 'reason', ARGV[7], 'entry', ARGV[2])
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        return 1
        """;
}
