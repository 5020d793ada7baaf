using Gateway.Licences;

// dotnet run --project infra/licences -- notice [--check]
//     writes NOTICE at the repository's root (or, with --check, says whether it is up to date)
// dotnet run --project infra/licences -- sbom <file.cdx.json> [--runtime linux-x64] [--commit <sha>]
//     writes the CycloneDX SBOM of a (self-contained) restore
// Both refuse, naming each one, when a shipped package or vendored file has an unknown or incompatible licence.
// The repository is the one holding the current folder; the Gateway project must have been restored.

var repository = Repository.Above(Directory.GetCurrentDirectory());
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

var closure = PackageClosure.Read(repository.Assets, Option("--runtime"));
var vendored = VendoredFiles.Read(repository.Vendor);
var problems = LicenceCheck.Packages(closure).Concat(LicenceCheck.Vendored(vendored, repository.Vendor)).ToList();
if (problems.Count > 0)
{
    foreach (var problem in problems) Console.Error.WriteLine("licences: " + problem);
    Console.Error.WriteLine($"licences: {problems.Count} problem(s); see infra/licences/LicencePolicy.cs and KnownLicences.cs");
    return 1;
}

switch (args.FirstOrDefault())
{
    case "notice":
        var notice = Notice.Render(closure, vendored, repository.Vendor);
        if (args.Contains("--check"))
        {
            var current = File.Exists(repository.Notice) ? File.ReadAllText(repository.Notice) : "";
            if (current == notice) { Console.WriteLine("licences: NOTICE is up to date"); return 0; }
            Console.Error.WriteLine("licences: NOTICE is out of date: run bash infra/licences.sh");
            return 1;
        }
        File.WriteAllText(repository.Notice, notice);
        Console.WriteLine($"licences: wrote {repository.Notice} ({closure.Packages.Count(p => !p.IsOwnProject)} packages, {vendored.Packages.Count} vendored)");
        return 0;
    case "sbom" when args.Length > 1:
        File.WriteAllText(args[1], CycloneDx.Render(closure, vendored, Option("--commit"), DateTimeOffset.UtcNow));
        Console.WriteLine($"licences: wrote {args[1]} ({closure.Packages.Count + vendored.Packages.Count} components)");
        return 0;
    default:
        Console.Error.WriteLine("usage: notice [--check] | sbom <file> [--runtime <rid>] [--commit <sha>]");
        return 2;
}
