using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Contracts;
using Gateway.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

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

        var text = await client.GetStringAsync("/metrics");

        Assert.Contains("# TYPE dotnet_gc_heap_total_allocated_bytes_total counter", text);
        Assert.Contains("# TYPE dotnet_jit_compilation_time_seconds_total counter", text);
        Assert.DoesNotContain("http_server_request_duration", text);
        Assert.DoesNotContain("kestrel_", text);
        Assert.DoesNotContain("microsoft_aspnetcore_hosting", text);
    }

    [Fact]
    public async Task Cumulative_series_are_counters_named_total_and_no_counter_is_typed_as_a_gauge()
    {
        await using var app = new GatewayApplication();
        var client = app.CreateClient();
        (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();

        var types = (await client.GetStringAsync("/metrics")).Split('\n')
            .Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[2], parts => parts[3]);

        Assert.NotEmpty(types);
        Assert.All(types.Where(t => t.Value == "counter"), t => Assert.EndsWith("_total", t.Key));
        Assert.All(types.Where(t => t.Key.EndsWith("_total", StringComparison.Ordinal)), t => Assert.Equal("counter", t.Value));
        Assert.DoesNotContain(types.Keys, name => name.StartsWith("system_runtime_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MassTransit_series_appear_once_a_command_is_consumed_with_counts_as_counters_and_durations_in_seconds()
    {
        await using var app = new GatewayApplication();
        var client = app.CreateClient();

        await app.Services.GetRequiredService<IBus>().Publish(new SendMessage("metrics-1", "+212663000009", null, "sms",
            new Dictionary<string, string> { ["fr"] = "Réunion du conseil mardi." }));

        var consumed = new System.Text.RegularExpressions.Regex("messaging_masstransit_consume_total\\{[^}]*messaging_masstransit_message_type=\"SendMessage\"[^}]*\\} [1-9]");
        var text = await Wait.ForAsync(() => client.GetStringAsync("/metrics"), consumed.IsMatch, "the consumed SendMessage counted on /metrics");
        Assert.Contains("# TYPE messaging_masstransit_consume_total counter", text);
        Assert.Contains("# TYPE messaging_masstransit_consume_duration_seconds histogram", text);
    }
}
