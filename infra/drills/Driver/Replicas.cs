using Gateway.Testing;

namespace Gateway.Drills;

/// <summary>
/// Two gateway replicas, each its own <c>dotnet Gateway.dll</c> process on a loopback port, sharing Redis, RabbitMQ,
/// the provider fake and every secret, as two machines behind one load balancer would.
/// </summary>
public sealed class Replicas : IAsyncDisposable
{
    public const string AdminKey = "drill-admin-key-0123456789abcdef";
    public const string TwilioToken = "drill-twilio-auth-token-0123456789";
    public const string TwilioAccountSid = "AC0000000000000000000000000drills";
    public const string TwilioFrom = "+15005550006";
    public const string PseudonymKey = "drill-pseudonym-key-0123456789abcdef-0123456789abcdef";

    /// <summary>What providers sign against: one public URL for every replica, as behind a load balancer.</summary>
    public const string PublicBaseUrl = "https://drill.gateway.example";

    /// <summary>A Twilio number that belongs to Casablanca (added to the commune's numbers): votes and reports text it.</summary>
    public const string CasablancaNumber = "+15005550007";

    private readonly ServerProcess?[] _servers;
    private readonly Dictionary<string, string> _environment;

    private Replicas(ServerProcess?[] servers, Dictionary<string, string> environment)
    {
        _servers = servers;
        _environment = environment;
    }

    public int Count => _servers.Length;

    public static async Task<Replicas> StartAsync(DrillOptions options, string providerUrl, int count = 2)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Redis"] = options.Redis,
            ["ConnectionStrings__RabbitMq"] = options.RabbitMq,
            ["Gateway__PublicBaseUrl"] = PublicBaseUrl,
            ["Gateway__PseudonymKey"] = PseudonymKey,
            // The drill's Redis is wiped by each drill: no certificate for its key ring.
            ["DataProtection__AllowUnprotectedKeys"] = "true",
            ["Admin__ApiKeys__0__Name"] = "drill",
            ["Admin__ApiKeys__0__Hash"] = Gateway.Admin.AdminKeys.HashText(AdminKey),
            ["Ussd__AfricasTalking__AllowedIps"] = "127.0.0.1",
            ["Ussd__Arkesel__AllowedIps"] = "127.0.0.1",
            ["Twilio__AuthToken"] = TwilioToken,
            ["Twilio__AccountSid"] = TwilioAccountSid,
            ["Twilio__ApiBaseUrl"] = providerUrl,
            ["Twilio__From"] = TwilioFrom,
            ["Communes__0__Numbers__3"] = CasablancaNumber,
            // A drill runs at any hour: the default quiet hours (21:00–08:00) would hold the alert until morning.
            ["Alerts__QuietHours__Start"] = "00:00",
            ["Alerts__QuietHours__End"] = "00:00",
            // Paced like a real sender, so that the alert is still sending while the fault happens.
            ["Alerts__RateLimits__twilio"] = options.AlertPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Gateway"] = "Information",
        };
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string key && key.StartsWith("DRILL_GATEWAY_", StringComparison.Ordinal))
                environment[key["DRILL_GATEWAY_".Length..]] = (string)e.Value!; // e.g. DRILL_GATEWAY_Outbox__ClaimIdle=00:00:05

        var replicas = new Replicas(new ServerProcess?[count], environment);
        for (var i = 0; i < count; i++) await replicas.StartAsync(i);
        return replicas;
    }

    /// <summary>Starts (or restarts) replica <paramref name="index"/> on a new port; returns when /health/ready answers 200.</summary>
    public async Task StartAsync(int index)
    {
        var port = ServerProcess.FreePort();
        var environment = new Dictionary<string, string>(_environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };
        _servers[index] = await ServerProcess.StartAsync($"replica{index}", RepoPaths.GatewayDll, [], RepoPaths.GatewayDirectory, port, environment, "/health/ready");
    }

    /// <summary>The replica's address, or null once it was killed.</summary>
    public Uri? Address(int index) => _servers[index] is { Process.HasExited: false } server ? server.BaseAddress : null;

    public string LogPath(int index) => _servers[index]?.LogPath ?? "";

    /// <summary>SIGKILL: no shutdown, no drain, what a crashed machine does.</summary>
    public async Task KillAsync(int index)
    {
        var server = _servers[index] ?? throw new InvalidOperationException($"replica {index} is not running");
        server.Process.Kill();
        await server.Process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
            if (server is not null) await server.DisposeAsync();
    }
}
