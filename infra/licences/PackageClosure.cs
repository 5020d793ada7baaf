using System.Text.Json;

namespace Gateway.Licences;

/// <summary>
/// The packages the gateway ships, read from NuGet's restore output of the Gateway project
/// (<c>gateway/Gateway/obj/project.assets.json</c>: every package of its runtime closure, transitive ones included,
/// with the exact version restored) and each package's .nuspec in the NuGet cache that restore filled.
/// </summary>
public sealed record PackageClosure(
    string ProjectName,
    string ProjectVersion,
    IReadOnlyList<Package> Packages,
    IReadOnlyList<string> DirectDependencies,
    IReadOnlyList<string> Frameworks)
{
    /// <param name="runtime">A runtime identifier (<c>linux-x64</c>) to read a self-contained restore: its target, and the
    /// runtime packs it downloaded, which then ship as packages. Null: the framework-dependent closure.</param>
    public static PackageClosure Read(string assetsFile, string? runtime = null)
    {
        if (!File.Exists(assetsFile))
            throw new FileNotFoundException($"{assetsFile} is missing: restore the gateway first (dotnet restore gateway/Gateway)", assetsFile);
        using var assets = JsonDocument.Parse(File.ReadAllBytes(assetsFile));
        var root = assets.RootElement;
        var packageFolder = root.GetProperty("packageFolders").EnumerateObject().First().Name;
        var project = root.GetProperty("project");
        var framework = project.GetProperty("frameworks").EnumerateObject().Single();
        var targetName = runtime is null ? framework.Name : $"{framework.Name}/{runtime}";
        if (!root.GetProperty("targets").TryGetProperty(targetName, out var target))
            throw new InvalidDataException($"{assetsFile} has no target {targetName}: restore with -r {runtime}");

        var bySdk = framework.Value.TryGetProperty("dependencies", out var declaredBySdk)
            ? declaredBySdk.EnumerateObject().Where(d => d.Value.TryGetProperty("autoReferenced", out var auto) && auto.GetBoolean())
                .Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];
        var versions = target.EnumerateObject().ToDictionary(e => e.Name.Split('/')[0], e => e.Name.Split('/')[1], StringComparer.OrdinalIgnoreCase);
        var libraries = root.GetProperty("libraries");
        var packages = new List<Package>();
        foreach (var entry in target.EnumerateObject())
        {
            var (id, version) = (entry.Name.Split('/')[0], entry.Name.Split('/')[1]);
            var dependsOn = entry.Value.TryGetProperty("dependencies", out var deps)
                ? deps.EnumerateObject().Where(d => versions.ContainsKey(d.Name)).Select(d => $"{d.Name}/{versions[d.Name]}").ToList()
                : [];
            if (entry.Value.GetProperty("type").GetString() != "package")
            {
                // Our own projects (Gateway.Contracts): under the gateway's licence.
                packages.Add(new Package(id, version, "Apache-2.0", "this repository", null, null, null, null, dependsOn, IsOwnProject: true));
                continue;
            }
            var library = libraries.GetProperty(entry.Name);
            var directory = Path.Combine(packageFolder, library.GetProperty("path").GetString()!);
            packages.Add(Describe(id, version, Nuspec.Read(directory), library.TryGetProperty("sha512", out var sha) ? sha.GetString() : null, dependsOn)
                with { ChosenBySdk = bySdk.Contains(id) });
        }

        if (runtime is not null && framework.Value.TryGetProperty("downloadDependencies", out var downloads))
            foreach (var pack in downloads.EnumerateArray())
            {
                var id = pack.GetProperty("name").GetString()!;
                var version = pack.GetProperty("version").GetString()!.Trim('[', ']').Split(',')[0].Trim();
                var directory = Path.Combine(packageFolder, id.ToLowerInvariant(), version.ToLowerInvariant());
                var sha = Path.Combine(directory, $"{id.ToLowerInvariant()}.{version.ToLowerInvariant()}.nupkg.sha512");
                packages.Add(Describe(id, version, Nuspec.Read(directory), File.Exists(sha) ? File.ReadAllText(sha).Trim() : null, []));
            }

        var direct = framework.Value.TryGetProperty("dependencies", out var declared)
            ? declared.EnumerateObject().Select(d => d.Name).Where(versions.ContainsKey).Select(d => $"{d}/{versions[d]}").ToList()
            : [];
        direct.AddRange(packages.Where(p => p.IsOwnProject).Select(p => p.Key));
        var frameworks = framework.Value.TryGetProperty("frameworkReferences", out var references)
            ? references.EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal).ToList()
            : [];
        if (!frameworks.Contains("Microsoft.NETCore.App")) frameworks.Insert(0, "Microsoft.NETCore.App");

        return new PackageClosure(
            project.GetProperty("restore").GetProperty("projectName").GetString()!,
            project.GetProperty("version").GetString()!,
            [.. packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase)],
            direct,
            frameworks);
    }

    private static Package Describe(string id, string version, Nuspec? nuspec, string? sha512, IReadOnlyList<string> dependsOn)
    {
        var (licence, source) = nuspec switch
        {
            null => ((string?)null, "unknown: no .nuspec in the NuGet cache"),
            { LicenceExpression: { } expression } => (expression, "nuspec licence expression"),
            { LicenceUrl: { } url } when KnownLicences.FromUrl(url) is { } mapped => (mapped, $"licence URL {url}, mapped in KnownLicences"),
            { LicenceUrl: { } url } when KnownLicences.FromFile(id, version) is { } read => (read, $"licence URL {url}, read for this version and recorded in KnownLicences"),
            { LicenceFile: { } file } when KnownLicences.FromFile(id, version) is { } read => (read, $"licence file {file}, read and recorded in KnownLicences"),
            { LicenceFile: { } file } => (null, $"unknown: a licence file ({file}) that no table reads"),
            { LicenceUrl: { } url } => (null, $"unknown: only a licence URL ({url}), not in KnownLicences"),
            _ => (null, "unknown: the .nuspec names no licence"),
        };
        return new Package(id, version, licence, source, nuspec?.Copyright, nuspec?.ProjectUrl, nuspec?.RepositoryUrl, sha512, dependsOn);
    }
}
