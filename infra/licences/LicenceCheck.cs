namespace Gateway.Licences;

/// <summary>
/// Every shipped component with a licence that <see cref="LicencePolicy"/> accepts, each problem a sentence naming the
/// package or file. Run by the licence specs (the test command) and before NOTICE or an SBOM is written.
/// </summary>
public static class LicenceCheck
{
    public static IReadOnlyList<string> Packages(PackageClosure closure) =>
        [.. closure.Packages
            .Select(p => (p, why: LicencePolicy.Refusal(p.Licence)))
            .Where(x => x.why is not null)
            .Select(x => $"NuGet package {x.p.Id} {x.p.Version}: {x.why} ({x.p.LicenceSource})"),
         .. closure.Frameworks
            .Select(f => (f, why: LicencePolicy.Refusal(KnownLicences.Frameworks.TryGetValue(f, out var known) ? known.Licence : null)))
            .Where(x => x.why is not null)
            .Select(x => $"shared framework {x.f}: {x.why} (not in KnownLicences.Frameworks)")];

    public static IReadOnlyList<string> Vendored(VendoredFiles vendored, string vendorFolder)
    {
        var problems = new List<string>();
        foreach (var path in vendored.OnDisk.Except(vendored.Files.Select(f => f.Path)))
            problems.Add($"vendored file {path}: not listed in VENDOR.md (run bash infra/vendor.sh)");
        foreach (var file in vendored.Files)
        {
            if (!vendored.OnDisk.Contains(file.Path))
            {
                problems.Add($"vendored file {file.Path}: listed in VENDOR.md but missing");
                continue;
            }
            if (VendoredFiles.Sha256Of(Path.Combine(vendorFolder, file.Path)) != file.Sha256)
                problems.Add($"vendored file {file.Path}: its SHA-256 differs from VENDOR.md's (changed by hand?)");
            if (vendored.PackageOf(file) is not { } package)
                problems.Add($"vendored file {file.Path}: its package '{file.Package}' has no licence in VENDOR.md");
            else if (LicencePolicy.Refusal(package.Licence, LicencePolicy.IsFont(file.Path)) is { } why)
                problems.Add($"vendored file {file.Path} ({file.Package}): {why}");
        }
        return problems;
    }
}
