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
        if (!await Db.KeyExistsAsync(key)) return null;
        await Db.HashSetAsync(key, PollKeys.ClosedAtField, at.ToString("O", CultureInfo.InvariantCulture), When.NotExists);
        return await GetAsync(pollId, cancellationToken);
    }

    public Task SetFinalTalliesAsync(string pollId, IReadOnlyList<long> tallies, CancellationToken cancellationToken) =>
        Db.HashSetAsync(PollKeys.Poll(pollId), PollKeys.FinalField, StoreJson.Serialize(tallies.ToArray()), When.NotExists);

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
