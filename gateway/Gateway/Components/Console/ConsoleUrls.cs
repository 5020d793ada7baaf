namespace Gateway.Components.Console;

public static class ConsoleUrls
{
    /// <summary>A return address that stays inside the console (never another site: no open redirect).</summary>
    public static string Local(string? url) =>
        url is { Length: > 1 } && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url
            : "/console";
}
