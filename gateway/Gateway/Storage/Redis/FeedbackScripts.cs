namespace Gateway.Storage.Redis;

/// <summary>The desk's Lua scripts; as in <see cref="RedisScripts"/>, every script's keys share one hash tag.</summary>
internal static class FeedbackScripts
{
    /// <summary>
    /// <see cref="RedisScripts.Commit"/> for a step that files a report. KEYS: contact, outbox, processed, report, the
    /// contact's report set, counter keys… ARGV: as Commit's, then the reference and the report JSON last. A reference that
    /// exists already answers as a version conflict (the step is decided again with a new reference). Kept apart from
    /// Commit so that every other step runs the shorter script.
    /// </summary>
    public const string CommitFiling = """
        if ARGV[4] ~= '' then
          local done = redis.call('GET', KEYS[3])
          if done then return {2, done} end
        end
        local v = redis.call('HGET', KEYS[1], 'v')
        if (v or '0') ~= ARGV[1] or redis.call('EXISTS', KEYS[4]) == 1 then
          if v then return {0, v, redis.call('HGET', KEYS[1], 's')} end
          return {0}
        end
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3])
        local n = tonumber(ARGV[6])
        local i = 8
        for e = 1, n do
          redis.call('XADD', KEYS[2], '*', 'id', ARGV[i], 'type', ARGV[i + 1], 'payload', ARGV[i + 2], 'createdAt', ARGV[i + 3], 'key', ARGV[7])
          i = i + 4
        end
        for k = 6, #KEYS do
          redis.call('HINCRBY', KEYS[k], ARGV[i], ARGV[i + 1])
          i = i + 2
        end
        redis.call('HSET', KEYS[4], 'v', '1', 'j', ARGV[#ARGV])
        redis.call('SADD', KEYS[5], ARGV[#ARGV - 1])
        if ARGV[4] ~= '' then redis.call('SET', KEYS[3], ARGV[4], 'EX', ARGV[5]) end
        return {1}
        """;

    /// <summary>KEYS: report, outbox. ARGV: report JSON, order key, eventCount, (id, type, payload, createdAt)×n. 0 when the reference exists.</summary>
    public const string Create = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'v', '1', 'j', ARGV[1])
        local i = 4
        for e = 1, tonumber(ARGV[3]) do
          redis.call('XADD', KEYS[2], '*', 'id', ARGV[i], 'type', ARGV[i + 1], 'payload', ARGV[i + 2], 'createdAt', ARGV[i + 3], 'key', ARGV[2])
          i = i + 4
        end
        return 1
        """;

    /// <summary>KEYS: report, outbox. ARGV: expected version, new version, report JSON, order key, eventCount, events×4. 0 when the version moved.</summary>
    public const string Update = """
        if redis.call('HGET', KEYS[1], 'v') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 'j', ARGV[3])
        local i = 6
        for e = 1, tonumber(ARGV[5]) do
          redis.call('XADD', KEYS[2], '*', 'id', ARGV[i], 'type', ARGV[i + 1], 'payload', ARGV[i + 2], 'createdAt', ARGV[i + 3], 'key', ARGV[4])
          i = i + 4
        end
        return 1
        """;

    /// <summary>
    /// KEYS (one commune's slot): all, kind, category, channel, language, due, open, closed, the five status sets in
    /// <see cref="Feedback.FeedbackStatuses.All"/> order, simulated. ARGV: reference, received ms, due ms, open (1/0),
    /// closed ms ('' = not in the purge queue), status position (1–5), simulated (1/0). Puts the reference in the sets
    /// matching the report and takes it out of the others: applying it twice changes nothing.
    /// </summary>
    public const string Index = """
        local r = ARGV[1]
        for k = 1, 5 do redis.call('ZADD', KEYS[k], ARGV[2], r) end
        redis.call('ZADD', KEYS[6], ARGV[3], r)
        if ARGV[4] == '1' then redis.call('ZADD', KEYS[7], ARGV[3], r) else redis.call('ZREM', KEYS[7], r) end
        if ARGV[5] ~= '' then redis.call('ZADD', KEYS[8], ARGV[5], r) else redis.call('ZREM', KEYS[8], r) end
        local s = tonumber(ARGV[6])
        for k = 9, 13 do
          if k - 8 == s then redis.call('ZADD', KEYS[k], ARGV[2], r) else redis.call('ZREM', KEYS[k], r) end
        end
        if ARGV[7] == '1' then redis.call('ZADD', KEYS[14], ARGV[2], r) end
        return 1
        """;
}
