using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Observability;
using Gateway.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Gateway.Outbound.Status;

namespace Gateway.Channels.WhatsAppCloud;

/// <summary>
/// Meta's webhook: the GET verify handshake and the signed POST carrying messages and statuses.
/// Replies do not ride on the response (Meta ignores it): the engine writes them to the outbox in the step's own
/// commit (<see cref="ReplyDelivery.Outbox"/>) and <c>DeliverReplyConsumer</c> sends them through the Graph API, so
/// Meta gets its 200 as soon as the step is stored, and a reply survives the process stopping right after.
/// </summary>
public static class WhatsAppCloudWebhooks
{
    public const string Path = "/webhooks/whatsapp";

    internal static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("WhatsApp Cloud");
        group.MapGet("", Verify);
        group.MapPost("", HandleAsync).VerifiedBy<WhatsAppCloudVerifier>();
    }

    /// <summary><c>hub.mode=subscribe</c> and the configured verify token → 200 with the bare challenge; anything else → 403.</summary>
    public static Results<ContentHttpResult, ProblemHttpResult> Verify(HttpRequest request, IOptionsMonitor<WhatsAppCloudOptions> options)
    {
        var expected = options.CurrentValue.VerifyToken;
        if (string.IsNullOrEmpty(expected))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "WhatsApp Cloud channel is not configured",
                detail: "Set WhatsApp__VerifyToken to the token entered in the Meta app's webhook settings.");
        }

        var mode = request.Query["hub.mode"].ToString();
        var token = request.Query["hub.verify_token"].ToString();
        var challenge = request.Query["hub.challenge"].ToString();
        var tokenMatches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(expected));
        if (mode != "subscribe" || !tokenMatches || challenge.Length == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Verification failed",
                detail: "hub.mode must be subscribe and hub.verify_token must match WhatsApp__VerifyToken.");
        }
        return TypedResults.Text(challenge, "text/plain", Encoding.UTF8);
    }

    public static async Task<Results<Ok, ProblemHttpResult>> HandleAsync(HttpContext http, [AsParameters] CloudWebhookServices services)
    {
        IReadOnlyList<CloudMessage> messages;
        IReadOnlyList<CloudStatus> statuses;
        try
        {
            (messages, statuses) = WhatsAppCloudPayload.Parse(WebhookBody.Get(http));
        }
        catch (JsonException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed webhook body",
                detail: "The body is not a WhatsApp Cloud API webhook JSON object.");
        }

        var logger = services.Logs.CreateLogger(typeof(WhatsAppCloudWebhooks));
        foreach (var status in statuses)
        {
            var at = status.At ?? services.Clock.GetUtcNow();
            var entry = await services.Statuses.UpdateAsync(WhatsAppCloudChannel.Provider, status.Wamid, status.Status, status.ErrorCode, at, http.RequestAborted);
            await services.Events.PublishAsync(
                new MessageStatusChanged(status.Wamid, WhatsAppCloudChannel.Provider, status.Status, null, status.ErrorCode, entry.Reference, at),
                http.RequestAborted);
        }

        foreach (var message in messages)
        {
            if (!PhoneNumbers.TryNormalize("+" + message.From, out var from))
            {
                logger.LogWarning("Skipped WhatsApp message {Wamid}: sender is not a phone number", message.Wamid);
                continue;
            }
            var to = message.DisplayPhoneNumber is { } display && PhoneNumbers.TryNormalize("+" + display, out var number)
                ? number
                : message.PhoneNumberId ?? "";

            // ReplyFrom is the phone_number_id the contact wrote to, so the answer comes from the same number.
            var inbound = new InboundMessage(ChannelKind.WhatsApp, WhatsAppCloudChannel.Provider, from, to, message.Text, message.Payload, message.Wamid)
            {
                ReplyDelivery = ReplyDelivery.Outbox,
                ReplyFrom = message.PhoneNumberId,
            };
            var result = await services.Engine.HandleAsync(inbound, http.RequestAborted);
            WebhookTiming.Mark(http, ChannelKind.WhatsApp, result);
            // A retried wamid was answered the first time: its replies are already in the outbox, none are added.
            logger.LogDebug("WhatsApp message {Wamid} ({Type}) from {From}: {Replies} replies{Duplicate}",
                message.Wamid, message.Type, PhoneNumbers.Mask(from), result.Replies.Count, result.Duplicate ? " (retry, not resent)" : "");
        }
        return TypedResults.Ok();
    }
}

public sealed record CloudWebhookServices(
    [FromServices] IConversationEngine Engine,
    [FromServices] IMessageStatusStore Statuses,
    [FromServices] IStatusEvents Events,
    [FromServices] TimeProvider Clock,
    [FromServices] ILoggerFactory Logs);
