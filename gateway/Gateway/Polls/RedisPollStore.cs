using System.Globalization;
using Gateway.Storage;
using StackExchange.Redis;

namespace Gateway.Polls;

/// <summary>
/// Poll definitions on Redis (keys in <see cref="PollKeys"/>), over the gateway's one multiplexer. The keyword is claimed
/// with SET NX, or taken over from a closed poll with a transaction conditioned on the old holder, so two replicas
/// creating the same keyword at once cannot both win.
/// </summary>
public sealed class RedisPollStore(IConnectionMultiplexer redis) : IPollStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<bool> TryCreateAsync(PollDefinition poll, Func<Poll, bool> holdsKeyword, CancellationToken cancellationToken)
    {
        var db = Db;
        var keyword = PollKeys.Keyword(poll.Commune, poll.NormalizedKeyword);
        var claimed = await db.StringSetAsync(keyword, poll.Id, when: When.NotExists);
        for (var attempt = 0; !claimed && attempt < 5; attempt++)
        {
            var holder = await db.StringGetAsync(keyword);
            if (holder.IsNull)
            {
                claimed = await db.StringSetAsync(keyword, poll.Id, when: When.NotExists);
                continue;
            }
            if (await GetAsync(holder!, cancellationToken) is { } held && holdsKeyword(held)) return false;
            var take = db.CreateTransaction();
            take.AddCondition(Condition.StringEqual(keyword, holder));
            _ = take.StringSetAsync(keyword, poll.Id);
            claimed = await take.ExecuteAsync();
        }
        if (!claimed) return false;

        await db.HashSetAsync(PollKeys.Poll(poll.Id), PollKeys.DefinitionField, StoreJson.Serialize(poll));
        await db.SetAddAsync(PollKeys.CommunePolls(poll.Commune), poll.Id);
        await ChangedAsync(db);
        return true;
    }

    public async Task<Poll?> GetAsync(string pollId, CancellationToken cancellationToken) =>
        Read(await Db.HashGetAllAsync(PollKeys.Poll(pollId)));

    public async Task<IReadOnlyList<Poll>> ListAsync(IEnumerable<string> communes, CancellationToken cancellationToken)
    {
        var db = Db;
        var idSets = await Task.WhenAll(communes.Select(c => db.SetMembersAsync(PollKeys.CommunePolls(c))));
        var reads = idSets.SelectMany(ids => ids).Select(id => db.HashGetAllAsync(PollKeys.Poll(id.ToString()))).ToArray();
        return (await Task.WhenAll(reads)).Select(Read).OfType<Poll>().ToList();
    }

    public async Task<Poll?> CloseAsync(string pollId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = PollKeys.Poll(pollId);
        var db = Db;
        if (!await db.KeyExistsAsync(key)) return null;
        if (await db.HashSetAsync(key, PollKeys.ClosedAtField, at.ToString("O", CultureInfo.InvariantCulture), When.NotExists))
            await ChangedAsync(db);
        return await GetAsync(pollId, cancellationToken);
    }

    public async Task<bool> ReplaceDefinitionAsync(PollDefinition poll, CancellationToken cancellationToken)
    {
        var db = Db;
        // One key, one script: the definition is replaced only while it exists and no one closed the poll by hand.
        var replaced = (long)await db.ScriptEvaluateAsync(ReplaceScript, new { poll = PollKeys.Poll(poll.Id), def = StoreJson.Serialize(poll) });
        if (replaced == 1) await ChangedAsync(db);
        return replaced == 1;
    }

    private static readonly LuaScript ReplaceScript = LuaScript.Prepare($"""
        if redis.call('HEXISTS', @poll, '{PollKeys.DefinitionField}') == 0 or redis.call('HEXISTS', @poll, '{PollKeys.ClosedAtField}') == 1 then return 0 end
        redis.call('HSET', @poll, '{PollKeys.DefinitionField}', @def)
        return 1
        """);

    public async Task SetFinalTalliesAsync(string pollId, IReadOnlyList<long> tallies, CancellationToken cancellationToken)
    {
        var db = Db;
        if (await db.HashSetAsync(PollKeys.Poll(pollId), PollKeys.FinalField, StoreJson.Serialize(tallies.ToArray()), When.NotExists))
            await ChangedAsync(db);
    }

    public async ValueTask<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (long)await Db.StringGetAsync(PollKeys.Version);
        }
        catch (Exception ex) when (Storage.Redis.RedisStore.IsUnavailable(ex))
        {
            // As for a contact's read: the step cannot be decided safely, so the webhook answers 503 and the provider retries.
            throw new Conversations.Ports.StoreUnavailableException("The state store (Redis) is unavailable.", ex);
        }
    }

    // After the write, never before: a replica that reads the new number finds the change in the store.
    private static Task ChangedAsync(IDatabase db) => db.StringIncrementAsync(PollKeys.Version);

    private static Poll? Read(HashEntry[] fields)
    {
        var values = fields.ToDictionary(f => f.Name.ToString(), f => f.Value.ToString(), StringComparer.Ordinal);
        if (!values.TryGetValue(PollKeys.DefinitionField, out var json)) return null;
        var closedAt = values.TryGetValue(PollKeys.ClosedAtField, out var closed)
            ? DateTimeOffset.Parse(closed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : (DateTimeOffset?)null;
        var final = values.TryGetValue(PollKeys.FinalField, out var tallies) ? StoreJson.Deserialize<long[]>(tallies) : null;
        return new Poll(StoreJson.Deserialize<PollDefinition>(json), closedAt, final);
    }
}
