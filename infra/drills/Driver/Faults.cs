using System.Diagnostics;

namespace Gateway.Drills;

/// <summary>When the fault began and when it was over (the service back, the replica dead, the provider healthy again).</summary>
public sealed record FaultWindow(TimeSpan Start, TimeSpan End);

/// <summary>
/// The one fault a drill injects, through the same means an operator or an accident would: infra/services.sh stops and
/// starts RabbitMQ or Redis (same port, same data), a replica gets SIGKILL, the provider fake refuses a third of its calls.
/// </summary>
public sealed class Faults(DrillOptions options, Replicas replicas, DrillProvider provider, Stopwatch clock)
{
    public async Task<FaultWindow> InjectAsync()
    {
        var start = clock.Elapsed;
        switch (options.Fault)
        {
            case "rabbitmq-stop":
                await Infra("stop", "rabbitmq");
                await Task.Delay(options.BrokerOutage);
                await Infra("start", "rabbitmq");
                break;
            case "redis-master":
                return new FaultWindow(start, await RedisMasterAsync());
            case "replica-kill":
                await replicas.KillAsync(1);
                break;
            case "provider-errors":
                provider.FailThirdFor(options.ProviderFault);
                return new FaultWindow(start, start + options.ProviderFault);
            case "replica-kill-broker-down":
                await Infra("stop", "rabbitmq");
                await Task.Delay(TimeSpan.FromSeconds(2));
                await replicas.KillAsync(1);
                await Task.Delay(options.BrokerOutage - TimeSpan.FromSeconds(2));
                await Infra("start", "rabbitmq");
                break;
            // none, webhooks-twice, contact-race: the fault is in how messages are delivered (Load.Mode), or there is none.
        }
        return new FaultWindow(start, clock.Elapsed);
    }

    /// <summary>
    /// A Redis master SIGKILLed by infra/drills/redis-fault.sh on the drill's topology (DRILL_REDIS), then started again
    /// after DRILL_REDIS_OUTAGE seconds (default 10). Under Sentinel the sentinels promote the replica on their own, so
    /// the fault is over at the kill and recovery is the failover; on the cluster (no replicas here) and on a single
    /// Redis, the fault lasts until the node is back.
    /// </summary>
    private async Task<TimeSpan> RedisMasterAsync()
    {
        var script = Path.Combine(RepoPaths.Root, "infra", "drills", "redis-fault.sh");
        await Run("bash", [script, "kill"]);
        var killed = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("DRILL_REDIS_OUTAGE") ?? "10", System.Globalization.CultureInfo.InvariantCulture)));
        await Run("bash", [script, "restore"]);
        return Environment.GetEnvironmentVariable("DRILL_REDIS") == "sentinel" ? killed : clock.Elapsed;
    }

    private Task Infra(string action, string service) => Run("bash", [options.InfraScript, action, service]);

    private static async Task Run(string file, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new DrillSetupException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new DrillSetupException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await output}{await error}");
    }
}
