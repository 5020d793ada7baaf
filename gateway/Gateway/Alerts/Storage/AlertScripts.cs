namespace Gateway.Alerts.Storage;

/// <summary>Lua scripts of <see cref="RedisAlertStore"/>. Each touches only keys of one hash tag (one Cluster slot) and runs atomically.</summary>
internal static class AlertScripts
{
    /// <summary>KEYS: def, state. ARGV: json. 1 = created, 0 = the id exists.</summary>
    public const string Create = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('HSET', KEYS[2], 'status', 'scheduled', 'cursor', '0', 'batches', 0, 'dispatched', 0)
        return 1
        """;

    /// <summary>KEYS: state. scheduled/paused → sending; returns the status after.</summary>
    public const string StartSending = """
        local s = redis.call('HGET', KEYS[1], 'status')
        if s == 'scheduled' or s == 'paused' then
          redis.call('HSET', KEYS[1], 'status', 'sending')
          redis.call('HDEL', KEYS[1], 'heldUntil')
          return 'sending'
        end
        return s
        """;

    /// <summary>KEYS: state, held. ARGV: heldUntil, batch JSON ('' = none). Holds a live alert (sending → paused).</summary>
    public const string Hold = """
        local s = redis.call('HGET', KEYS[1], 'status')
        if (not s) or s == 'done' or s == 'cancelled' then return 0 end
        if s == 'sending' then redis.call('HSET', KEYS[1], 'status', 'paused') end
        redis.call('HSET', KEYS[1], 'heldUntil', ARGV[1])
        if ARGV[2] ~= '' then redis.call('RPUSH', KEYS[2], ARGV[2]) end
        return 1
        """;

    // Shared by SaveDispatch and CompleteBatch: sending, fully dispatched, every batch done, none parked → done.
    private const string Finish = """
        local function finish(now)
          if redis.call('HGET', KEYS[1], 'status') ~= 'sending' then return false end
          if redis.call('HGET', KEYS[1], 'dispatched') ~= '1' then return false end
          if redis.call('SCARD', KEYS[2]) < tonumber(redis.call('HGET', KEYS[1], 'batches')) then return false end
          if redis.call('LLEN', KEYS[3]) > 0 then return false end
          redis.call('HSET', KEYS[1], 'status', 'done', 'completedAt', now)
          return true
        end
        """;

    /// <summary>
    /// KEYS: state, done, held. ARGV: cursor, batches, dispatched (0/1), now.
    /// Returns 2 = this call finished the alert, 1 = leave the schedule (sending or final), 0 = stay scheduled.
    /// </summary>
    public const string SaveDispatch = Finish + "\n" + """
        redis.call('HSET', KEYS[1], 'cursor', ARGV[1], 'batches', ARGV[2])
        if ARGV[3] == '0' then return 0 end
        redis.call('HSET', KEYS[1], 'dispatched', 1)
        if finish(ARGV[4]) then return 2 end
        if redis.call('HGET', KEYS[1], 'status') == 'paused' then return 0 end
        return 1
        """;

    /// <summary>KEYS: state, done, held. ARGV: batch, now. 1 = this call finished the alert.</summary>
    public const string CompleteBatch = Finish + "\n" + """
        if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
        if finish(ARGV[2]) then return 1 end
        return 0
        """;

    /// <summary>KEYS: state, held. ARGV: now. 1 = this call cancelled the alert.</summary>
    public const string Cancel = """
        local s = redis.call('HGET', KEYS[1], 'status')
        if (not s) or s == 'done' or s == 'cancelled' then return 0 end
        redis.call('HSET', KEYS[1], 'status', 'cancelled', 'completedAt', ARGV[1])
        redis.call('DEL', KEYS[2])
        return 1
        """;

    /// <summary>KEYS: claimed, counts. ARGV: contactId. 1 = claimed now (and counted targeted).</summary>
    public const string Claim = """
        if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('HINCRBY', KEYS[2], 'targeted', 1)
        return 1
        """;

    /// <summary>KEYS: claimed set, counts. ARGV: contact id. Undoes <see cref="Claim"/> (a send never attempted).</summary>
    public const string Unclaim = """
        if redis.call('SREM', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('HINCRBY', KEYS[2], 'targeted', -1)
        return 1
        """;

    /// <summary>KEYS: lease. ARGV: owner, ms. Takes or renews the lease.</summary>
    public const string Lease = """
        local o = redis.call('GET', KEYS[1])
        if (not o) or o == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        return 0
        """;

    /// <summary>KEYS: lease. ARGV: owner.</summary>
    public const string Release = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    /// <summary>KEYS: message. ARGV: alertId, ttl ms.</summary>
    public const string MapMessage = """
        redis.call('HSET', KEYS[1], 'alert', ARGV[1], 'final', 0)
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    /// <summary>KEYS: message. Marks it final once; returns the alert id, or false when unknown or already final.</summary>
    public const string FinalDelivery = """
        local a = redis.call('HGET', KEYS[1], 'alert')
        if not a then return false end
        if redis.call('HGET', KEYS[1], 'final') == '1' then return false end
        redis.call('HSET', KEYS[1], 'final', 1)
        return a
        """;

    /// <summary>KEYS: daily cap counter. ARGV: cap. 1 = taken.</summary>
    public const string TakeDaily = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('EXPIRE', KEYS[1], 172800) end
        if n > tonumber(ARGV[1]) then
          redis.call('DECR', KEYS[1])
          return 0
        end
        return 1
        """;
}
