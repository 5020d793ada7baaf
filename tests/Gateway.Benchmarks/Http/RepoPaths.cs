namespace Gateway.Benchmarks.Http;

/// <summary>Where the gateway's build output is, found from the benchmark's own output directory.</summary>
public static class RepoPaths
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln"))) return dir.FullName;
            throw new BenchmarkSetupException("cannot find Gateway.sln above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The gateway's own output directory (built with this project, same configuration): appsettings.json and flows/ are there.</summary>
    public static string GatewayDirectory => Path.Combine(Root, "gateway", "Gateway", "bin", Configuration, "net10.0");

    public static string GatewayDll => Path.Combine(GatewayDirectory, "Gateway.dll");

    /// <summary>True when the gateway's runtimeconfig asks for Server GC (the Web SDK's default): the baseline then gets the same GC.</summary>
    public static bool GatewayUsesServerGc()
    {
        var config = Path.Combine(GatewayDirectory, "Gateway.runtimeconfig.json");
        return File.Exists(config) && File.ReadAllText(config).Replace(" ", "", StringComparison.Ordinal)
            .Contains("\"System.GC.Server\":true", StringComparison.Ordinal);
    }
}
