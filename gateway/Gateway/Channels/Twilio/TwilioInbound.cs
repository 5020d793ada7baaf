using Gateway.Conversations;
using Gateway.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Channels.Twilio;

/// <summary>The fields of Twilio's messaging webhook the gateway uses (docs/protocols.md §1); unknown fields are ignored but were signed.</summary>
public sealed record TwilioInbound(
    ChannelKind Channel,
    string From,
    string To,
    string Body,
    string? MessageSid,
    string? ButtonPayload,
    string? ButtonText,
    string? ListId,
    int NumMedia,
    string? WaId,
    string? ProfileName)
{
    public const string WhatsAppPrefix = "whatsapp:";

    /// <summary>A tapped quick-reply button or list row: it is the answer, whatever Body says.</summary>
    public string? Payload => !string.IsNullOrEmpty(ButtonPayload) ? ButtonPayload : !string.IsNullOrEmpty(ListId) ? ListId : null;

    public InboundMessage ToInboundMessage() => new(Channel, TwilioChannel.Provider, From, To, Body, Payload, MessageSid);

    /// <summary>Reads the form; a 400 problem naming the field when <c>From</c> is not a phone number.</summary>
    public static (TwilioInbound? Inbound, ProblemHttpResult? Problem) Parse(TwilioForm form)
    {
        var rawFrom = form["From"];
        var channel = rawFrom?.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) == true ? ChannelKind.WhatsApp : ChannelKind.Sms;
        if (!PhoneNumbers.TryNormalize(StripPrefix(rawFrom), out var from))
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid field From",
                detail: "From must be a phone number, optionally prefixed with whatsapp:."));
        }

        // To may be a short code or an alphanumeric id: keep it as sent when it is not a full number.
        var rawTo = StripPrefix(form["To"]) ?? "";
        var to = PhoneNumbers.TryNormalize(rawTo, out var normalizedTo) ? normalizedTo : rawTo.Trim();

        return (new TwilioInbound(
            channel,
            from,
            to,
            form["Body"] ?? "",
            Blank(form["MessageSid"]),
            Blank(form["ButtonPayload"]),
            Blank(form["ButtonText"]),
            Blank(form["ListId"]),
            int.TryParse(form["NumMedia"], out var media) ? media : 0,
            Blank(form["WaId"]),
            Blank(form["ProfileName"])), null);
    }

    public static string? StripPrefix(string? address) =>
        address is not null && address.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) ? address[WhatsAppPrefix.Length..] : address;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
