namespace Gateway.Benchmarks.Http;

/// <summary>
/// One request of a walk, built when it is sent (so signatures and ids are fresh), and a piece of text its answer must
/// contain: a 200 that says the wrong thing counts as an error, so a broken flow cannot look fast.
/// </summary>
public sealed record WalkStep(Func<HttpRequestMessage> Build, string Expect);

/// <summary>
/// What a benchmark drives: the server it starts and the walks (one contact's conversation, step by step) the load
/// generator replays, each walk with a new contact. A new scenario (e.g. votes, once <c>/api/polls</c> exists: create a
/// poll in <see cref="PrepareAsync"/>, walk "KEYWORD" → "2") is one small class.
/// </summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>What one request is, in the report (steps, hops, votes).</summary>
    string Unit { get; }

    Task<ServerProcess> StartServerAsync(BenchSettings settings);

    /// <summary>Anything the walks need on the running server (a poll to vote in…). Runs once, before the warm-up.</summary>
    Task PrepareAsync(HttpClient client) => Task.CompletedTask;

    /// <summary>The steps of walk number <paramref name="walk"/> (a new phone number each time).</summary>
    IReadOnlyList<WalkStep> Walk(long walk, Uri baseAddress);
}
