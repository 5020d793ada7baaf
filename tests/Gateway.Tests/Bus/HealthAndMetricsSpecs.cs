using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Bus;

public sealed class HealthAndMetricsSpecs
{
    [Fact]
    public async Task Liveness_answers_200_while_the_process_runs()
    {
        await using var app = new GatewayApplication();
        var response = await app.CreateClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_on_the_embedded_default_reports_the_bus_and_the_outbox()
    {
        await using var app = new GatewayApplication();
        var response = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Contains("bus", checks.Keys);
        Assert.Equal("Healthy", checks["outbox"].GetProperty("status").GetString());
        Assert.Equal("0 events wait for the bus", checks["outbox"].GetProperty("description").GetString());
        Assert.DoesNotContain("redis", checks.Keys);
    }

    [Fact]
    public async Task Readiness_is_503_and_names_redis_when_the_configured_redis_cannot_be_reached()
    {
        // Port 1 on loopback: nothing listens, connections are refused at once.
        await using var app = new GatewayApplication().With("ConnectionStrings:Redis", "127.0.0.1:1");
        var response = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        var redis = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "redis");
        Assert.Equal("Unhealthy", redis.GetProperty("status").GetString());
        Assert.StartsWith("redis unreachable", redis.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_format()
    {
        await using var app = new GatewayApplication();
        Gateway.Observability.GatewayMetrics.ObserveWebhook(Gateway.Conversations.ChannelKind.Ussd, "africastalking", 0.012);
        Gateway.Observability.GatewayMetrics.MessagesSent("twilio", "accepted");

        var response = await app.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE gateway_webhook_duration_seconds histogram", text);
        Assert.Contains("gateway_webhook_duration_seconds_count{channel=\"ussd\",provider=\"africastalking\"}", text);
        Assert.Contains("# TYPE gateway_conversation_steps_total counter", text);
        Assert.Contains("# TYPE gateway_outbox_backlog gauge", text);
        Assert.Contains("# TYPE gateway_outbox_publish_failures_total counter", text);
        Assert.Contains("gateway_messages_sent_total{provider=\"twilio\",outcome=\"accepted\"}", text);
    }

    [Fact]
    public async Task A_webhook_path_no_route_knows_is_timed_as_unmatched_not_under_a_label_of_its_own()
    {
        await using var app = new GatewayApplication();
        var client = app.CreateClient();

        var probe = await client.PostAsync("/webhooks/scanner-probe-7f3a", new StringContent("x"));
        var ussdProbe = await client.PostAsync("/webhooks/ussd/scanner-route-9c2e", new StringContent("x"));

        Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ussdProbe.StatusCode);
        var text = await client.GetStringAsync("/metrics");
        Assert.DoesNotContain("scanner-probe-7f3a", text);
        Assert.DoesNotContain("scanner-route-9c2e", text);
        Assert.Contains("gateway_webhook_duration_seconds_count{channel=\"none\",provider=\"unmatched\"}", text);
    }

    [Fact]
    public async Task Runtime_series_are_exported_but_not_the_per_request_framework_duplicates_of_the_webhook_histogram()
    {
        await using var app = new GatewayApplication();
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++) (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();

        // The meter adapter publishes what it has seen since the last scrape: scrape twice.
        await client.GetStringAsync("/metrics");
        var text = await client.GetStringAsync("/metrics");

        Assert.Contains("system_runtime_dotnet_gc_heap_total_allocated", text);
        Assert.DoesNotContain("http_server_request_duration", text);
        Assert.DoesNotContain("kestrel_", text);
        Assert.DoesNotContain("microsoft_aspnetcore_hosting", text);
    }
}
