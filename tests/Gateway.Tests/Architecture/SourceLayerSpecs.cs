using System.Text.RegularExpressions;

namespace Gateway.Tests.Architecture;

/// <summary>
/// The same rule as <see cref="LayerSpecs"/>, read from the source instead of the compiled assembly. The IL misses
/// references the compiler folds away: a <c>const</c> of a folder above is inlined (the simulator's provider name was
/// used that way by three lower folders), and a type named only in an attribute, such as a
/// <c>[JsonSerializable(typeof(...))]</c>, leaves no dependency NetArchTest follows. A <c>using Gateway.X</c> or a
/// <c>Gateway.X.</c> qualified name in code is an arrow here, whatever the compiler keeps of it.
/// </summary>
public sealed partial class SourceLayerSpecs
{
    [Fact]
    public void No_source_file_names_a_folder_above_its_own()
    {
        var rank = LayerSpecs.Layers.Select((folder, index) => (folder, index)).ToDictionary(p => p.folder, p => p.index);
        var violations = new List<string>();
        var arrows = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(GatewaySource(), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
            var code = string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            if (OwnNamespace().Match(code) is not { Success: true } own || !rank.TryGetValue(own.Groups[1].Value, out var ownRank)) continue;
            foreach (var named in NamedFolders().Matches(code).Select(m => m.Groups[1].Value).Distinct())
            {
                if (!rank.TryGetValue(named, out var namedRank) || namedRank <= ownRank) continue;
                var arrow = $"{own.Groups[1].Value} -> {named}";
                arrows.Add(arrow);
                if (!LayerSpecs.KnownUpwardArrows.Contains(arrow))
                    violations.Add($"{arrow}: {Path.GetRelativePath(GatewaySource(), file)}");
            }
        }

        Assert.True(violations.Count == 0, $"{violations.Count} source files name a folder above theirs:\n" + string.Join("\n", violations.Order()));
        Assert.Empty(LayerSpecs.KnownUpwardArrows.Except(arrows));
    }

    /// <summary>gateway/Gateway, found from the test's output folder upwards (the repository holds Gateway.sln).</summary>
    internal static string GatewaySource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln"))) return Path.Combine(dir.FullName, "gateway", "Gateway");
        throw new DirectoryNotFoundException("Gateway.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^namespace Gateway\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex OwnNamespace();

    [GeneratedRegex(@"\bGateway\.(\w+)")]
    private static partial Regex NamedFolders();
}
