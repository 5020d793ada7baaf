using System.Globalization;

namespace Gateway.Benchmarks;

/// <summary>A benchmark cannot start (missing service, gateway not built, server did not come up): printed as one clear line.</summary>
public sealed class BenchmarkSetupException(string message) : Exception(message);

/// <summary>Command-line options shared by the HTTP benchmarks, and the service connection strings from the environment.</summary>
public sealed record BenchSettings(int Connections, TimeSpan Duration, TimeSpan Warmup, bool QuietLogs)
{
    /// <summary>The longest warm-up: past <see cref="Warmup"/>, the load goes on until the server's JIT settles, up to this.</summary>
    public TimeSpan MaxWarmup { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>Empty Redis (FLUSHALL, AOF rewritten) before each scenario, so each starts as the baseline did: only for a Redis of the benchmark's own.</summary>
    public bool FreshRedis { get; init; }

    /// <summary>Extra environment for the gateway process (<c>--gateway-env Key=Value</c>, repeatable): configuration or runtime experiments.</summary>
    public IReadOnlyDictionary<string, string> GatewayEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Gateway processes started side by side on the same Redis and RabbitMQ (<c>--replicas N</c>); connection i goes to replica i mod N.</summary>
    public int Replicas { get; init; } = 1;

    public string Redis { get; init; } = "";
    public string RabbitMq { get; init; } = "";

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(64, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30), false);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new BenchmarkSetupException($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--connections" => settings with { Connections = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--duration" => settings with { Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--warmup" => settings with { Warmup = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--max-warmup" => settings with { MaxWarmup = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--quiet-logs" => settings with { QuietLogs = true },
                "--fresh-redis" => settings with { FreshRedis = true },
                "--replicas" => settings with { Replicas = Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--gateway-env" => settings with { GatewayEnvironment = With(settings.GatewayEnvironment, Value()) },
                _ => throw new BenchmarkSetupException($"unknown option {args[i]}"),
            };
        }
        return settings with
        {
            Redis = Required("ConnectionStrings__Redis"),
            RabbitMq = Required("ConnectionStrings__RabbitMq"),
        };
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> environment, string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) throw new BenchmarkSetupException($"--gateway-env expects Key=Value, got '{pair}'");
        return new Dictionary<string, string>(environment) { [pair[..equals]] = pair[(equals + 1)..] };
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new BenchmarkSetupException(
                $"{name} is not set. Start the services first (bash infra/bench.sh does it all, or `bash infra/dev-up.sh` then `source .infra-run/dev/env.sh`).");
}
