namespace Gateway.Admin;

/// <summary>What makes a configured secret unsafe, shared by the admin keys and the start-up checks (Hosting/ProductionSafety).</summary>
public static class SecretRules
{
    /// <summary>An admin key is a bearer secret sent on every call: 32 random characters at least.</summary>
    public const int MinAdminKeyLength = 32;

    /// <summary>Values published in this repository (appsettings, README, tests): never secrets.</summary>
    private static readonly string[] PublishedMarkers = ["change-me", "changeme", "development", "example"];

    public static bool IsPublished(string value) =>
        PublishedMarkers.Any(marker => value.Contains(marker, StringComparison.OrdinalIgnoreCase));

    public static string Generate(int bytes) => $"Generate one with: openssl rand -base64 {bytes}";
}
