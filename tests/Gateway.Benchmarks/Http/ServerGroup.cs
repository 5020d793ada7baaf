namespace Gateway.Benchmarks.Http;

/// <summary>The extra replicas of a <c>--replicas</c> run, stopped together (SIGTERM, as one server is).</summary>
public sealed class ServerGroup : IAsyncDisposable
{
    private readonly List<ServerProcess> _servers = [];

    public IReadOnlyList<ServerProcess> Servers => _servers;

    public async Task<ServerProcess> AddAsync(Task<ServerProcess> starting)
    {
        var server = await starting;
        _servers.Add(server);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
    }
}
