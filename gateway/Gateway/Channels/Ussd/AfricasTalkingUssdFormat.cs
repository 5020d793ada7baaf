using System.Text;

namespace Gateway.Channels.Ussd;

/// <summary>
/// Africa's Talking (docs/protocols.md §5): a form with <c>sessionId, serviceCode, phoneNumber, networkCode, text</c>,
/// where <c>text</c> holds every input so far joined by <c>*</c>; the answer is <c>text/plain</c> "CON …" or "END …".
/// </summary>
public sealed class AfricasTalkingUssdFormat : IUssdFormat
{
    public const string FormatName = "africastalking";

    public string Name => FormatName;

    public UssdParseResult Parse(HttpRequest request, byte[] body)
    {
        if (!WebhookForm.IsForm(request)) return UssdParseResult.Invalid("body", "Expected an application/x-www-form-urlencoded body.");
        if (WebhookForm.Parse(body) is not { } form)
            return UssdParseResult.Invalid("body", $"A form may carry at most {WebhookForm.MaxFields} fields.");

        string Field(string name) => form[name].Trim();
        var sessionId = Field("sessionId");
        var phone = Field("phoneNumber");
        var serviceCode = Field("serviceCode");
        if (sessionId.Length == 0) return UssdParseResult.Missing("sessionId");
        if (phone.Length == 0) return UssdParseResult.Missing("phoneNumber");
        if (serviceCode.Length == 0) return UssdParseResult.Missing("serviceCode");
        if (!ProviderPhone.TryNormalize(phone, out var e164))
            return UssdParseResult.Invalid("phoneNumber", "The field 'phoneNumber' is not a valid phone number.");

        // text = "" on the first hop, then "1*2*500": the newest input is the last segment, the hop index the count.
        // A '*' the citizen types is indistinguishable from the separator; the last segment is still what they sent last.
        var text = form["text"];
        var segments = text.Length == 0 ? [] : text.Split('*');
        var latest = segments.Length == 0 ? "" : segments[^1];
        var network = Field("networkCode");
        return UssdParseResult.Ok(new UssdHop(sessionId, e164, serviceCode, network.Length > 0 ? network : null,
            latest, IsNewSession: segments.Length == 0, HopIndex: segments.Length));
    }

    public IResult Render(UssdRequest request, UssdScreen screen) =>
        TypedResults.Text((screen.Continue ? "CON " : "END ") + screen.Text, "text/plain; charset=utf-8", Encoding.UTF8);
}
