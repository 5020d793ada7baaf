using System.Net;
using Gateway.Contracts;
using Gateway.Tests.Channels.Ussd;

namespace Gateway.Tests.Channels.Kannel;

/// <summary>Async reply mode and delivery reports: the gateway calls a (fake) sendsms and Kannel calls back the dlr-url.</summary>
public sealed class KannelSendSmsSpecs
{
    private static async Task<HttpResponseMessage> SendMoAsync(HttpClient client, string text, string id) =>
        await client.GetAsync($"/webhooks/kannel?secret={KannelTestHost.Secret}&from=%2B212612345678&to=2727&text={Uri.EscapeDataString(text)}&coding=0&charset=UTF-8&smsc=FAKE&id={id}");

    [Theory]
    [InlineData("AVIS route cassée", "0", "Merci: AVIS route cassée\n\nVoulez-vous une réponse ?\n1. Oui\n2. Non")]
    [InlineData("رسالة عربية", "2", "شكرا: رسالة عربية")]
    public async Task In_async_mode_the_reply_goes_through_sendsms_with_the_right_coding(string text, string coding, string reply)
    {
        await using var sendsms = await FakeSendSms.StartAsync();
        await using var app = KannelTestHost.Create(new ScriptedEngine(KannelTestHost.Echo))
            .With("Kannel:ReplyMode", "Async").With("Kannel:SendSmsUrl", sendsms.Url);
        using var client = app.CreateClient();

        using var response = await SendMoAsync(client, text, "mo-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var sent = Assert.Single(sendsms.Requests);
        Assert.Equal("gw", sent["username"]);
        Assert.Equal("p@ss&word", sent["password"]);
        Assert.Equal("2727", sent["from"]);
        Assert.Equal("+212612345678", sent["to"]);
        Assert.Equal(reply, sent["text"]);
        Assert.Equal("UTF-8", sent["charset"]);
        Assert.Equal(coding, sent["coding"]);
        Assert.Equal("31", sent["dlr-mask"]);
        var dlr = new Uri(sent["dlr-url"]!);
        Assert.Equal("https://gw.example.ma/webhooks/kannel/dlr", dlr.GetLeftPart(UriPartial.Path));
        Assert.Contains($"secret={KannelTestHost.Secret}", dlr.Query);
        Assert.Contains("&ref=mo-1", dlr.Query);
        Assert.EndsWith("&status=%d", sent["dlr-url"].ToString());
    }

    [Fact]
    public async Task A_temporal_failure_is_retried_until_kannel_accepts()
    {
        await using var sendsms = await FakeSendSms.StartAsync();
        sendsms.Answer(503, "Temporal failure, try again later").Answer(503, "Temporal failure, try again later");
        await using var app = KannelTestHost.Create(new ScriptedEngine(KannelTestHost.Echo))
            .With("Kannel:ReplyMode", "Async").With("Kannel:SendSmsUrl", sendsms.Url);
        using var client = app.CreateClient();

        using var response = await SendMoAsync(client, "AVIS", "mo-2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, sendsms.Requests.Count);
        Assert.All(sendsms.Requests, r => Assert.Equal("Merci: AVIS\n\nVoulez-vous une réponse ?\n1. Oui\n2. Non", r["text"]));
    }

    [Fact]
    public async Task A_provider_retry_of_the_mo_does_not_send_the_reply_twice()
    {
        await using var sendsms = await FakeSendSms.StartAsync();
        await using var app = KannelTestHost.Create(new ScriptedEngine(KannelTestHost.Echo))
            .With("Kannel:ReplyMode", "Async").With("Kannel:SendSmsUrl", sendsms.Url);
        using var client = app.CreateClient();

        using var first = await SendMoAsync(client, "AVIS", "mo-3");
        using var retry = await SendMoAsync(client, "AVIS", "mo-3");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(sendsms.Requests);
    }

    [Fact]
    public async Task The_delivery_report_kannel_sends_to_the_dlr_url_publishes_the_status()
    {
        await using var sendsms = await FakeSendSms.StartAsync();
        var sink = new RecordingStatusEvents();
        await using var app = KannelTestHost.Create(new ScriptedEngine(KannelTestHost.Echo), sink)
            .With("Kannel:ReplyMode", "Async").With("Kannel:SendSmsUrl", sendsms.Url);
        using var client = app.CreateClient();
        using var mo = await SendMoAsync(client, "AVIS", "mo-4");

        // What Kannel does: substitute %d in the dlr-url it was given and GET it.
        var dlrUrl = new Uri(sendsms.Requests.Single()["dlr-url"]!.ToString().Replace("%d", "1"));
        using var report = await client.GetAsync(dlrUrl.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var published = Assert.Single(sink.Published);
        Assert.Equal("kannel", published.Provider);
        Assert.Equal("delivered", published.Status);
        Assert.Equal("mo-4", published.AlertId);
        Assert.Matches("^[0-9a-f]{32}$", published.MessageId);
        Assert.Equal(app.Clock.GetUtcNow(), published.At);
    }

    [Theory]
    [InlineData("1", "delivered", null)]
    [InlineData("2", "undelivered", null)]
    [InlineData("4", "queued", null)]
    [InlineData("8", "sent", null)]
    [InlineData("16", "failed", "rejected")]
    public async Task Dlr_values_map_to_statuses(string value, string status, string? error)
    {
        var sink = new RecordingStatusEvents();
        await using var app = KannelTestHost.Create(new ScriptedEngine(KannelTestHost.Echo), sink);
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/webhooks/kannel/dlr?secret={KannelTestHost.Secret}&id=m-1&status={value}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MessageStatusChanged("m-1", "kannel", status, null, error, null, app.Clock.GetUtcNow()), Assert.Single(sink.Published));
    }

    [Theory]
    [InlineData("?id=m-1&status=1", HttpStatusCode.Forbidden)]
    [InlineData("?secret=" + KannelTestHost.Secret + "&id=m-1&status=3", HttpStatusCode.BadRequest)]
    [InlineData("?secret=" + KannelTestHost.Secret + "&status=1", HttpStatusCode.BadRequest)]
    public async Task Invalid_delivery_reports_are_refused(string query, HttpStatusCode expected)
    {
        var sink = new RecordingStatusEvents();
        await using var app = KannelTestHost.Create(new ScriptedEngine(KannelTestHost.Echo), sink);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/webhooks/kannel/dlr" + query);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(sink.Published);
    }
}
