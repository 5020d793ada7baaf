namespace Gateway.Licences;

/// <summary>A NuGet package the gateway ships, as its own metadata describes it.</summary>
/// <param name="Licence">An SPDX expression, or null when the metadata gives none that <see cref="KnownLicences"/> can read.</param>
/// <param name="LicenceSource">Where <paramref name="Licence"/> came from (or what the package gave instead), for a reader and for failures.</param>
/// <param name="Sha512">The .nupkg's SHA-512 as NuGet recorded it (base64), when known.</param>
/// <param name="DependsOn">The ids of the packages and projects it depends on, as <c>Id/Version</c>.</param>
/// <param name="IsOwnProject">A project of this repository (Gateway.Contracts), under the gateway's own licence.</param>
/// <param name="ChosenBySdk">Referenced by the .NET SDK itself (<c>autoReferenced</c>), at the SDK's own version.</param>
public sealed record Package(
    string Id,
    string Version,
    string? Licence,
    string LicenceSource,
    string? Copyright,
    string? ProjectUrl,
    string? RepositoryUrl,
    string? Sha512,
    IReadOnlyList<string> DependsOn,
    bool IsOwnProject = false,
    bool ChosenBySdk = false)
{
    public string Key => $"{Id}/{Version}";

    /// <summary>Its package URL, or null for a project of this repository (not on any registry).</summary>
    public string? Purl => IsOwnProject ? null : $"pkg:nuget/{Id}@{Version}";

    /// <summary>Its identity inside an SBOM.</summary>
    public string Ref => Purl ?? $"project:{Id}@{Version}";
}
