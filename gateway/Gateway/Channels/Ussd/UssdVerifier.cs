namespace Gateway.Channels.Ussd;

/// <summary>
/// USSD aggregators do not sign (Africa's Talking included): a route is protected by a shared key in its callback URL
/// (<c>?key=</c>) and/or the aggregator's egress addresses, whichever is configured (<see cref="UssdRoutes.Allows"/>).
/// An open route is allowed outside production (the start-up checks refuse it there), so there is no 503.
/// </summary>
public sealed class UssdVerifier(UssdRoutes routes) : WebhookVerifier
{
    public override string Channel => "USSD";

    public override WebhookProblem? NotConfigured(HttpContext http) => null;

    public override int? MaxBodyBytes(HttpContext http) => null;

    public override WebhookProblem Forbidden { get; } = new("Forbidden", "The caller is not allowed on this USSD route.");

    /// <summary>An unknown or disabled route has nothing to protect: it passes, and the handler answers 404.</summary>
    public override bool Verify(HttpContext http, byte[]? body) =>
        !routes.TryGet(RouteName(http), out var route) || UssdRoutes.Allows(route, http);

    public override string Refusal(HttpContext http) => $"wrong key or caller address on route {RouteName(http)}";

    /// <summary>The <c>{route}</c> of <c>/webhooks/ussd/{route}</c>; Africa's Talking's own paths have none.</summary>
    private static string RouteName(HttpContext http) => http.GetRouteValue("route") as string ?? UssdRoutes.AfricasTalking;
}
