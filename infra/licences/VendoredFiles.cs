using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Gateway.Licences;

/// <summary>An npm package whose files the console serves from wwwroot/vendor/.</summary>
/// <param name="Name">As npm names it (<c>@fontsource/noto-sans</c>).</param>
/// <param name="Licence">As VENDOR.md gives it (npm's <c>license</c> field, an SPDX expression).</param>
public sealed record VendoredPackage(string Name, string Version, string Licence, IReadOnlyList<VendoredFile> Files)
{
    public string Purl => $"pkg:npm/{Name.Replace("@", "%40", StringComparison.Ordinal)}@{Version}";
}

/// <param name="Path">Under wwwroot/vendor/, with forward slashes.</param>
public sealed record VendoredFile(string Path, string Package, string Sha256);

/// <summary>
/// The vendored front-end files as <c>VENDOR.md</c> lists them (written by infra/vendor.sh: a table of packages with
/// their licence, a table of files with their package and SHA-256), and what is really in the folder.
/// </summary>
public sealed partial record VendoredFiles(IReadOnlyList<VendoredPackage> Packages, IReadOnlyList<VendoredFile> Files, IReadOnlyList<string> OnDisk)
{
    public static VendoredFiles Read(string vendorFolder)
    {
        var rows = File.ReadAllLines(Path.Combine(vendorFolder, "VENDOR.md"))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim().Trim('`')).ToArray())
            .ToList();
        var files = rows.Where(cells => cells.Length == 3).Select(cells => new VendoredFile(cells[0], cells[1], cells[2])).ToList();
        var packages = rows.Where(cells => cells.Length == 2).Select(cells =>
        {
            var at = cells[0].LastIndexOf('@');
            return new VendoredPackage(cells[0][..at], cells[0][(at + 1)..], cells[1], [.. files.Where(f => f.Package == cells[0])]);
        }).ToList();
        var onDisk = Directory.EnumerateFiles(vendorFolder, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(vendorFolder, f).Replace('\\', '/'))
            .Where(f => f != "VENDOR.md")
            .Order(StringComparer.Ordinal)
            .ToList();
        return new VendoredFiles(packages, files, onDisk);
    }

    /// <summary>The package of a listed file, or null when its package is not in the package table.</summary>
    public VendoredPackage? PackageOf(VendoredFile file) => Packages.FirstOrDefault(p => $"{p.Name}@{p.Version}" == file.Package);

    public static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>The copyright lines of a package's vendored licence files (the notice its licence asks to keep).</summary>
    public static IEnumerable<string> CopyrightLines(string vendorFolder, VendoredPackage package) =>
        package.Files
            .Where(f => System.IO.Path.GetFileName(f.Path).StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => File.ReadLines(System.IO.Path.Combine(vendorFolder, f.Path)))
            .Select(line => line.Trim())
            .Where(line => CopyrightLine().IsMatch(line))
            .Distinct();

    // "Copyright 2022 The Noto Project Authors", "Copyright (c) 2020 …", "© 2020 …": not the licence's own words about copyright.
    [GeneratedRegex(@"^(Copyright\s*(\([cC]\)|©)?|©)\s*\d{4}")]
    private static partial Regex CopyrightLine();
}
