using System.Text.RegularExpressions;

namespace Gateway.Tests.Architecture;

/// <summary>
/// Redis or memory is chosen once, in gateway/Gateway/Storage (<c>StorageChoice</c>); every other folder registers its
/// stores through that seam (<c>AddStore&lt;TStore, TRedis, TMemory&gt;</c>) instead of reading the connection string or
/// probing the container for a multiplexer, so a new store repeats no choice.
/// </summary>
public sealed partial class StorageSeamSpecs
{
    [Fact]
    public void Only_the_storage_folder_decides_between_Redis_and_memory()
    {
        var source = SourceLayerSpecs.GatewaySource();
        var storage = Path.Combine(source, "Storage") + Path.DirectorySeparatorChar;
        var deciders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.StartsWith(storage, StringComparison.Ordinal)
                           && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                           && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(file => (File: Path.GetRelativePath(source, file), Code: string.Join('\n', File.ReadLines(file)
                .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)))))
            .SelectMany(f => Decision().Matches(f.Code).Select(m => $"{f.File}: {m.Value}"))
            .ToList();

        Assert.True(deciders.Count == 0, "These choose between Redis and memory outside Storage (use StorageChoice / AddStore):\n" + string.Join("\n", deciders));
    }

    [Fact]
    public void The_rule_sees_each_way_a_feature_used_to_decide()
    {
        Assert.Matches(Decision(), """if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))""");
        Assert.Matches(Decision(), "sp.GetService<StackExchange.Redis.IConnectionMultiplexer>() is { } redis");
        Assert.Matches(Decision(), "sp.GetService<RedisStore>() is { } redis");
        Assert.DoesNotMatch(Decision(), "services.AddStore<IPollStore, RedisPollStore, InMemoryPollStore>();");
    }

    [GeneratedRegex(@"GetConnectionString\(\s*""Redis""\s*\)|GetService<(StackExchange\.Redis\.)?(IConnectionMultiplexer|RedisStore|InMemoryStore)>")]
    private static partial Regex Decision();
}
