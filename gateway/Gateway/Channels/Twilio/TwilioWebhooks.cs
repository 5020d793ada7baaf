using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Observability;
using Gateway.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Gateway.Outbound.Status;

namespace Gateway.Channels.Twilio;

/// <summary>
/// Twilio's webhooks: inbound SMS/WhatsApp (answered inline with TwiML) and delivery status callbacks.
/// Both are behind the signature filter; nothing reaches a handler unsigned.
/// </summary>
public static partial class TwilioWebhooks
{
    public const string InboundPath = "/webhooks/twilio";
    public const string StatusPath = "/webhooks/twilio/status";

    internal static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(InboundPath)
            .VerifiedBy<TwilioVerifier>()
            .WithTags("Twilio");
        group.MapPost("", HandleInboundAsync);
        group.MapPost("/status", HandleStatusAsync);
    }

    /// <summary>
    /// One engine step, rendered as TwiML. WhatsApp replies with options are rendered as numbered text too:
    /// TwiML cannot carry buttons, and buttons through Twilio need a pre-approved Content template per option
    /// set plus a REST call outside this response. Inline TwiML keeps the reply within Twilio's 15 s, and a
    /// retried MessageSid gets the same TwiML back from the engine's idempotency record. The Cloud adapter
    /// (Channels/WhatsAppCloud) is the one that sends real buttons and lists.
    /// </summary>
    public static async Task<Results<TwiMLResult, ProblemHttpResult>> HandleInboundAsync(
        HttpContext http, [FromServices] IConversationEngine engine, [FromServices] ILogger<TwilioInbound> logger)
    {
        var (inbound, problem) = TwilioInbound.Parse(TwilioForm.From(http));
        if (problem is not null) return problem;

        var result = await engine.HandleAsync(inbound!.ToInboundMessage(), http.RequestAborted);
        WebhookTiming.Mark(http, inbound.Channel, result);
        // Checked first: the masked number and the boxed count would otherwise be built on every webhook for a debug line.
        if (logger.IsEnabled(LogLevel.Debug))
            LogInbound(logger, inbound.Channel.ToWire(), inbound.MessageSid, PhoneNumbers.Mask(inbound.From), result.Replies.Count, result.Duplicate ? " (retry)" : "");

        var messages = new List<string>(result.Replies.Count);
        foreach (var reply in result.Replies)
        {
            var text = inbound.Channel == ChannelKind.Sms ? SmsText.RenderSms(reply) : SmsText.Render(reply);
            if (!string.IsNullOrWhiteSpace(text)) messages.Add(text);
        }
        return new TwiMLResult(messages);
    }

    /// <summary>A delivery status: kept in the status store (never moving backwards) and announced as <see cref="MessageStatusChanged"/>.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleStatusAsync(
        HttpContext http, [FromServices] IMessageStatusStore store, [FromServices] IStatusEvents events, [FromServices] TimeProvider clock)
    {
        var form = TwilioForm.From(http);
        var sid = form["MessageSid"] ?? form["SmsSid"];
        var status = form["MessageStatus"] ?? form["SmsStatus"];
        if (string.IsNullOrWhiteSpace(sid) || string.IsNullOrWhiteSpace(status))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid field MessageSid or MessageStatus",
                detail: "A status callback needs MessageSid and MessageStatus.");
        }

        var errorCode = string.IsNullOrWhiteSpace(form["ErrorCode"]) ? null : form["ErrorCode"];
        var at = clock.GetUtcNow();
        var entry = await store.UpdateAsync(TwilioChannel.Provider, sid, status.ToLowerInvariant(), errorCode, at, http.RequestAborted);
        await events.PublishAsync(
            new MessageStatusChanged(sid, TwilioChannel.Provider, status.ToLowerInvariant(), null, errorCode, entry.Reference, at),
            http.RequestAborted);
        return TypedResults.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Twilio {Channel} message {MessageSid} from {From}: {Replies} replies{Duplicate}")]
    private static partial void LogInbound(ILogger logger, string channel, string? messageSid, string from, int replies, string duplicate);
}
