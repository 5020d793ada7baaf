using System.Net;

namespace Gateway.Channels.Ussd;

/// <summary>
/// One USSD route: which format it speaks and who may call it. Bound from <c>Ussd:&lt;Route&gt;</c>, e.g.
/// <c>Ussd:AfricasTalking:Key</c>, <c>Ussd:AfricasTalking:AllowedIps</c>, <c>Ussd:Nalo:Format = arkesel</c>.
/// </summary>
public sealed class UssdRouteOptions
{
    /// <summary>A registered <see cref="IUssdFormat"/> name; defaults to the route's own name.</summary>
    public string? Format { get; set; }

    /// <summary>
    /// Shared secret expected as <c>?key=</c> in the callback URL registered with the aggregator
    /// (Africa's Talking does not sign its requests, so the URL itself carries the secret).
    /// </summary>
    public string? Key { get; set; }

    /// <summary>Comma-separated caller IP addresses (the aggregator's published egress addresses).</summary>
    public string? AllowedIps { get; set; }

    /// <summary>False turns the route off (404): the built-in routes exist unless disabled, and production refuses an open one.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Provider name given to the engine (<see cref="Conversations.InboundMessage.Provider"/>); defaults to the route name in lower case.</summary>
    public string? Provider { get; set; }
}

/// <summary>The configured USSD routes by name, with the two built-in ones (AfricasTalking, Arkesel) always present.</summary>
public sealed class UssdRoutes
{
    public const string AfricasTalking = "AfricasTalking";
    public const string Arkesel = "Arkesel";

    private readonly Dictionary<string, UssdRouteOptions> _routes;

    public UssdRoutes(IConfiguration configuration)
    {
        _routes = configuration.GetSection("Ussd").Get<Dictionary<string, UssdRouteOptions>>() ?? [];
        _routes = new Dictionary<string, UssdRouteOptions>(_routes, StringComparer.OrdinalIgnoreCase);
        _routes.TryAdd(AfricasTalking, new UssdRouteOptions());
        _routes.TryAdd(Arkesel, new UssdRouteOptions());
        foreach (var (name, route) in _routes)
        {
            route.Format ??= name.ToLowerInvariant();
            route.Provider ??= name.ToLowerInvariant();
        }
    }

    public IEnumerable<KeyValuePair<string, UssdRouteOptions>> All => _routes;

    /// <summary>An enabled route by name.</summary>
    public bool TryGet(string name, out UssdRouteOptions route) => _routes.TryGetValue(name, out route!) && route.Enabled;

    /// <summary>True when the caller may use the route: the key matches (constant time) and the address is allowed, for whichever is configured.</summary>
    public static bool Allows(UssdRouteOptions route, HttpContext context)
    {
        if (!string.IsNullOrEmpty(route.Key)
            && !SharedSecret.FixedTimeEquals(context.Request.Query["key"].ToString(), route.Key))
            return false;
        if (string.IsNullOrWhiteSpace(route.AllowedIps)) return true;

        var remote = context.Connection.RemoteIpAddress;
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        foreach (var entry in route.AllowedIps.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
            if (IPAddress.TryParse(entry, out var allowed) && allowed.Equals(remote)) return true;
        return false;
    }

    public static bool IsOpen(UssdRouteOptions route) => string.IsNullOrEmpty(route.Key) && string.IsNullOrWhiteSpace(route.AllowedIps);
}
