namespace Gateway.Licences;

/// <summary>
/// The one table typed by hand: licences that package metadata gives only as a URL, and the .NET shared frameworks,
/// which a framework-dependent restore does not download (their runtime packs' .nuspec says MIT where it is read, in
/// the release's SBOM). Add a row only after reading the licence at that URL; a URL not here leaves the package's
/// licence unknown, and the licence specs fail naming it.
/// </summary>
public static class KnownLicences
{
    /// <summary>Licence URLs that name their licence once and for all (a versioned, immutable text).</summary>
    private static readonly Dictionary<string, string> ByUrl = new(StringComparer.OrdinalIgnoreCase)
    {
        ["https://www.apache.org/licenses/LICENSE-2.0"] = "Apache-2.0",
        ["http://www.apache.org/licenses/LICENSE-2.0"] = "Apache-2.0",
        ["https://www.apache.org/licenses/LICENSE-2.0.txt"] = "Apache-2.0",
        ["https://opensource.org/licenses/MIT"] = "MIT",
        ["http://opensource.org/licenses/MIT"] = "MIT",
    };

    /// <summary>
    /// Packages whose .nuspec names a licence file inside the package (or a licence URL that may change) rather than an expression: each row was written after
    /// reading that file, for that version only (a new version must be read again).
    /// </summary>
    private static readonly Dictionary<string, string> ByPackageFile = new(StringComparer.OrdinalIgnoreCase)
    {
        // LICENSE.md: the MIT licence text, "Copyright (c) 2024, Codefactors Ltd".
        ["StandardWebhooks/1.1.2"] = "MIT",
        // Only a licence URL on the repository's HEAD (a moving text, hence per version): twilio-csharp's LICENSE is the MIT
        // licence text, "Copyright (C) 2023, Twilio, Inc.".
        ["Twilio/8.2.0"] = "MIT",
    };

    /// <summary>The SPDX expression of a package's licence file, when that file was read (see <see cref="ByPackageFile"/>).</summary>
    public static string? FromFile(string id, string version) => ByPackageFile.GetValueOrDefault($"{id}/{version}");

    /// <summary>The shared frameworks the gateway runs on, shipped inside a self-contained archive.</summary>
    public static readonly IReadOnlyDictionary<string, (string Licence, string Url)> Frameworks =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["Microsoft.NETCore.App"] = ("MIT", "https://github.com/dotnet/runtime"),
            ["Microsoft.AspNetCore.App"] = ("MIT", "https://github.com/dotnet/aspnetcore"),
        };

    /// <summary>
    /// The SPDX expression a licence URL stands for: NuGet's own licence URLs carry the expression
    /// (<c>https://licenses.nuget.org/MIT</c>); others must be in the table.
    /// </summary>
    public static string? FromUrl(string url)
    {
        const string nuget = "https://licenses.nuget.org/";
        if (url.StartsWith(nuget, StringComparison.OrdinalIgnoreCase)) return Uri.UnescapeDataString(url[nuget.Length..]);
        return ByUrl.GetValueOrDefault(url.TrimEnd('/'));
    }
}
