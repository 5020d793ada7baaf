namespace Gateway.Storage;

/// <summary>
/// Where every store keeps its data, decided once for the whole gateway: Redis when <c>ConnectionStrings:Redis</c> is set
/// (one shared multiplexer, <see cref="StorageExtensions.AddGatewayStorage"/>), else the embedded default in process
/// memory. The one reader of that setting (tests/Gateway.Tests/Architecture/StorageSeamSpecs.cs fails on another): a
/// feature registers each store as a pair with <see cref="StoreRegistration.AddStore{TStore, TRedis, TMemory}"/>.
/// Not a record: its text would show the connection string, password included.
/// </summary>
public sealed class StorageChoice
{
    public const string ConnectionStringName = "Redis";

    private StorageChoice(string? redisConfiguration) => RedisConfiguration = string.IsNullOrWhiteSpace(redisConfiguration) ? null : redisConfiguration;

    /// <summary>The StackExchange.Redis configuration string, or null for the embedded default.</summary>
    public string? RedisConfiguration { get; }

    public bool UsesRedis => RedisConfiguration is not null;

    public static StorageChoice Of(IConfiguration configuration) => new(configuration.GetConnectionString(ConnectionStringName));
}
