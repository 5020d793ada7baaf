using System.Net;
using System.Text;
using Gateway.Channels.Twilio;
using Gateway.Channels.WhatsAppCloud;
using Xunit.Abstractions;
using static Gateway.Tests.Trust.HostileHost;

namespace Gateway.Tests.Trust;

/// <summary>
/// Generated hostile requests against every webhook route (and the simulator): unsigned and correctly signed, bad
/// encodings, noncharacters, lone surrogates, huge and negative numbers, wrong content types, multipart, oversized
/// fields and bodies, deep JSON, missing and duplicated fields. Deterministic (fixed seed): a failure names the request
/// number, and the same run reproduces it. Every answer must be 2xx, 4xx with a problem body, or 503; nothing may be
/// logged at Error (an unhandled exception is logged there by the exception handler).
/// </summary>
public sealed class WebhookFuzzSpecs(ITestOutputHelper output)
{
    private const int Seed = 17;
    private static int Requests =>
        int.TryParse(Environment.GetEnvironmentVariable("GATEWAY_FUZZ_REQUESTS"), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 10_000;

    [Fact]
    public async Task Ten_thousand_generated_webhook_requests_never_get_a_5xx_nor_log_an_unhandled_exception()
    {
        var logs = new CapturedLogs();
        await using var graph = await FakeGraphApi.StartNewAsync();
        await using var app = Create(logs, graph.BaseUrl).With("Gateway:MaxRequestBodyBytes", (256 * 1024).ToString())
            // A dozen numbers send all 10,000: with the per-number limit most would stop before the engine, which must see them.
            .With("Abuse:InboundPerPhone", "0");
        using var client = app.CreateClient();
        var random = new Random(Seed);
        var requests = Enumerable.Range(0, Requests).Select(i => (Index: i, Make: Generator.Next(random))).ToList();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        var started = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, _) =>
        {
            var (description, request) = item.Make();
            using (request)
            using (var response = await client.SendAsync(request))
            {
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                if (status >= 500 && status != 503 || status is >= 300 and < 400 || status >= 400 && !problem)
                    failures.Enqueue($"#{item.Index} {description}: HTTP {status} {Truncate(await response.Content.ReadAsStringAsync())}");
            }
        });

        output.WriteLine($"{Requests} requests in {started.Elapsed.TotalSeconds:0.0} s; statuses: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.Equal(Requests, statuses.Values.Sum());
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g.\n{string.Join("\n", failures.Take(10))}");
        Assert.Empty(logs.Failures());
        // The generator must reach the engine, not only the refusals: many requests are valid enough to be answered.
        Assert.True(statuses.GetValueOrDefault(200) > Requests / 10, "fewer than 10% of the requests were answered 200");
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>Builds one request at a time; each pick is drawn from the seeded random, so a run is reproducible.</summary>
    private static class Generator
    {
        private static readonly string[] Phones =
        [
            "+212612345678", "+212612345679", "0612345670", "212612345671", "+212700000001", "", "+", "abc", "+2126123456789012345",
            "whatsapp:+212612345672", "99999999999999999999", "-1", "+212 6 12 34 56 73", "٠٦١٢٣٤٥٦٧٨",
        ];

        private static readonly string[] Texts =
        [
            "", " ", "AVIS", "avis la route est cassée", "1", "2", "3", "99", "0", "STOP", "START", "HELP", "MENU", "LANG",
            "رأي", "الطريق مقطوعة", "ⴰⵡⴰⵍ", "AWAL", "١", "۲", "\uFFFE", "\uFFFF", "AVIS\uFFFE", "\uFDD0x", "\U0001FFFE", "😀👍🏽",
            "\u0000", "\u0001\u0002", "\r\n\t", "<Response>&amp;</Response>", "]]>", "%", "%%", "%zz", "+", "*", "1*2*3", "#",
            "-9223372036854775808", "9223372036854775807", "1e309", "NaN", "null", "{\"a\":1}", "' OR 1=1 --", "${jndi:x}",
        ];

        private static readonly string[] ContentTypes =
        [
            "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "application/json",
            "application/json; charset=utf-7", "text/plain", "application/xml", "multipart/form-data", "multipart/form-data; boundary=xyz",
            "application/octet-stream", "", "text/html; charset=\"", "application/x-www-form-urlencoded; charset=utf-16",
        ];

        private static readonly string[] Numbers = ["0", "1", "-1", "60", "9223372036854775807", "-9223372036854775808", "99999999999999999999", "1.5", "x", ""];

        public static Func<(string, HttpRequestMessage)> Next(Random random)
        {
            // Drawn now, in order, so the sequence does not depend on which thread builds the request.
            var kind = random.Next(12);
            var fields = Fields(random);
            var body = Body(random, kind, fields);
            var signed = random.Next(4) != 0;
            var contentType = random.Next(6) == 0 ? Pick(random, ContentTypes) : null;
            var query = random.Next(5) == 0 ? "?" + string.Join('&', fields.Take(3).Select(f => f.Key + "=" + f.Value)) : "";
            var method = random.Next(20) == 0 ? HttpMethod.Put : null;
            return () => Build(kind, body, fields, signed, contentType, query, method);
        }

        private static (string, HttpRequestMessage) Build(int kind, byte[] body, List<KeyValuePair<string, string>> fields, bool signed,
            string? contentType, string query, HttpMethod? method)
        {
            string path;
            HttpRequestMessage request;
            switch (kind)
            {
                case 0 or 1:
                    path = (kind == 0 ? TwilioWebhooks.InboundPath : TwilioWebhooks.StatusPath) + query;
                    request = Raw(method ?? HttpMethod.Post, path, body, contentType ?? "application/x-www-form-urlencoded");
                    if (signed)
                        request.Headers.TryAddWithoutValidation(TwilioSignature.Header,
                            TwilioSignature.Compute(TwilioToken, PublicBase + path, TwilioForm.Parse(body).Pairs));
                    break;
                case 2:
                    path = WhatsAppCloudWebhooks.Path + query;
                    request = Raw(method ?? HttpMethod.Post, path, body, contentType ?? "application/json");
                    if (signed) request.Headers.TryAddWithoutValidation(WhatsAppCloudSignature.Header, WhatsAppCloudSignature.Compute(MetaSecret, body));
                    break;
                case 3:
                    path = WhatsAppCloudWebhooks.Path + "?hub.mode=subscribe&hub.verify_token=" + (signed ? "verify" : "x") + "&hub.challenge=" + Escape(fields[0].Value);
                    request = new HttpRequestMessage(HttpMethod.Get, path);
                    break;
                case 4 or 5:
                    path = "/webhooks/africastalking/ussd" + (kind == 5 ? "/events" : "") + query;
                    request = Raw(method ?? HttpMethod.Post, path, body, contentType ?? "application/x-www-form-urlencoded");
                    break;
                case 6:
                    path = "/webhooks/ussd/" + (signed ? "arkesel" : Escape(fields[0].Value)) + query;
                    request = Raw(method ?? HttpMethod.Post, path, body, contentType ?? "application/json");
                    break;
                case 7 or 8:
                    path = "/webhooks/kannel" + (kind == 8 ? "/dlr" : "") + "?" + (signed ? "secret=" + KannelSecret + "&" : "")
                        + string.Join('&', fields.Select(f => f.Key + "=" + f.Value));
                    request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
                    break;
                case 9:
                    path = "/webhooks/kannel" + (signed ? "?secret=" + KannelSecret : "");
                    request = Raw(method ?? HttpMethod.Post, path, body, contentType ?? "application/x-www-form-urlencoded");
                    break;
                case 10:
                    path = "/api/simulator/messages";
                    request = Raw(method ?? HttpMethod.Post, path, body, contentType ?? "application/json");
                    break;
                default:
                    path = "/api/simulator/messages?to=" + Escape(fields[0].Value);
                    request = new HttpRequestMessage(HttpMethod.Get, path);
                    break;
            }
            var shown = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 160)));
            return ($"{request.Method} {path[..Math.Min(path.Length, 160)]} [{contentType}] signed={signed} body({body.Length})={shown}", request);
        }

        /// <summary>Form-style fields (values percent-encoded, possibly badly): the provider's, missing some, duplicating some, adding junk.</summary>
        private static List<KeyValuePair<string, string>> Fields(Random random)
        {
            string[] names =
            [
                "MessageSid", "From", "To", "Body", "MessageStatus", "ErrorCode", "ButtonPayload", "NumMedia",
                "sessionId", "serviceCode", "phoneNumber", "networkCode", "text", "status", "durationInMillis", "hopsCount", "errorMessage",
                "from", "to", "coding", "charset", "id", "ref", "smsc",
            ];
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var name in names)
            {
                var roll = random.Next(10);
                if (roll == 0) continue; // missing
                fields.Add(new(name, Value(random, name)));
                if (roll == 1) fields.Add(new(name, Value(random, name))); // duplicated
            }
            if (random.Next(10) == 0) fields.Add(new(Escape(Pick(random, Texts)), Value(random, "junk")));
            if (random.Next(200) == 0) fields.AddRange(Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>("f" + i, "1")));
            Shuffle(random, fields);
            return fields;
        }

        private static string Value(Random random, string name)
        {
            var lower = name.ToLowerInvariant();
            if (lower.Contains("phone") || lower is "from" or "to") return Escape(Pick(random, Phones));
            if (lower is "durationinmillis" or "hopscount" or "nummedia" or "coding" or "status" && random.Next(2) == 0) return Escape(Pick(random, Numbers));
            if (lower == "charset") return Escape(Pick(random, ["UTF-8", "utf-7", "UTF-16BE", "ibm037", "x", ""]));
            if (lower is "servicecode") return Escape(Pick(random, ["*123*1#", "*123#", "", "2727"]));
            return random.Next(12) switch
            {
                0 => Pick(random, ["%FF", "%ED%A0%80", "%C3%28", "%E2%82", "%F4%90%80%80", "%00", "%"]) + Escape(Pick(random, Texts)),
                1 when random.Next(20) == 0 => new string('9', random.Next(1, 300_000)),
                _ => Escape(Pick(random, Texts)),
            };
        }

        private static byte[] Body(Random random, int kind, List<KeyValuePair<string, string>> fields)
        {
            var roll = random.Next(100);
            if (roll == 0) return new byte[random.Next(300_000, 2_000_000)];
            if (roll < 3) return [.. Enumerable.Range(0, random.Next(1, 64)).Select(_ => (byte)random.Next(256))];
            if (roll < 5) return Encoding.UTF8.GetBytes(new string('[', random.Next(60, 3000)) + new string(']', random.Next(0, 100)));
            var json = kind is 2 or 6 or 10 ? roll % 7 != 0 : roll % 13 == 0;
            return json ? Json(random, kind, fields) : Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => f.Key + "=" + f.Value)));
        }

        /// <summary>The route's JSON shape, with values (as JSON strings, numbers or worse) drawn from the same pools.</summary>
        private static byte[] Json(Random random, int kind, List<KeyValuePair<string, string>> fields)
        {
            string Value() => random.Next(8) switch
            {
                0 => Pick(random, Numbers) is { Length: > 0 } n && n != "x" ? n : "0",
                1 => Pick(random, ["null", "true", "[]", "{}", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"\\uFFFE\""]),
                _ => "\"" + JsonEscape(Pick(random, Texts)) + "\"",
            };
            string Phone() => random.Next(6) == 0 ? Value() : "\"" + JsonEscape(Pick(random, Phones).TrimStart('+')) + "\"";
            var text = kind switch
            {
                2 => $$$$"""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"display_phone_number":{{{{Phone()}}}},"phone_number_id":{{{{Value()}}}}},"messages":[{"from":{{{{Phone()}}}},"id":{{{{Value()}}}},"timestamp":{{{{Value()}}}},"type":{{{{Pick(random, ["\"text\"", "\"interactive\"", "\"button\"", "\"image\"", "1"])}}}},"text":{"body":{{{{Value()}}}}},"interactive":{"type":"button_reply","button_reply":{"id":{{{{Value()}}}},"title":{{{{Value()}}}}}}}],"statuses":[{"id":{{{{Value()}}}},"status":{{{{Value()}}}},"timestamp":{{{{Value()}}}},"recipient_id":{{{{Phone()}}}},"errors":[{"code":{{{{Value()}}}}}]}]}}]}]}""",
                6 => $$$"""{"sessionID":{{{Value()}}},"userID":{{{Value()}}},"msisdn":{{{Phone()}}},"userData":{{{Value()}}},"newSession":{{{Pick(random, ["true", "false", "\"true\"", "1", "null"])}}},"network":{{{Value()}}},"sessionID":{{{Value()}}}}""",
                _ => $$$"""{"from":{{{Phone()}}},"channel":{{{Pick(random, ["\"sms\"", "\"ussd\"", "\"whatsapp\"", "\"fax\"", "1", "null"])}}},"text":{{{Value()}}},"to":{{{Value()}}},"id":{{{Value()}}},"payload":{{{Value()}}}}""",
            };
            if (random.Next(10) == 0) text = text[..random.Next(text.Length)]; // truncated
            return Encoding.UTF8.GetBytes(text);
        }

        private static string JsonEscape(string text) => System.Text.Json.JsonEncodedText.Encode(text).ToString();

        private static string Escape(string text) => Uri.EscapeDataString(text);

        private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private static void Shuffle<T>(Random random, List<T> items)
        {
            for (var i = items.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }
    }
}
