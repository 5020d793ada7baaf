using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Conversations;

/// <summary>Each flow's graph is exported as Mermaid; the snapshots catch unintended changes to a flow's shape.</summary>
public sealed class FlowGraphSpecs
{
    /// <summary>The flows API takes a key like every admin route; an observer's is enough to read.</summary>
    private const string ReaderKey = "flows-observer-key-0123456789";

    [Theory]
    [InlineData("audience")]
    [InlineData("feedback")]
    [InlineData("language")]
    [InlineData("menu")]
    [InlineData("subscribe")]
    public async Task The_flow_graph_matches_its_snapshot(string flow)
    {
        await using var app = new GatewayApplication().With("Admin:ApiKeys:0:Key", ReaderKey).With("Admin:ApiKeys:0:Role", "observer");
        var response = await app.CreateClient(ReaderKey).GetAsync($"/api/flows/{flow}/graph");
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
