using Gateway.Storage;
using StackExchange.Redis;

namespace Gateway.Alerts.Templates;

/// <summary>
/// Templates on Redis: one hash per commune, <c>gw:{tpl:&lt;commune&gt;}:alerttemplates</c>, field = template id, value =
/// its JSON. Every command touches that one key (one Cluster slot); a commune has a handful of templates, read whole.
/// </summary>
public sealed class RedisAlertTemplateStore(IConnectionMultiplexer redis) : IAlertTemplateStore
{
    public static RedisKey Key(string commune) => "gw:{tpl:" + commune.ToLowerInvariant() + "}:alerttemplates";

    private IDatabase Db => redis.GetDatabase();

    public async Task<IReadOnlyList<AlertTemplate>> ListAsync(string commune, CancellationToken cancellationToken) =>
        (await Db.HashGetAllAsync(Key(commune)))
            .Select(e => StoreJson.Deserialize<AlertTemplate>(e.Value.ToString()))
            .OrderBy(t => t.Id, StringComparer.Ordinal)
            .ToList();

    public Task SaveAsync(AlertTemplate template, CancellationToken cancellationToken) =>
        Db.HashSetAsync(Key(template.Commune), template.Id, StoreJson.Serialize(template));

    public Task<bool> DeleteAsync(string commune, string id, CancellationToken cancellationToken) =>
        Db.HashDeleteAsync(Key(commune), id);
}
