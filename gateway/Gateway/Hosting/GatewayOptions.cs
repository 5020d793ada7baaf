using System.ComponentModel.DataAnnotations;
using Gateway.Settings;
using Gateway.Storage.Redis;

namespace Gateway.Hosting;

/// <summary>
/// Section <c>Gateway</c>: the settings of the gateway as a whole, validated at start like every section. Some are read
/// before the host is built (the flows, the shutdown time, the state cache); they are bound here too so that one type
/// documents and checks them all. Secrets (<see cref="PseudonymKey"/>) are judged by <see cref="ProductionSafety"/>.
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The gateway's root as providers and citizens reach it (<c>Gateway:PublicBaseUrl</c>): webhook signatures and links are computed over it.</summary>
    [HttpUrl]
    public string? PublicBaseUrl { get; set; }

    /// <summary>HMAC key of pseudonymous contact ids (<c>Gateway:PseudonymKey</c>).</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Folder of the flow files (<c>Gateway:FlowsPath</c>); empty: the <c>flows</c> folder shipped with the binary.</summary>
    public string? FlowsPath { get; set; }

    /// <summary>This deployment's name on its RabbitMQ virtual host (<c>Gateway:Deployment</c>; see Bus/DeploymentMarker.cs).</summary>
    [StringLength(100)]
    public string? Deployment { get; set; }

    /// <summary>Contact states kept in memory beside Redis (<c>Gateway:StateCacheSize</c>), ~0.5 KB each; 0 turns the cache off.</summary>
    [Range(0, 10_000_000)]
    public int StateCacheSize { get; set; } = ContactStateCache.DefaultCapacity;

    /// <summary>Largest request body of a route that declares none (<c>Gateway:MaxRequestBodyBytes</c>).</summary>
    [Range(1024L, 100L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = RequestBodyLimit.DefaultBytes;

    /// <summary>
    /// How long a stop (SIGTERM) may take (<c>Gateway:ShutdownTimeout</c>; unset: <see cref="GatewayCoreExtensions.DefaultShutdownTimeout"/>),
    /// also checked before the host is built by <see cref="GatewayCoreExtensions.ShutdownTimeout"/>, which applies it.
    /// </summary>
    [Duration("00:00:01", "00:10:00")]
    public TimeSpan? ShutdownTimeout { get; set; }

    /// <summary>Provider per channel for messages the gateway originates (<c>Gateway:DefaultProviders:Sms = twilio</c>).</summary>
    public Dictionary<string, string> DefaultProviders { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Provider per channel for one commune (<c>Gateway:CommuneProviders:&lt;commune&gt;:Sms</c>), before <see cref="DefaultProviders"/>.</summary>
    public Dictionary<string, Dictionary<string, string>> CommuneProviders { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
