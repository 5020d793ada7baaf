using Gateway.Admin.Access;
using Gateway.Admin;
using Gateway.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Bus;

/// <summary>
/// The events the relay could never publish (unknown contract type, unreadable payload: a version skew or a bug), kept
/// with the reason instead of dropped; here an operator sees them. The programme's keys only: payloads of commands
/// carry phone numbers, and the events of every commune are mixed: anyone else gets a 403.
/// </summary>
public static class OutboxApi
{
    public const int MaxListed = 500;

    public sealed record DeadLetterView(Guid MessageId, string MessageType, DateTimeOffset CreatedAt, string Reason, string Payload);

    public static IEndpointRouteBuilder MapOutbox(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/outbox").WithTags("Outbox").RequireAuthorization(GatewayPolicies.Programme).MapGet("/dead-letters", ListAsync);
        return app;
    }

    private static async Task<Results<Ok<List<DeadLetterView>>, NotFound, ProblemHttpResult>> ListAsync(
        AdminCaller caller, IOutboxDeadLetters deadLetters, int? max, CancellationToken cancellationToken)
    {
        if (!caller.IsProgramme) return TypedResults.NotFound();
        if (max is < 1 or > MaxListed)
            return TypedResults.Problem(title: "Invalid 'max'", detail: $"'max' must be between 1 and {MaxListed}.", statusCode: 400);
        var letters = await deadLetters.ReadDeadLettersAsync(max ?? 100, cancellationToken);
        return TypedResults.Ok(letters.Select(l => new DeadLetterView(l.Event.MessageId, l.Event.MessageType, l.Event.CreatedAt, l.Reason, l.Event.Payload)).ToList());
    }
}
