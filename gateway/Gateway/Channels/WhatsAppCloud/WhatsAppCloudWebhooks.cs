using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Channels.Status;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gateway.Channels.WhatsAppCloud;

/// <summary>
/// Meta's webhook: the GET verify handshake and the signed POST carrying messages and statuses.
/// Replies do not ride on the response (Meta ignores it): they are queued and sent through the Graph API
/// after the step, so Meta gets its 200 as soon as the engine has run.
/// </summary>
public static class WhatsAppCloudWebhooks
{
    public const string Path = "/webhooks/whatsapp";

    public static IEndpointRouteBuilder MapWhatsAppCloudWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("WhatsApp Cloud").ExcludeFromDescription();
        group.MapGet("", Verify);
        group.MapPost("", HandleAsync).ValidateMetaSignature();
        return app;
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

            var result = await services.Engine.HandleAsync(
                new InboundMessage(ChannelKind.WhatsApp, WhatsAppCloudChannel.Provider, from, to, message.Text, message.Payload, message.Wamid),
                http.RequestAborted);
            logger.LogDebug("WhatsApp message {Wamid} ({Type}) from {From}: {Replies} replies{Duplicate}",
                message.Wamid, message.Type, PhoneNumbers.Mask(from), result.Replies.Count, result.Duplicate ? " (retry, not resent)" : "");

            // A retried wamid was answered the first time; sending again would double the reply.
            if (result.Duplicate) continue;
            foreach (var reply in result.Replies)
            {
                // From carries the phone_number_id the contact wrote to, so the answer comes from the same number.
                if (!services.Outgoing.Enqueue(new OutboundMessage(from, message.PhoneNumberId, ChannelKind.WhatsApp, reply)))
                    logger.LogError("WhatsApp reply queue full: a reply to {From} was dropped", PhoneNumbers.Mask(from));
            }
        }
        return TypedResults.Ok();
    }
}

public sealed record CloudWebhookServices(
    [FromServices] IConversationEngine Engine,
    [FromServices] CloudReplyQueue Outgoing,
    [FromServices] IMessageStatusStore Statuses,
    [FromServices] IStatusEvents Events,
    [FromServices] TimeProvider Clock,
    [FromServices] ILoggerFactory Logs);
