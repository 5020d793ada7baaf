using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.Channels.WhatsAppCloud;

namespace Gateway.Testing;

/// <summary>
/// Meta posting one WhatsApp Cloud API message to the gateway's <c>/webhooks/whatsapp</c>, signed with the app secret
/// (<c>X-Hub-Signature-256</c>) as Meta signs it: the unit and integration tests' one copy of the envelope.
/// </summary>
public static class WhatsAppCloudWebhook
{
    /// <summary>A text message from <paramref name="waId"/> (digits, no '+') to the business number <paramref name="displayNumber"/>.</summary>
    public static HttpRequestMessage Text(string appSecret, string phoneNumberId, string displayNumber, string waId, string wamid, string text) =>
        Message(appSecret, phoneNumberId, displayNumber, waId, new { from = waId, id = wamid, timestamp = "1739321024", type = "text", text = new { body = text } });

    /// <summary>Any message object (<c>text</c>, <c>interactive</c>...) of the Cloud API's <c>messages</c> array.</summary>
    public static HttpRequestMessage Message(string appSecret, string phoneNumberId, string displayNumber, string waId, object message)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            @object = "whatsapp_business_account",
            entry = new[] { new { id = "WABA", changes = new[] { new { field = "messages", value = new
            {
                messaging_product = "whatsapp",
                metadata = new { display_phone_number = displayNumber, phone_number_id = phoneNumberId },
                contacts = new[] { new { profile = new { name = "Citizen" }, wa_id = waId } },
                messages = new[] { message },
            } } } } },
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WhatsAppCloudSignature.Header, WhatsAppCloudSignature.Compute(appSecret, payload));
        return request;
    }
}
