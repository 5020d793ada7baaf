namespace Gateway.Storage.Redis;

/// <summary>
/// The Lua scripts of <see cref="RedisStore"/>. Every key a script touches is passed in KEYS and shares one hash tag,
/// so Redis Cluster routes the script to the one node owning the contact's slot. Scripts run atomically: no other
/// command interleaves, which is what makes a commit all-or-nothing.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// KEYS: contact, outbox, processed, the quota's counter (only when there is a quota), counter keys…, (record, the
    /// contact's set of its collection)×recordCount.
    /// ARGV: expectedVersion ('0' = absent), newVersion, stateJson, processedJson ('' = no idempotency record), ttlSeconds,
    /// eventCount, orderKey (the contact id), recordCount, quotaLimit ('' = no quota), quotaTtlMilliseconds,
    /// (id, type, payload, createdAt)×eventCount, (field, delta)×counterCount, (recordId, recordJson)×recordCount.
    /// Returns {<see cref="CommitApplied"/>}; {<see cref="CommitAlreadyProcessed"/>, storedResultJson} when the message id was
    /// handled before; {<see cref="CommitOverQuota"/>, count} when the quota's count (this message counted: INCR, its TTL set on
    /// the window's first count, as Abuse's RedisRateCounter does) is past its limit; {<see cref="CommitConflict"/>,
    /// currentVersion, currentStateJson} ({0} alone when absent) when the version moved or a record exists already, so the
    /// caller decides again without another read. The quota is counted before the version check: a conflict means the
    /// message was counted and admitted, and its retry carries no quota.
    /// Versions are compared and written as strings: Lua numbers are doubles, printed with 14 digits.
    /// Every command here runs on every conversation step: keep it to what the step needs (the idempotency record is
    /// one SET with its TTL; erasure finds those records by key pattern instead of through an index kept on every step;
    /// a step creating no record pays one comparison for them).
    /// </summary>
    public const string Commit = """
        if ARGV[4] ~= '' then
          local done = redis.call('GET', KEYS[3])
          if done then return {2, done} end
        end
        local counters = 4
        if ARGV[9] ~= '' then
          local count = redis.call('INCR', KEYS[4])
          if count == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[10]) end
          if count > tonumber(ARGV[9]) then return {3, count} end
          counters = 5
        end
        local records = #KEYS - 2 * tonumber(ARGV[8]) + 1
        local v = redis.call('HGET', KEYS[1], 'v')
        local taken = false
        for k = records, #KEYS, 2 do
          if redis.call('EXISTS', KEYS[k]) == 1 then taken = true end
        end
        if (v or '0') ~= ARGV[1] or taken then
          if v then return {0, v, redis.call('HGET', KEYS[1], 's')} end
          return {0}
        end
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3])
        local n = tonumber(ARGV[6])
        local i = 11
        for e = 1, n do
          redis.call('XADD', KEYS[2], '*', 'id', ARGV[i], 'type', ARGV[i + 1], 'payload', ARGV[i + 2], 'createdAt', ARGV[i + 3], 'key', ARGV[7])
          i = i + 4
        end
        for k = counters, records - 1 do
          redis.call('HINCRBY', KEYS[k], ARGV[i], ARGV[i + 1])
          i = i + 2
        end
        for k = records, #KEYS, 2 do
          redis.call('HSET', KEYS[k], 'v', '1', 'j', ARGV[i + 1])
          redis.call('SADD', KEYS[k + 1], ARGV[i])
          i = i + 2
        end
        if ARGV[4] ~= '' then redis.call('SET', KEYS[3], ARGV[4], 'EX', ARGV[5]) end
        return {1}
        """;

    public const long CommitConflict = 0, CommitApplied = 1, CommitAlreadyProcessed = 2, CommitOverQuota = 3;

    /// <summary>
    /// KEYS: record, outbox. ARGV: expected version ("" = the record must not exist yet), new version, record JSON, order
    /// key, eventCount, (id, type, payload, createdAt)×n. 0 when the record exists (create) or its version moved (update).
    /// </summary>
    public const string WriteRecord = """
        if (redis.call('HGET', KEYS[1], 'v') or '') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 'j', ARGV[3])
        local i = 6
        for e = 1, tonumber(ARGV[5]) do
          redis.call('XADD', KEYS[2], '*', 'id', ARGV[i], 'type', ARGV[i + 1], 'payload', ARGV[i + 2], 'createdAt', ARGV[i + 3], 'key', ARGV[4])
          i = i + 4
        end
        return 1
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
