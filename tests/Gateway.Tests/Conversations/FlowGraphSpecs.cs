using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Conversations;

/// <summary>Each flow's graph is exported as Mermaid; the snapshots catch unintended changes to a flow's shape.</summary>
public sealed class FlowGraphSpecs
{
    [Theory]
    [InlineData("feedback")]
    [InlineData("language")]
    [InlineData("menu")]
    [InlineData("subscribe")]
    public async Task The_flow_graph_matches_its_snapshot(string flow)
    {
        await using var app = new GatewayApplication();
        var response = await app.CreateClient().GetAsync($"/api/flows/{flow}/graph");
        var mermaid = (await response.Content.ReadAsStringAsync()).ReplaceLineEndings("\n");

        Assert.Equal("text/vnd.mermaid", response.Content.Headers.ContentType?.MediaType);
        var snapshot = Path.Combine(SourceDirectory(), "Snapshots", flow + ".mmd");
        if (!File.Exists(snapshot) || Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            // First run (or an intended change): write the snapshot for review, and fail so it is never silently accepted.
            File.WriteAllText(snapshot, mermaid);
            Assert.Fail($"Snapshot {snapshot} written; review and commit it, then run again.");
        }
        Assert.Equal(File.ReadAllText(snapshot).ReplaceLineEndings("\n"), mermaid);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
