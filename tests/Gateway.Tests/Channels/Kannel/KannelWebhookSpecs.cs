using System.Net;
using System.Text;
using Gateway.Conversations;
using Gateway.Tests.Channels.Ussd;

namespace Gateway.Tests.Channels.Kannel;

/// <summary>smsbox's sms-service calling <c>/webhooks/kannel</c> (get-url of docs/protocols.md §8), replies inline.</summary>
public sealed class KannelWebhookSpecs
{
    private const string S = KannelTestHost.Secret;
    private const string ArabicUtf8 = "%D8%B1%D8%B3%D8%A7%D9%84%D8%A9+%D8%B9%D8%B1%D8%A8%D9%8A%D8%A9"; // رسالة عربية, as mo-recode sends it
    private const string FrenchReply = "Merci: AVIS route cassée\n\nVoulez-vous une réponse ?\n1. Oui\n2. Non";

    /// <param name="Query">The query string as smsbox builds it (values already URL-encoded).</param>
    /// <param name="Form">A form body for POST, or null for GET.</param>
    /// <param name="Text">The text the engine must receive, or null when it must not be called.</param>
    public sealed record KannelCase(string Label, string Query, string? Form, string? Header, HttpStatusCode Status, string? Body, string? Text, bool Ucs2Reply = false)
    {
        public override string ToString() => Label;
    }

    public static TheoryData<KannelCase> Cases => new()
    {
        new("no secret is refused", "?from=%2B212612345678&to=2727&text=AVIS&id=k1", null, null, HttpStatusCode.Forbidden, null, null),
        new("a wrong secret is refused", $"?secret=nope&from=%2B212612345678&to=2727&text=AVIS&id=k1", null, null, HttpStatusCode.Forbidden, null, null),
        new("a GET with the secret in the query gets the reply inline",
            $"?secret={S}&from=%2B212612345678&to=2727&text=AVIS+route+cass%C3%A9e&coding=0&charset=UTF-8&smsc=FAKE&id=k1",
            null, null, HttpStatusCode.OK, FrenchReply, "AVIS route cassée"),
        new("the secret may come as a header",
            "?from=%2B212612345678&to=2727&text=AVIS+route+cass%C3%A9e&id=k1", null, S, HttpStatusCode.OK, FrenchReply, "AVIS route cassée"),
        new("a POST form is read like the query",
            $"?secret={S}", "from=%2B212612345678&to=2727&text=AVIS+route+cass%C3%A9e&coding=0&charset=UTF-8&smsc=FAKE&id=k1",
            null, HttpStatusCode.OK, FrenchReply, "AVIS route cassée"),
        new("Arabic recoded to UTF-8 arrives intact and is answered in UCS-2",
            $"?secret={S}&from=%2B212612345678&to=2727&text={ArabicUtf8}&coding=2&charset=UTF-16BE&smsc=FAKE&id=k2",
            null, null, HttpStatusCode.OK, "شكرا: رسالة عربية", "رسالة عربية", Ucs2Reply: true),
        new("Arabic still in UTF-16BE (mo-recode off) is decoded from coding=2",
            $"?secret={S}&from=%2B212612345678&to=2727&text={Utf16BeEscaped("رسالة عربية")}&coding=2&charset=UTF-16BE&id=k3",
            null, null, HttpStatusCode.OK, "شكرا: رسالة عربية", "رسالة عربية", Ucs2Reply: true),
        new("a number without the plus is normalised",
            $"?secret={S}&from=212612345678&to=2727&text=vide&id=k4", null, null, HttpStatusCode.OK, "", "vide"),
        new("no reply is an empty body, so Kannel (omit-empty) sends nothing",
            $"?secret={S}&from=%2B212612345678&to=2727&text=vide&id=k5", null, null, HttpStatusCode.OK, "", "vide"),
        new("no sender is a 400", $"?secret={S}&to=2727&text=AVIS&id=k6", null, null, HttpStatusCode.BadRequest, null, null),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Mobile_originated(KannelCase c)
    {
        var engine = new ScriptedEngine(KannelTestHost.Echo);
        await using var app = KannelTestHost.Create(engine);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(c.Form is null ? HttpMethod.Get : HttpMethod.Post, "/webhooks/kannel" + c.Query);
        if (c.Form is not null) request.Content = new StringContent(c.Form, Encoding.ASCII, "application/x-www-form-urlencoded");
        if (c.Header is not null) request.Headers.Add("X-Gateway-Secret", c.Header);

        using var response = await client.SendAsync(request);

        Assert.Equal(c.Status, response.StatusCode);
        if (c.Body is not null)
        {
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
            Assert.Equal(c.Body, await response.Content.ReadAsStringAsync());
            Assert.Equal(c.Ucs2Reply, response.Headers.TryGetValues("X-Kannel-Coding", out var coding) && coding.Single() == "2");
        }
        if (c.Text is null) Assert.Empty(engine.Calls);
        else
        {
            var call = Assert.Single(engine.Calls);
            Assert.Equal(new InboundMessage(ChannelKind.Sms, "kannel", "+212612345678", "2727", c.Text, null, call.ProviderMessageId), call);
            Assert.StartsWith("k", call.ProviderMessageId);
        }
    }

    [Fact]
    public async Task Without_a_configured_secret_the_channel_answers_503()
    {
        var engine = new ScriptedEngine(KannelTestHost.Echo);
        await using var app = KannelTestHost.Create(engine, configured: false);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/webhooks/kannel?secret=&from=%2B212612345678&to=2727&text=AVIS&id=k1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Kannel channel is not configured", await response.Content.ReadAsStringAsync());
        Assert.Empty(engine.Calls);
    }

    private static string Utf16BeEscaped(string text) =>
        string.Concat(Encoding.BigEndianUnicode.GetBytes(text).Select(b => $"%{b:X2}"));
}
