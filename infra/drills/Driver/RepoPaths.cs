namespace Gateway.Drills;

/// <summary>Where the gateway's Release build is, found from the driver's own output directory.</summary>
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
            throw new DrillSetupException("cannot find Gateway.sln above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The gateway's own output directory (built with the driver): appsettings.json and flows/ are there.</summary>
    public static string GatewayDirectory => Path.Combine(Root, "gateway", "Gateway", "bin", Configuration, "net10.0");

    public static string GatewayDll => Path.Combine(GatewayDirectory, "Gateway.dll");
}
