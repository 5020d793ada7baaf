using System.Text.Json;
using Gateway.Conversations;
using Gateway.Observability;
using Gateway.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Channels.Infobip;

/// <summary>
/// <c>POST /webhooks/infobip</c>: the inbound SMS forward. Infobip ignores the response, so replies go through the outbox
/// (<see cref="ReplyDelivery.Outbox"/>) and <c>DeliverReplyConsumer</c> sends them with <see cref="InfobipSender"/>, from the
/// number the contact wrote to.
/// </summary>
public static class InfobipWebhooks
{
    public const string Path = "/webhooks/infobip";

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Path, HandleAsync).VerifiedBy<InfobipVerifier>().WithTags("Infobip");

    public static async Task<Results<Ok, ProblemHttpResult>> HandleAsync(
        HttpContext http, [FromServices] IConversationEngine engine, [FromServices] ILogger<InfobipVerifier> logger)
    {
        IReadOnlyList<InfobipMessage> messages;
        try
        {
            messages = InfobipPayload.Parse(WebhookBody.Get(http));
        }
        catch (JsonException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook body",
                detail: "The body is not an Infobip inbound SMS JSON object.", extensions: new Dictionary<string, object?> { ["field"] = "body" });
        }

        foreach (var message in messages)
        {
            if (!ProviderPhone.TryNormalize(message.From, out var from))
            {
                logger.LogWarning("Skipped Infobip message {MessageId}: sender is not a phone number", message.MessageId);
                continue;
            }
            // To may be a short code: kept as sent when it is not a full number.
            var to = ProviderPhone.TryNormalize(message.To, out var number) ? number : message.To.Trim();
            var result = await engine.HandleAsync(
                new InboundMessage(ChannelKind.Sms, InfobipChannel.Provider, from, to, message.Text, null, message.MessageId)
                {
                    ReplyDelivery = ReplyDelivery.Outbox,
                    ReplyFrom = to,
                },
                http.RequestAborted);
            WebhookTiming.Mark(http, ChannelKind.Sms, result);
            logger.LogDebug("Infobip message {MessageId} from {From}: {Replies} replies{Duplicate}",
                message.MessageId, PhoneNumbers.Mask(from), result.Replies.Count, result.Duplicate ? " (retry, not resent)" : "");
        }
        return TypedResults.Ok();
    }
}
