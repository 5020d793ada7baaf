using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Gateway.Channels.Kannel;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Outbound.Status;

namespace Gateway.IntegrationTests.Kannel;

/// <summary>
/// The real Kannel (bearerbox + smsbox started by infra/test.sh) between a fake operator (fakesmsc) and the gateway:
/// an MO injected at the fake SMSC reaches /webhooks/kannel, the flow answers, and the reply comes back out of
/// fakesmsc, in French (GSM-7) and Arabic (UCS-2).
/// </summary>
/// <remarks>
/// Environment (set by infra/test.sh): <c>Kannel__SendSmsUrl</c>, <c>Kannel__Username</c>, <c>Kannel__Password</c>,
/// <c>Kannel__Secret</c>, <c>GATEWAY_KANNEL_TARGET_PORT</c> (the port the sms-service get-url calls),
/// <c>KANNEL_FAKESMSC_PORT</c> (the smsc = fake group's port), <c>KANNEL_FAKESMSC_BIN</c> (default
/// /usr/lib/kannel/test/fakesmsc). The tests run one at a time: they share the gateway port and the fake SMSC.
/// </remarks>
public sealed class KannelEndToEndSpecs
{
    private const string Citizen = "+212612345678";
    private const string ShortCode = "2727";
    private static readonly TimeSpan ReplyDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_French_sms_gets_its_reply_back_through_kannel_inline()
    {
        await using var gateway = KannelGateway.Start(replyMode: "Inline");

        var replies = await FakeSmsc.InjectAsync($"{Citizen} {ShortCode} text AVIS route cassée", expected: 1);

        var reply = Assert.Single(replies);
        Assert.Equal((ShortCode, Citizen), (reply.From, reply.To));
        Assert.Equal("Merci: AVIS route cassée", reply.Text);
        var received = Assert.Single(gateway.Engine.Received);
        Assert.Equal(new InboundMessage(ChannelKind.Sms, "kannel", Citizen, ShortCode, "AVIS route cassée", null, received.ProviderMessageId), received);
        Assert.False(string.IsNullOrEmpty(received.ProviderMessageId));
    }

    [Fact]
    public async Task An_Arabic_sms_in_ucs2_arrives_intact_and_its_reply_leaves_in_ucs2()
    {
        await using var gateway = KannelGateway.Start(replyMode: "Inline");
        const string text = "الطريق مقطوعة";

        var replies = await FakeSmsc.InjectAsync($"{Citizen} {ShortCode} ucs2 {FakeSmsc.EscapeUcs2(text)}", expected: 1);

        Assert.Equal(text, Assert.Single(gateway.Engine.Received).Text);
        var reply = Assert.Single(replies);
        Assert.Equal("ucs-2", reply.Type);
        Assert.Equal("شكرا: " + text, reply.Text);
    }

    [Fact]
    public async Task In_async_mode_the_reply_goes_out_through_sendsms_in_ucs2_and_kannel_reports_it()
    {
        await using var gateway = KannelGateway.Start(replyMode: "Async");
        const string text = "سؤال";

        var replies = await FakeSmsc.InjectAsync($"{Citizen} {ShortCode} ucs2 {FakeSmsc.EscapeUcs2(text)}", expected: 1);

        var reply = Assert.Single(replies);
        Assert.Equal("ucs-2", reply.Type);
        Assert.Equal((ShortCode, Citizen, "شكرا: " + text), (reply.From, reply.To, reply.Text));
        // The fake SMSC acknowledges the submit ("sent", DLR 8) and then reports delivery (1); smsbox may call our
        // dlr-url for the two in either order, so read until "delivered" and check both speak of the same message.
        var statuses = new List<MessageStatusChanged>();
        do statuses.Add(await gateway.Statuses.NextAsync(ReplyDeadline));
        while (statuses[^1].Status != "delivered");
        Assert.All(statuses, s => Assert.Equal(("kannel", statuses[0].MessageId), (s.Provider, s.MessageId)));
        Assert.All(statuses, s => Assert.Contains(s.Status, new[] { "sent", "delivered" }));
    }

    [Fact]
    public async Task The_real_feedback_flow_answers_a_French_sms_through_kannel()
    {
        await using var gateway = KannelGateway.Start(replyMode: "Inline", realEngine: true);

        // 2727 is Casablanca's short code: the commune is known, the flow asks the category straight away.
        var replies = await FakeSmsc.InjectAsync($"{Citizen} {ShortCode} text AVIS", expected: 1);

        var reply = Assert.Single(replies);
        Assert.Equal((ShortCode, Citizen, "text"), (reply.From, reply.To, reply.Type));
        Assert.Equal("Votre signalement concerne :", reply.Text); // fakesmsc prints a GSM reply's first line
    }

    [Fact]
    public async Task The_real_feedback_flow_answers_an_Arabic_sms_in_ucs2_with_every_option_intact()
    {
        await using var gateway = KannelGateway.Start(replyMode: "Inline", realEngine: true);

        var replies = await FakeSmsc.InjectAsync($"+212612345679 {ShortCode} ucs2 {FakeSmsc.EscapeUcs2("رأي")}", expected: 1);

        var reply = Assert.Single(replies);
        Assert.Equal("ucs-2", reply.Type);
        Assert.Equal("ملاحظتك تخص:\n1. الطرق\n2. الماء\n3. الإنارة\n4. النفايات\n5. الأمن\n6. أخرى", reply.Text);
    }

    [Fact]
    public async Task STOP_in_Arabic_through_kannel_is_confirmed_once_in_Arabic()
    {
        await using var gateway = KannelGateway.Start(replyMode: "Inline", realEngine: true);

        var replies = await FakeSmsc.InjectAsync($"+212612345670 {ShortCode} ucs2 {FakeSmsc.EscapeUcs2("توقف")}", expected: 1);

        Assert.Equal("تم: لن تتوصل بأي رسالة بعد الآن. أرسل ابدأ للعودة.", Assert.Single(replies).Text);
    }

    /// <summary>The Kannel profile of the one test host: the real socket smsbox's get-url points at, with an echoing engine or the real one.</summary>
    private sealed class KannelGateway : GatewayHost<KannelGateway>
    {
        public RecordingEngine Engine { get; } = new() { Respond = Echo };
        public RecordingStatusEvents Statuses { get; } = new();

        public static KannelGateway Start(string replyMode, bool realEngine = false)
        {
            var port = int.Parse(Env.Required("GATEWAY_KANNEL_TARGET_PORT"));
            var gateway = new KannelGateway()
                .With("Kannel:SendSmsUrl", Env.Required("Kannel__SendSmsUrl"))
                .With("Kannel:Username", Env.Required("Kannel__Username"))
                .With("Kannel:Password", Env.Required("Kannel__Password"))
                .With("Kannel:Secret", Env.Required("Kannel__Secret"))
                .With("Kannel:Sender", ShortCode)
                .With("Kannel:ReplyMode", replyMode)
                .With("Gateway:PublicBaseUrl", $"http://127.0.0.1:{port}")
                .OnLoopback(port);
            if (!realEngine) gateway.Replace<IConversationEngine>(gateway.Engine);
            gateway.Replace<IStatusEvents>(gateway.Statuses);
            gateway.StartServer();
            return gateway;
        }

        /// <summary>Thanks the citizen in the script they wrote in.</summary>
        private static StepResult Echo(InboundMessage message)
        {
            var arabic = message.Text.Any(c => c is >= '\u0600' and <= '\u06FF');
            var reply = arabic ? Reply.Plain("شكرا: " + message.Text, "ar") : Reply.Plain("Merci: " + message.Text, "fr");
            return new StepResult([reply], false, "c-1");
        }
    }

    /// <summary>Kannel's fake operator: injects one MO and collects what the gateway sends back.</summary>
    private static class FakeSmsc
    {
        public sealed record Sms(string From, string To, string Type, string Text);

        // "Got message 3: <2727 +212612345678 ucs-2 %064%06C...>"; a text message containing newlines spans several lines.
        private static readonly Regex Got = new(@"Got message \d+: <(?<body>.*)$", RegexOptions.Compiled);

        public static async Task<IReadOnlyList<Sms>> InjectAsync(string message, int expected)
        {
            var bin = Environment.GetEnvironmentVariable("KANNEL_FAKESMSC_BIN") is { Length: > 0 } b ? b : "/usr/lib/kannel/test/fakesmsc";
            var port = Env.Required("KANNEL_FAKESMSC_PORT");
            if (!File.Exists(bin)) Assert.Fail($"fakesmsc not found at {bin}: install kannel-extras, or run infra/test.sh.");

            var start = new ProcessStartInfo(bin) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-H", "127.0.0.1", "-r", port, "-m", "1", message }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
            var log = new ConcurrentQueue<string>();
            async Task Pump(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line) { log.Enqueue(line); await lines.Writer.WriteAsync(line); }
            }
            var pumps = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));

            var received = new List<Sms>();
            using var deadline = new CancellationTokenSource(ReplyDeadline);
            try
            {
                while (received.Count < expected)
                {
                    var line = await lines.Reader.ReadAsync(deadline.Token);
                    if (Got.Match(line) is { Success: true } m && Parse(m.Groups["body"].Value) is { } sms) received.Add(sms);
                }
                return received;
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException(
                    $"fakesmsc got {received.Count} of {expected} replies within {ReplyDeadline.TotalSeconds} s. Its output:\n{string.Join('\n', log)}");
            }
            finally
            {
                if (!process.HasExited) process.Kill();
                await process.WaitForExitAsync();
                await pumps;
            }
        }

        /// <summary>"2727 +212612345678 text Merci: …>" or "… ucs-2 %06%45…>" (UTF-16BE, URL-encoded, '+' for the 0x20 byte).</summary>
        private static Sms? Parse(string body)
        {
            body = body.EndsWith('>') ? body[..^1] : body;
            var parts = body.Split(' ', 4);
            if (parts.Length < 4) return null;
            var text = parts[2] == "ucs-2" ? Encoding.BigEndianUnicode.GetString(Unescape(parts[3])) : parts[3];
            return new Sms(parts[0], parts[1], parts[2], text);
        }

        private static byte[] Unescape(string s)
        {
            var bytes = new List<byte>();
            for (var i = 0; i < s.Length; i++)
            {
                if (s[i] == '%' && i + 2 < s.Length) { bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16)); i += 2; }
                else bytes.Add(s[i] == '+' ? (byte)' ' : (byte)s[i]);
            }
            return [.. bytes];
        }

        public static string EscapeUcs2(string text) => string.Concat(Encoding.BigEndianUnicode.GetBytes(text).Select(b => $"%{b:X2}"));
    }

    private static class Env
    {
        public static string Required(string name) =>
            Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                ? value
                : throw new Xunit.Sdk.XunitException($"Environment variable {name} is not set: run the integration tests through infra/test.sh, which starts Kannel and sets it.");
    }
}
