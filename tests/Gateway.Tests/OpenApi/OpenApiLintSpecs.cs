using System.Diagnostics;

namespace Gateway.Tests.OpenApi;

/// <summary>
/// The document passes a standard linter: Redocly CLI's recommended rules (pinned in infra/node-tools), 0 errors. The
/// tools are installed by infra/node-tools.sh (the test command runs it; this test runs it too when they are missing).
/// </summary>
public sealed class OpenApiLintSpecs
{
    [Fact]
    public async Task The_document_has_no_error_under_redoclys_recommended_rules()
    {
        await using var app = new GatewayApplication();
        using var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        var file = Path.Combine(Path.GetTempPath(), $"gateway-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
        try
        {
            var (code, output) = await NodeTools.RunAsync("redocly", "lint", file, "--extends=recommended", "--format=stylish", "--max-problems=1000");
            // Exit 0 is Redocly's "no error" (warnings are advice: operation ids, a 4xx on every public route).
            Assert.True(code == 0, $"redocly lint exited {code}:\n{output}");
            Assert.Contains("valid", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>The repository's pinned Node tools (infra/node-tools), installed on first use by infra/node-tools.sh.</summary>
public static class NodeTools
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static string Root => Path.Combine(Path.GetDirectoryName(Architecture.SourceLayerSpecs.GatewaySource())!, "..", "infra");

    public static async Task<(int Code, string Output)> RunAsync(string tool, params string[] args)
    {
        await EnsureInstalledAsync();
        return await ProcessAsync(Path.Combine(Root, "node-tools", "node_modules", ".bin", tool), args);
    }

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            var (code, output) = await ProcessAsync("bash", Path.Combine(Root, "node-tools.sh"));
            if (code != 0) throw new InvalidOperationException("infra/node-tools.sh failed:\n" + output);
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int, string)> ProcessAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
