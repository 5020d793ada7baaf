using System.Text;

namespace Gateway.Licences;

/// <summary>
/// The NOTICE file (Apache-2.0, section 4(d)): the gateway's copyright and every third-party component it ships with
/// its licence, as the package metadata and VENDOR.md give them. Nothing in it depends on the machine or the day, so a
/// check can compare it byte for byte.
/// </summary>
public static class Notice
{
    public static string Render(PackageClosure closure, VendoredFiles vendored, string vendorFolder)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        void Heading(string heading) { Line(); Line(heading); Line(new string('=', heading.Length)); }

        Line("Gateway");
        Line("Copyright 2026 the Gateway contributors");
        Line();
        Line("Licensed under the Apache License, Version 2.0 (LICENSE).");
        Line();
        Line("The gateway ships the third-party components below, each under its own licence.");
        Line("This file is written by `bash infra/licences.sh` from the packages' own metadata");
        Line("(gateway/Gateway/obj/project.assets.json and each package's .nuspec) and from");
        Line("gateway/Gateway/wwwroot/vendor/VENDOR.md; tests/Gateway.Tests/Adoption/LicenceSpecs.cs");
        Line("fails when it is out of date. Do not edit it by hand.");

        Heading("NuGet packages (the Gateway project's runtime closure)");
        foreach (var package in closure.Packages.Where(p => !p.IsOwnProject))
        {
            Line();
            // An SDK-chosen package moves with the SDK that builds: NOTICE names it without a version, the SBOM with it.
            Line(package.ChosenBySdk ? $"{package.Id} (at the version of the .NET SDK that builds the gateway)" : $"{package.Id} {package.Version}");
            Line($"  Licence: {package.Licence ?? "UNKNOWN"}");
            if (package.Copyright is { } copyright) Line($"  {copyright}");
            if ((package.RepositoryUrl ?? package.ProjectUrl) is { } url) Line($"  {url}");
        }

        Heading(".NET shared frameworks (inside the self-contained release archives)");
        foreach (var framework in closure.Frameworks)
        {
            Line();
            Line(framework);
            if (KnownLicences.Frameworks.TryGetValue(framework, out var known))
            {
                Line($"  Licence: {known.Licence}");
                Line($"  {known.Url}");
            }
            else Line("  Licence: UNKNOWN");
        }
        Line();
        Line("Their own third-party notices ship in each release archive under third-party/.");

        Heading("Front-end files served by the console (gateway/Gateway/wwwroot/vendor/)");
        foreach (var package in vendored.Packages)
        {
            Line();
            Line($"{package.Name} {package.Version} (npm)");
            Line($"  Licence: {package.Licence}");
            foreach (var copyright in VendoredFiles.CopyrightLines(vendorFolder, package)) Line($"  {copyright}");
            Line($"  Files: {string.Join(", ", package.Files.Select(f => f.Path))}");
        }
        return text.ToString();
    }
}
