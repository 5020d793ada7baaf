namespace Gateway.Feedback.Storage;

/// <summary>The desk's index script; as in Storage's scripts, its keys share one hash tag (the commune's).</summary>
internal static class FeedbackIndexScript
{
    /// <summary>
    /// KEYS (one commune's slot): all, kind, category, channel, language, due, open, closed, the five status sets in
    /// <see cref="FeedbackStatuses.All"/> order, simulated. ARGV: reference, received ms, due ms, open (1/0),
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
