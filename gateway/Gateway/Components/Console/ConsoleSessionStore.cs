using System.Collections.Concurrent;
using System.Security.Cryptography;
using Gateway.Admin.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using StackExchange.Redis;

namespace Gateway.Components.Console;

/// <summary>
/// Where console sessions live, so that the cookie carries only a random session id (encrypted by Data Protection) and
/// never a key: signing out deletes the session, a stolen cookie dies with it, and a session ends at its expiry whatever
/// the cookie says. In Redis when there is one (every replica sees the same sessions), else in this process's memory.
/// </summary>
public abstract class ConsoleSessionStore(TimeProvider clock) : ITicketStore
{
    protected TimeProvider Clock => clock;

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        await RenewAsync(id, ticket);
        return id;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        WriteAsync(key, TicketSerializer.Default.Serialize(ticket), (ticket.Properties.ExpiresUtc ?? clock.GetUtcNow() + ConsoleSession.Lifetime) - clock.GetUtcNow());

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    /// <summary>The session, or null when it ended; while the store is unreachable, null and the request marked so (503, not signed out).</summary>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(key) is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            if (httpContext is not null)
                AccessFailure.Set(httpContext, AccessFailureKind.StoreUnavailable, "The console's sessions (Redis) cannot be read just now.");
            return null;
        }
    }

    public Task RemoveAsync(string key) => DeleteAsync(key);

    protected abstract Task WriteAsync(string id, byte[] ticket, TimeSpan lifetime);

    protected abstract Task<byte[]?> ReadAsync(string id);

    protected abstract Task DeleteAsync(string id);
}

/// <summary>The embedded default's sessions: this process only, forgotten at restart; expired ones swept as new ones come.</summary>
public sealed class InMemoryConsoleSessions(TimeProvider clock) : ConsoleSessionStore(clock)
{
    private readonly ConcurrentDictionary<string, (byte[] Ticket, DateTimeOffset Until)> _sessions = new(StringComparer.Ordinal);

    protected override Task WriteAsync(string id, byte[] ticket, TimeSpan lifetime)
    {
        var now = Clock.GetUtcNow();
        foreach (var (old, session) in _sessions)
            if (session.Until <= now) _sessions.TryRemove(old, out _);
        _sessions[id] = (ticket, now + lifetime);
        return Task.CompletedTask;
    }

    protected override Task<byte[]?> ReadAsync(string id) =>
        Task.FromResult(_sessions.TryGetValue(id, out var session) && session.Until > Clock.GetUtcNow() ? session.Ticket : null);

    protected override Task DeleteAsync(string id)
    {
        _sessions.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}

/// <summary>Sessions in Redis, one key each (<c>gw:console:session:{id}</c>) expiring with the session.</summary>
public sealed class RedisConsoleSessions(IConnectionMultiplexer redis, TimeProvider clock) : ConsoleSessionStore(clock)
{
    public static RedisKey Key(string id) => "gw:console:session:" + id;

    protected override Task WriteAsync(string id, byte[] ticket, TimeSpan lifetime) =>
        redis.GetDatabase().StringSetAsync(Key(id), ticket, lifetime > TimeSpan.Zero ? lifetime : TimeSpan.FromSeconds(1));

    protected override async Task<byte[]?> ReadAsync(string id) => (byte[]?)await redis.GetDatabase().StringGetAsync(Key(id));

    protected override Task DeleteAsync(string id) => redis.GetDatabase().KeyDeleteAsync(Key(id));
}
