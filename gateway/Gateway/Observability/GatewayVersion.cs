using System.Reflection;

namespace Gateway.Observability;

/// <summary>
/// The version the gateway was built as: <c>&lt;Version&gt;</c> of Directory.Build.props (semantic versioning,
/// CHANGELOG.md), which the SDK writes into the assembly's informational version with <c>+&lt;commit&gt;</c> appended when
/// the build ran in a git clone. Read once; <c>GET /version</c> and the console's footer show it.
/// </summary>
public static class GatewayVersion
{
    /// <summary>As built, e.g. <c>1.0.0+a42ad41…</c> (no <c>+</c> part outside a git clone).</summary>
    public static string Informational { get; } =
        typeof(GatewayVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The semantic version alone, e.g. <c>1.0.0</c>: what the changelog and the release archives are named by.</summary>
    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>The commit the build came from, when the SDK knew it.</summary>
    public static string? Commit { get; } = Informational.Split('+') is [_, var commit, ..] && commit.Length > 0 ? commit : null;

    /// <summary>The commit's first 7 characters (as <c>git log --oneline</c> shows it), or null.</summary>
    public static string? ShortCommit => Commit?[..Math.Min(7, Commit.Length)];

    /// <summary>What the console's footer shows: the version and the short commit, e.g. <c>1.0.0+a42ad41</c>.</summary>
    public static string Display => ShortCommit is null ? Version : $"{Version}+{ShortCommit}";
}
