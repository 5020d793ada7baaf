using Gateway.Admin.Access;
using Gateway.Admin;
using Gateway.Channels.Ussd;
using Gateway.Conversations;
using Gateway.Observability;
using Gateway.Text;
using Gateway.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Simulator;

/// <summary>
/// Talk to the flows without a telecom account: <c>POST /api/simulator/messages</c> runs the real engine and
/// answers with the replies as the channel would render them; <c>GET /api/simulator/messages?to=</c> lists what
/// the gateway sent on its own (bus commands, alerts) to a simulated phone. Open in Development and Testing; elsewhere
/// behind an admin key (<see cref="SimulatorAccess"/>).
/// </summary>
public static class SimulatorApi
{
    public const string Provider = InboundMessage.SimulatorProvider;

    /// <summary>The longest text accepted (USSD and SMS carry far less; a long paste gets a polite re-prompt, not an error).</summary>
    public const int MaxTextLength = 10_000;

    /// <param name="To">The number or USSD code written to (selects the commune); default "simulator".</param>
    /// <param name="Id">Provider message id, to try de-duplication (a retry with the same id gets the same reply).</param>
    /// <param name="SessionId">USSD only: the operator session; an empty text starts a new one.</param>
    [OpenApiShape("from", Example = """
        { "from": "+212612345678", "channel": "sms", "text": "نعم" }
        """)]
    public sealed record SimulatorMessage(string? From, string? Channel, string? Text, string? To, string? Payload, string? Id, string? SessionId);

    /// <param name="ContactId">The pseudonymous id; null for a key limited to one commune (<see cref="SimulatorScope"/>).</param>
    public sealed record SimulatorReply(string? ContactId, bool ConversationOpen, bool Duplicate, IReadOnlyList<object> Replies);

    public static WebApplicationBuilder AddSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SimulatorMailbox>();
        builder.Services.AddSingleton<SimulatorScope>();
        builder.Services.AddSingleton<Conversations.Ports.IContactDataHolder, SimulatorContactData>();
        builder.Services.AddSingleton<Outbound.IMessageSender>(sp => sp.GetRequiredService<SimulatorMailbox>());
        return builder;
    }

    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/simulator").WithTags("Simulator");
        var services = app.ServiceProvider;
        if (SimulatorAccess.IsOpen(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>()))
            group.AllowAnonymous();
        else group.RequireAuthorization(GatewayPolicies.Read);
        // The handler reads the body itself (for per-field errors); the document still shows it.
        group.MapPost("/messages", PostAsync).Accepts<SimulatorMessage>("application/json").ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/messages", async (string? to, HttpContext http, SimulatorMailbox mailbox, SimulatorScope scope, CancellationToken cancellationToken) =>
            !PhoneNumbers.TryNormalize(to, out var phone)
                ? Results.Problem(title: "Invalid 'to'", detail: "Give the simulated phone number, e.g. ?to=%2B212612345678.", statusCode: 400)
                : SimulatorScope.CommuneCaller(http) is { } caller && !await scope.IsOwnAsync(caller.Commune!, phone, cancellationToken)
                    ? Results.Problem(title: "Not found", detail: $"No simulated phone of {caller.Commune} has this number.", statusCode: 404)
                    : Results.Ok(mailbox.For(phone)))
            .WithSummary("Messages sent to a simulated phone")
            .AnswersErrors((400, "'to' is not a phone number."), (404, "Not a simulated phone of the key's commune."));
        return app;
    }

    private static async Task<Results<Ok<SimulatorReply>, ProblemHttpResult>> PostAsync(
        HttpContext http, SimulatorScope scope, IConversationEngine engine, UssdSessionHandler ussd, IUssdSessionStore ussdSessions,
        Conversations.ContactIds contactIds, CancellationToken cancellationToken)
    {
        var (body, invalid) = await SimulatorRequest.ReadAsync(http);
        if (invalid is not null) return invalid;
        return await SendAsync(body!, SimulatorScope.CommuneCaller(http), http, scope, engine, ussd, ussdSessions, contactIds, cancellationToken);
    }

    /// <summary>
    /// One message from a simulated phone, as a commune key's caller (<paramref name="limited"/>: only its commune's numbers,
    /// no contact id in the answer) or the programme (null). Also the console's simulator page.
    /// </summary>
    public static async Task<Results<Ok<SimulatorReply>, ProblemHttpResult>> SendAsync(
        SimulatorMessage body, AdminCaller? limited, HttpContext http, SimulatorScope scope, IConversationEngine engine,
        UssdSessionHandler ussd, IUssdSessionStore ussdSessions, Conversations.ContactIds contactIds, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.TryNormalize(body.From, out var from))
            return Problem("from", "'from' must be a phone number, e.g. +212612345678 or 0612345678.");
        var channelName = body.Channel ?? "sms";
        if (!ChannelKindNames.TryParse(channelName, out var channel))
            return Problem("channel", "'channel' must be sms, ussd or whatsapp.");
        var text = body.Text ?? "";
        if (text.Length > MaxTextLength)
            return Problem("text", $"'text' is longer than {MaxTextLength} characters.");
        var to = body.To;
        if (limited is { IsProgramme: false })
        {
            (to, var refused) = await scope.CheckAsync(limited, from, to, channel == ChannelKind.Ussd, cancellationToken);
            if (refused is not null) return refused;
        }

        if (channel == ChannelKind.Ussd)
        {
            // USSD goes through the same session logic as the aggregators' routes: paging, CON/END, hop retries.
            // Keyed by the contact id, never the number: session keys are visible to anyone who can list Redis keys.
            var sessionId = body.SessionId ?? SimulatedSessionId(contactIds.For(from));
            var state = await ussdSessions.GetAsync(sessionId, cancellationToken);
            var isNew = text.Length == 0 || state is null;
            var hop = new UssdHop(sessionId, from, to ?? "*123#", null, text, isNew, isNew ? 0 : state!.LastHop + 1);
            var screen = await ussd.HandleAsync(Provider, hop, cancellationToken);
            if (screen.StepCommitted) WebhookTiming.Mark(http, ChannelKind.Ussd);
            var contactId = limited is null ? contactIds.For(from) : null;
            return TypedResults.Ok(new SimulatorReply(contactId, screen.Continue, false, [(screen.Continue ? "CON " : "END ") + screen.Text]));
        }

        var message = new InboundMessage(channel, Provider, from, to ?? Provider, text, body.Payload, body.Id);
        var result = await engine.HandleAsync(message, cancellationToken);
        WebhookTiming.Mark(http, channel, result);
        return TypedResults.Ok(new SimulatorReply(limited is null ? result.ContactId : null, result.ConversationOpen, result.Duplicate, SimulatorRendering.Render(channel, result)));
    }

    /// <summary>The USSD session the simulator opens for a contact when the caller names none.</summary>
    public static string SimulatedSessionId(string contactId) => "simulator-" + contactId;

    private static ProblemHttpResult Problem(string field, string detail) =>
        TypedResults.Problem(title: "Invalid simulator message", detail: detail, statusCode: 400,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}
