using Gateway.Admin;
using Gateway.Admin.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Webhooks;

/// <summary>
/// The outbound webhooks admin API (X-Api-Key; a commune key sees and manages only its commune's subscriptions, others get
/// 404; observers read): <c>POST /api/webhooks</c>, <c>GET /api/webhooks</c>, <c>DELETE /api/webhooks/{id}</c>,
/// <c>GET /api/webhooks/{id}/deliveries</c>, <c>POST /api/webhooks/{id}/replay</c> and <c>POST /api/webhooks/{id}/enable</c>.
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(GatewayPolicies.Read);
        webhooks.MapPost("/", CreateAsync).RequireAuthorization(GatewayPolicies.Act)
            .WithSummary("Subscribe a URL to events").WithDescription("Answers the subscription's id and its signing secret, shown this once.");
        webhooks.MapGet("/", ListAsync).WithSummary("List the caller's subscriptions (never their secrets)");
        webhooks.MapDelete("/{id}", DeleteAsync).RequireAuthorization(GatewayPolicies.Act).WithSummary("Delete a subscription");
        webhooks.MapGet("/{id}/deliveries", DeliveriesAsync).WithSummary("The subscription's latest deliveries, newest first");
        webhooks.MapPost("/{id}/replay", ReplayAsync).RequireAuthorization(GatewayPolicies.Act).WithSummary("Send a delivery again");
        webhooks.MapPost("/{id}/enable", EnableAsync).RequireAuthorization(GatewayPolicies.Act).WithSummary("Re-enable a subscription stopped after a long failure");
        return app;
    }

    /// <summary>A subscription as listed: everything but its secret.</summary>
    public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> Events, string? Commune, string State,
        string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? StoppedAt, string? StopReason)
    {
        public static WebhookView Of(WebhookSubscription s) =>
            new(s.Id, s.Url, s.Events, s.Commune, s.State.ToString().ToLowerInvariant(), s.CreatedBy, s.CreatedAt, s.StoppedAt, s.StopReason);
    }

    /// <param name="Secret">The signing secret (<c>whsec_</c> + base64): shown only in this answer.</param>
    public sealed record WebhookCreated(string Id, string Secret, string Url, IReadOnlyList<string> Events, string? Commune);

    public sealed record DeliveryView(string Id, string EventType, string State, int Attempts, DateTimeOffset CreatedAt,
        DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError, DateTimeOffset? NextAttemptAt)
    {
        public static DeliveryView Of(WebhookDelivery d) => new(d.Id, d.EventType, d.State.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt,
            d.LastAttemptAt, d.LastStatus, d.LastError, d.State == DeliveryState.Pending ? d.NextAttemptAt : null);
    }

    public sealed record ReplayRequest(string? DeliveryId);

    private static AdminCaller Caller(this HttpContext http) =>
        CallerClaims.Caller(http.User) ?? throw new InvalidOperationException("The route must require an authenticated caller.");

    private static NotFound<ProblemDetails> Unknown(string id) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Unknown webhook", Detail = $"No webhook subscription has id '{id}'.", Status = 404 });

    private static async Task<Results<Created<WebhookCreated>, ValidationProblem, NotFound<ProblemDetails>>> CreateAsync(
        WebhookRequest request, HttpContext http, WebhookSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        var (created, errors, unknownCommune) = await subscriptions.CreateAsync(http.Caller(), request, cancellationToken);
        if (unknownCommune)
            return TypedResults.NotFound(new ProblemDetails { Title = "Unknown commune", Detail = $"No commune '{request.Commune}' for this key.", Status = 404 });
        if (created is null) return TypedResults.ValidationProblem(errors);
        return TypedResults.Created($"/api/webhooks/{created.Id}", new WebhookCreated(created.Id, created.Secret, created.Url, created.Events, created.Commune));
    }

    private static async Task<Ok<IReadOnlyList<WebhookView>>> ListAsync(string? commune, HttpContext http, WebhookSubscriptions subscriptions,
        CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<WebhookView>>([.. (await subscriptions.ListAsync(http.Caller(), commune, cancellationToken)).Select(WebhookView.Of)]);

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> DeleteAsync(string id, HttpContext http, WebhookSubscriptions subscriptions,
        CancellationToken cancellationToken)
    {
        if (await subscriptions.FindAsync(http.Caller(), id, cancellationToken) is not { } subscription) return Unknown(id);
        await subscriptions.DeleteAsync(subscription, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<DeliveryView>>, NotFound<ProblemDetails>>> DeliveriesAsync(string id, HttpContext http,
        WebhookSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        if (await subscriptions.FindAsync(http.Caller(), id, cancellationToken) is not { } subscription) return Unknown(id);
        var deliveries = await subscriptions.DeliveriesAsync(subscription, WebhookSubscriptions.MaxDeliveriesListed, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeliveryView>>([.. deliveries.Select(DeliveryView.Of)]);
    }

    private static async Task<Results<Accepted<DeliveryView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> ReplayAsync(
        string id, ReplayRequest request, HttpContext http, WebhookSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        if (await subscriptions.FindAsync(http.Caller(), id, cancellationToken) is not { } subscription) return Unknown(id);
        if (string.IsNullOrWhiteSpace(request.DeliveryId))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["deliveryId"] = ["Name the delivery to send again (its id, from the deliveries list)."] });
        if (subscription.State != WebhookState.Active)
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "Subscription not active",
                Detail = $"Webhook '{id}' is {subscription.State.ToString().ToLowerInvariant()}: re-enable it first (POST /api/webhooks/{id}/enable).",
                Status = 409,
            });
        if (await subscriptions.ReplayAsync(subscription, request.DeliveryId.Trim(), cancellationToken) is not { } replayed)
            return TypedResults.NotFound(new ProblemDetails { Title = "Unknown delivery", Detail = $"Webhook '{id}' has no delivery '{request.DeliveryId}' (finished deliveries are kept for a while only).", Status = 404 });
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", DeliveryView.Of(replayed));
    }

    private static async Task<Results<Ok<WebhookView>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> EnableAsync(string id, HttpContext http,
        WebhookSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        if (await subscriptions.FindAsync(http.Caller(), id, cancellationToken) is not { } subscription) return Unknown(id);
        if (await subscriptions.EnableAsync(subscription, cancellationToken) is not { } enabled)
            return TypedResults.Conflict(new ProblemDetails { Title = "Subscription deleted", Detail = $"Webhook '{id}' was deleted: create a new one.", Status = 409 });
        return TypedResults.Ok(WebhookView.Of(enabled));
    }
}
