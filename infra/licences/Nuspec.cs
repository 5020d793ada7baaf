using System.Xml.Linq;

namespace Gateway.Licences;

/// <summary>What a package's .nuspec says about its licence and origin (any nuspec schema version: elements by local name).</summary>
public sealed record Nuspec(string? LicenceExpression, string? LicenceFile, string? LicenceUrl, string? Copyright, string? ProjectUrl, string? RepositoryUrl)
{
    public static Nuspec? Read(string packageDirectory)
    {
        var file = Directory.Exists(packageDirectory) ? Directory.EnumerateFiles(packageDirectory, "*.nuspec").FirstOrDefault() : null;
        if (file is null) return null;
        var metadata = XDocument.Load(file).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
        if (metadata is null) return null;
        XElement? Element(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name);
        string? Text(string name) => Element(name)?.Value.Trim() is { Length: > 0 } text ? text : null;

        var licence = Element("license");
        var type = licence?.Attribute("type")?.Value;
        return new Nuspec(
            type == "expression" ? licence!.Value.Trim() : null,
            type == "file" ? licence!.Value.Trim() : null,
            Text("licenseUrl"),
            Text("copyright"),
            Text("projectUrl"),
            Element("repository")?.Attribute("url")?.Value);
    }
}
