namespace Gateway.Licences;

/// <summary>Where the files this tool reads and writes sit in a clone of the repository.</summary>
public sealed record Repository(string Root)
{
    public string Assets => Path.Combine(Root, "gateway", "Gateway", "obj", "project.assets.json");
    public string Vendor => Path.Combine(Root, "gateway", "Gateway", "wwwroot", "vendor");
    public string VendorIndex => Path.Combine(Vendor, "VENDOR.md");
    public string Notice => Path.Combine(Root, "NOTICE");

    /// <summary>The clone holding <paramref name="start"/> (the first folder upwards with Gateway.sln).</summary>
    public static Repository Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln"))) return new Repository(dir.FullName);
        throw new DirectoryNotFoundException("Gateway.sln not found above " + start);
    }
}
