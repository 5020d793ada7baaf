using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Licences;

/// <summary>
/// A CycloneDX 1.6 bill of materials (JSON) of what a release archive holds: the gateway, every NuGet package of its
/// closure (the runtime packs of a self-contained build included) with licence, purl and the .nupkg's SHA-512, and the
/// vendored npm packages with the SHA-256 of each file served; the dependency graph from the restore.
/// </summary>
public static class CycloneDx
{
    public static string Render(PackageClosure closure, VendoredFiles vendored, string? commit, DateTimeOffset at)
    {
        var appRef = $"pkg:generic/gateway@{closure.ProjectVersion}";
        var app = new JsonObject
        {
            ["type"] = "application",
            ["bom-ref"] = appRef,
            ["name"] = closure.ProjectName,
            ["version"] = closure.ProjectVersion,
            ["licenses"] = Licences("Apache-2.0"),
        };
        if (commit is not null)
            app["properties"] = new JsonArray(new JsonObject { ["name"] = "git:commit", ["value"] = commit });

        var components = new JsonArray();
        foreach (var package in closure.Packages)
        {
            var component = new JsonObject
            {
                ["type"] = "library",
                ["bom-ref"] = package.Ref,
                ["name"] = package.Id,
                ["version"] = package.Version,
                ["licenses"] = Licences(package.Licence!),
            };
            if (package.Purl is { } purl) component["purl"] = purl;
            if (package.Copyright is { } copyright) component["copyright"] = copyright;
            if (package.Sha512 is { } sha)
                component["hashes"] = new JsonArray(Hash("SHA-512", Convert.ToHexStringLower(Convert.FromBase64String(sha))));
            var references = new JsonArray();
            if (package.ProjectUrl is { } website) references.Add(new JsonObject { ["type"] = "website", ["url"] = website });
            if (package.RepositoryUrl is { } vcs) references.Add(new JsonObject { ["type"] = "vcs", ["url"] = vcs });
            if (references.Count > 0) component["externalReferences"] = references;
            components.Add(component);
        }
        foreach (var package in vendored.Packages)
            components.Add(new JsonObject
            {
                ["type"] = "library",
                ["bom-ref"] = package.Purl,
                ["name"] = package.Name,
                ["version"] = package.Version,
                ["purl"] = package.Purl,
                ["licenses"] = Licences(package.Licence),
                // Only some files of the package are vendored: each is a file component with its own hash.
                ["components"] = new JsonArray([.. package.Files.Select(f => (JsonNode)new JsonObject
                {
                    ["type"] = "file",
                    ["bom-ref"] = $"{package.Purl}#{f.Path}",
                    ["name"] = $"wwwroot/vendor/{f.Path}",
                    ["hashes"] = new JsonArray(Hash("SHA-256", f.Sha256)),
                })]),
            });

        var refs = closure.Packages.ToDictionary(p => p.Key, p => p.Ref, StringComparer.OrdinalIgnoreCase);
        var dependencies = new JsonArray(new JsonObject
        {
            ["ref"] = appRef,
            ["dependsOn"] = new JsonArray([.. closure.DirectDependencies.Select(d => (JsonNode)refs[d]!)
                .Concat(vendored.Packages.Select(p => (JsonNode)p.Purl!))
                .Concat(closure.Packages.Where(p => p.Id.Contains(".App.Runtime.", StringComparison.Ordinal)).Select(p => (JsonNode)p.Ref!))]),
        });
        foreach (var package in closure.Packages)
            dependencies.Add(new JsonObject
            {
                ["ref"] = package.Ref,
                ["dependsOn"] = new JsonArray([.. package.DependsOn.Select(d => (JsonNode)refs[d]!)]),
            });

        var bom = new JsonObject
        {
            ["$schema"] = "http://cyclonedx.org/schema/bom-1.6.schema.json",
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.6",
            ["serialNumber"] = $"urn:uuid:{Guid.NewGuid()}",
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["timestamp"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                ["tools"] = new JsonObject
                {
                    ["components"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "application",
                        ["name"] = "Gateway.Licences (infra/licences)",
                        ["version"] = closure.ProjectVersion,
                    }),
                },
                ["component"] = app,
            },
            ["components"] = components,
            ["dependencies"] = dependencies,
        };
        return bom.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    // CycloneDX takes a lone SPDX id as license.id and anything compound as one expression.
    private static JsonArray Licences(string expression) =>
        expression.Contains(' ', StringComparison.Ordinal)
            ? new JsonArray(new JsonObject { ["expression"] = expression })
            : new JsonArray(new JsonObject { ["license"] = new JsonObject { ["id"] = expression } });

    private static JsonObject Hash(string algorithm, string hex) => new() { ["alg"] = algorithm, ["content"] = hex };
}
