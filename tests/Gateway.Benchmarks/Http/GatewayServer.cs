namespace Gateway.Benchmarks.Http;

/// <summary>Starts the real gateway (its Release build, <c>dotnet Gateway.dll</c>) on a loopback port against the real services.</summary>
public static class GatewayServer
{
    public const string AuthToken = "bench-twilio-auth-token-0123456789";
    public const string AdminKey = "bench-admin-key-0123456789";

    public static Task<ServerProcess> StartAsync(BenchSettings settings, IReadOnlyDictionary<string, string>? scenarioEnvironment = null)
    {
        var port = ServerProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = url,
            ["ConnectionStrings__Redis"] = settings.Redis,
            ["ConnectionStrings__RabbitMq"] = settings.RabbitMq,
            ["Twilio__AuthToken"] = AuthToken,
            ["Twilio__AccountSid"] = TwilioRequests.AccountSid,
            ["Gateway__PublicBaseUrl"] = url,
            // The votes benchmark creates its poll through the admin API, in Casablanca, whose numbers gain a number of the benchmark.
            ["Communes__0__Numbers__3"] = TwilioRequests.CasablancaNumber,
        };
        foreach (var (key, value) in SafeSettings.AsEnvironment(AdminKey)) environment[key] = value;
        // Production logs at Information (one line per webhook): that is what is measured unless --quiet-logs.
        if (settings.QuietLogs) environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in scenarioEnvironment ?? new Dictionary<string, string>()) environment[key] = value;
        foreach (var (key, value) in settings.GatewayEnvironment) environment[key] = value;
        return ServerProcess.StartAsync("gateway", RepoPaths.GatewayDll, [], RepoPaths.GatewayDirectory, port, environment, "/health/ready");
    }
}
