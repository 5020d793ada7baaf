using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Observability;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Gateway.Outbound;
using Gateway.Outbound.Status;

namespace Gateway.Channels.Kannel;

/// <summary>
/// <c>GET|POST /webhooks/kannel</c>: smsbox's sms-service calling us with an MO (get-url of docs/protocols.md §8);
/// <c>GET|POST /webhooks/kannel/dlr</c>: delivery reports for what <see cref="KannelSender"/> sent.
/// </summary>
public static class KannelWebhooks
{
    private static readonly string[] GetOrPost = [HttpMethods.Get, HttpMethods.Post];

    internal static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks/kannel").VerifiedBy<KannelVerifier>().WithTags("Kannel").DisableAntiforgery();
        group.MapMethods("", GetOrPost, HandleMessageAsync);
        group.MapMethods("/dlr", GetOrPost, HandleDeliveryReportAsync);
    }

    // [FromServices] explicitly: the engine is registered by the host's composition, and inference must never
    // mistake it for a body parameter when this module is mapped before (or without) it.
    public sealed record MessageServices(
        [FromServices] IOptionsMonitor<KannelOptions> Options,
        [FromServices] IConversationEngine Engine,
        [FromServices] KannelSender Sender,
        [FromServices] ILogger<KannelSender> Logger);

    private static async Task<IResult> HandleMessageAsync(HttpContext context, [AsParameters] MessageServices services)
    {
        var options = services.Options.CurrentValue;

        var (fields, problem) = await ReadFieldsAsync(context, options);
        if (problem is not null) return problem;
        string Field(string name) => fields!.TryGetValue(name, out var raw) ? Uri.UnescapeDataString(raw.Replace('+', ' ')).Trim() : "";

        var from = Field("from");
        if (from.Length == 0) return BadRequest("The field 'from' is required.", "from");
        if (!ProviderPhone.TryNormalize(from, out var phone)) return BadRequest("The field 'from' is not a valid phone number.", "from");
        var to = Field("to") is { Length: > 0 } t ? t : options.Sender ?? "";
        var text = fields!.TryGetValue("text", out var rawText) ? KannelText.DecodeText(rawText, Field("coding"), Field("charset")) : "";
        var id = Field("id") is { Length: > 0 } i ? i : null;

        var result = await services.Engine.HandleAsync(
            new InboundMessage(ChannelKind.Sms, KannelChannel.Provider, phone, to, text, null, ProviderMessageId: id),
            context.RequestAborted);
        WebhookTiming.Mark(context, ChannelKind.Sms, result);

        var reply = KannelText.Render(result.Replies);
        if (options.ReplyMode == KannelReplyMode.Async)
        {
            // A retried MO (Duplicate) was already answered through sendsms: do not send it twice.
            if (reply.Length > 0 && !result.Duplicate)
            {
                var language = result.Replies[^1].Language;
                var outcome = await services.Sender.SendAsync(
                    new OutboundMessage(phone, to, ChannelKind.Sms, Reply.Plain(reply, language), Reference: id), context.RequestAborted);
                if (!outcome.Accepted)
                    services.Logger.LogWarning("Reply to Kannel MO {Id} not sent: {Error}", id, outcome.Error);
            }
            return TypedResults.Text("", "text/plain; charset=utf-8");
        }

        // Inline: smsbox sends the body back as the reply SMS. Without X-Kannel-Coding it would squeeze Arabic into
        // GSM-7 as "????" (checked against Kannel 1.4.5), so say UCS-2 when needed (needs accept-x-kannel-headers).
        if (reply.Length > 0 && KannelText.Coding(reply) == 2) context.Response.Headers["X-Kannel-Coding"] = "2";
        return TypedResults.Text(reply, "text/plain; charset=utf-8");
    }

    private static async Task<Results<Ok, ProblemHttpResult>> HandleDeliveryReportAsync(
        HttpContext context, IOptionsMonitor<KannelOptions> options, IStatusEvents sink, TimeProvider clock)
    {
        var (fields, problem) = await ReadFieldsAsync(context, options.CurrentValue);
        if (problem is not null) return problem;
        string Field(string name) => fields!.TryGetValue(name, out var raw) ? Uri.UnescapeDataString(raw.Replace('+', ' ')).Trim() : "";

        var id = Field("id");
        if (id.Length == 0) return BadRequest("The field 'id' is required.", "id");
        var (status, error) = int.TryParse(Field("status"), out var value) ? MapStatus(value) : (null, null);
        if (status is null)
            return BadRequest("The field 'status' must be a Kannel DLR value (1, 2, 4, 8 or 16).", "status");

        await sink.PublishAsync(new MessageStatusChanged(id, KannelChannel.Provider, status, null, error,
            Field("ref") is { Length: > 0 } reference ? reference : null, clock.GetUtcNow()), context.RequestAborted);
        return TypedResults.Ok();
    }

    /// <summary>Kannel DLR values (dlr-mask bits, docs/protocols.md §7) to MessageStatusChanged statuses.</summary>
    internal static (string? Status, string? ErrorCode) MapStatus(int value) => value switch
    {
        1 => ("delivered", null),
        2 => ("undelivered", null),
        4 => ("queued", null),
        8 => ("sent", null),
        16 => ("failed", "rejected"),
        _ => (null, null),
    };

    /// <summary>
    /// Query fields, overridden by form fields on a form POST; values still percent-encoded. A body is read only up to
    /// <see cref="KannelOptions.MaxBodyBytes"/> (413) and only as a url-encoded form: smsbox never sends multipart (415).
    /// </summary>
    private static async Task<(Dictionary<string, string>? Fields, ProblemHttpResult? Problem)> ReadFieldsAsync(HttpContext context, KannelOptions options)
    {
        var request = context.Request;
        var fields = KannelText.RawPairs(request.QueryString.Value);
        if (fields is null) return (null, WebhookForm.TooManyFields());
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType) return (fields, null);
        if (!WebhookForm.IsForm(request))
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported body",
                detail: "Send the fields in the query string or as an application/x-www-form-urlencoded body.",
                extensions: new Dictionary<string, object?> { ["field"] = "body" }));

        var (body, tooLarge) = await WebhookBody.ReadAsync(context, options.MaxBodyBytes);
        if (tooLarge is not null) return (null, tooLarge);
        // Latin-1 maps each byte to one char, so percent-escapes and raw bytes survive for DecodeText to judge.
        if (KannelText.RawPairs(System.Text.Encoding.Latin1.GetString(body!)) is not { } posted) return (null, WebhookForm.TooManyFields());
        foreach (var (name, value) in posted) fields[name] = value;
        return (fields, null);
    }

    private static ProblemHttpResult BadRequest(string detail, string field) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Kannel request", detail: detail,
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
