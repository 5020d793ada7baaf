namespace Gateway.Observability;

/// <summary>What <c>GET /version</c> answers.</summary>
/// <param name="Version">The semantic version, e.g. <c>1.0.0</c>.</param>
/// <param name="InformationalVersion">The version as built, with <c>+commit</c> when known.</param>
/// <param name="Commit">The commit the build came from, or null.</param>
public sealed record VersionResponse(string Version, string InformationalVersion, string? Commit);

public static class VersionEndpoint
{
    /// <summary>
    /// <c>GET /version</c>: public on purpose (an operator, a monitoring probe or a commune's IT partner checks which
    /// release runs without holding a key; the version says nothing an attacker could not learn from the release notes).
    /// <c>AllowAnonymous</c> keeps it so under an authorization fallback policy.
    /// </summary>
    public static IEndpointRouteBuilder MapVersion(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/version", () => TypedResults.Ok(new VersionResponse(
                GatewayVersion.Version, GatewayVersion.Informational, GatewayVersion.Commit)))
            .WithTags("Version")
            .WithSummary("The running version")
            .AllowAnonymous();
        return endpoints;
    }
}
