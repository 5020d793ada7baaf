using System.Reflection;
using Gateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Hosting;

/// <summary>
/// Every options section is read and checked when the host starts: a bad value stops the start with a sentence naming
/// the setting, what is allowed and what it is, rather than starting silently or failing later with a stack trace.
/// </summary>
public sealed class SettingsValidationSpecs
{
    [Fact]
    public async Task A_value_out_of_range_stops_the_start_naming_the_setting_and_its_bounds()
    {
        await using var app = new GatewayApplication().With("Outbox:BatchSize", "-5");

        Assert.Contains("Outbox:BatchSize must be between 1 and 10000; it is -5.", StartFailure(app));
    }

    [Fact]
    public async Task A_value_that_is_not_of_the_setting_s_type_stops_the_start_naming_the_setting()
    {
        await using var app = new GatewayApplication().With("Abuse:InboundPerPhone", "abc");

        Assert.Contains("Abuse:InboundPerPhone is 'abc': it must be a whole number.", StartFailure(app));
    }

    [Fact]
    public async Task A_duration_that_cannot_be_read_stops_the_start_with_an_example_of_one()
    {
        await using var app = new GatewayApplication().With("Polls:SchedulerInterval", "2s");

        Assert.Contains("Polls:SchedulerInterval is '2s': it must be a duration such as 00:00:05", StartFailure(app));
    }

    [Fact]
    public async Task An_unknown_choice_stops_the_start_listing_the_choices()
    {
        await using var app = new GatewayApplication().With("Kannel:ReplyMode", "Later");

        Assert.Contains("Kannel:ReplyMode is 'Later': it must be one of Inline, Async.", StartFailure(app));
    }

    [Fact]
    public async Task A_nested_setting_is_named_by_its_full_key()
    {
        await using var app = new GatewayApplication().With("Twilio:Retry:MaxRetries", "99");

        Assert.Contains("Twilio:Retry:MaxRetries must be between 0 and 10; it is 99.", StartFailure(app));
    }

    [Fact]
    public async Task An_entry_of_a_map_is_named_by_its_key()
    {
        await using var app = new GatewayApplication().With("Alerts:RateLimits:twilio", "0");

        Assert.Contains("Alerts:RateLimits:twilio must be a number between 0.001 and 100000; it is 0.", StartFailure(app));
    }

    [Fact]
    public async Task Every_bad_setting_is_named_at_once_so_one_failed_start_tells_everything_to_fix()
    {
        await using var app = new GatewayApplication()
            .With("Outbox:BatchSize", "0")
            .With("Abuse:AdminPerKey", "many")
            .With("Gateway:PublicBaseUrl", "gw.example.ma");

        var failure = StartFailure(app);

        foreach (var expected in new[]
                 {
                     "Outbox:BatchSize must be between 1 and 10000; it is 0.",
                     "Abuse:AdminPerKey is 'many': it must be a whole number.",
                     "Gateway:PublicBaseUrl must be empty or an absolute http(s) URL",
                 })
            Assert.True(failure.Contains(expected, StringComparison.Ordinal), $"'{expected}' not in: {failure}");
    }

    /// <summary>Each section's rules, one bad value each (the key, the value, the start of the sentence).</summary>
    [Theory]
    [InlineData("Gateway:PublicBaseUrl", "ftp://gw.example.ma", "Gateway:PublicBaseUrl must be empty or an absolute http(s) URL")]
    [InlineData("Gateway:StateCacheSize", "-1", "Gateway:StateCacheSize must be between 0 and 10000000; it is -1.")]
    [InlineData("Gateway:MaxRequestBodyBytes", "10", "Gateway:MaxRequestBodyBytes must be between 1024 and 104857600; it is 10.")]
    [InlineData("Outbox:PollInterval", "00:00:00", "Outbox:PollInterval must be a duration between 00:00:00.01 and 01:00:00; it is 00:00:00.")]
    [InlineData("Outbox:MaxBackoff", "1.00:00:00", "Outbox:MaxBackoff must be a duration between")]
    [InlineData("Outbox:PublishTimeout", "00:00:00", "Outbox:PublishTimeout must be a duration between")]
    [InlineData("Outbox:DegradedBacklog", "0", "Outbox:DegradedBacklog must be between 1 and 1000000000; it is 0.")]
    [InlineData("Abuse:InboundPerPhone", "-1", "Abuse:InboundPerPhone must be between 0 and 1000000; it is -1.")]
    [InlineData("Abuse:InboundWindow", "00:00:00", "Abuse:InboundWindow must be a duration between 00:00:01 and 7.00:00:00; it is 00:00:00.")]
    [InlineData("Abuse:AdminWindow", "-00:01:00", "Abuse:AdminWindow must be a duration between")]
    [InlineData("Polls:SchedulerInterval", "00:00:00", "Polls:SchedulerInterval must be a duration between")]
    [InlineData("Polls:CloseSettle", "02:00:00", "Polls:CloseSettle must be a duration between 00:00:00 and 01:00:00; it is 02:00:00.")]
    [InlineData("Feedback:AnswerWithin", "00:10:00", "Feedback:AnswerWithin must be a duration between 1.00:00:00 and 365.00:00:00; it is 00:10:00.")]
    [InlineData("Feedback:RetainClosedFor", "00:00:00", "Feedback:RetainClosedFor must be a duration between")]
    [InlineData("Feedback:PurgeInterval", "00:00:00", "Feedback:PurgeInterval must be a duration between")]
    [InlineData("Alerts:RateLimitHeadroom", "1.5", "Alerts:RateLimitHeadroom must be between 0.01 and 1; it is 1.5.")]
    [InlineData("Alerts:RateLimitHeadroom", "0,9", "Alerts:RateLimitHeadroom is '0,9': it must be a number (a dot for decimals, e.g. 0.9).")]
    [InlineData("Alerts:TimeZone", "Mars/Olympus", "Alerts:TimeZone must be an IANA time zone such as Africa/Casablanca; it is 'Mars/Olympus'.")]
    [InlineData("Alerts:DailyCap", "-1", "Alerts:DailyCap must be between 0 and 100; it is -1.")]
    [InlineData("Alerts:BatchSize", "0", "Alerts:BatchSize must be between 1 and 10000; it is 0.")]
    [InlineData("Alerts:SendParallelism", "0", "Alerts:SendParallelism must be between 1 and 1000; it is 0.")]
    [InlineData("Alerts:BatchConcurrency", "0", "Alerts:BatchConcurrency must be between 1 and 256; it is 0.")]
    [InlineData("Alerts:SendAttempts", "0", "Alerts:SendAttempts must be between 1 and 20; it is 0.")]
    [InlineData("Alerts:RetryDelay", "-00:00:01", "Alerts:RetryDelay must be a duration between")]
    [InlineData("Alerts:SchedulerInterval", "00:00:00", "Alerts:SchedulerInterval must be a duration between")]
    [InlineData("Alerts:LeaseDuration", "00:00:00", "Alerts:LeaseDuration must be a duration between")]
    [InlineData("Alerts:PreviewExactLimit", "-1", "Alerts:PreviewExactLimit must be between 0 and 10000000; it is -1.")]
    [InlineData("Alerts:MessageMappingTtl", "00:00:01", "Alerts:MessageMappingTtl must be a duration between")]
    [InlineData("Alerts:QuietHours:Start", "25:00", "Alerts:QuietHours:Start is '25:00': it must be a time of day such as 21:00.")]
    [InlineData("Alerts:CommuneQuietHours:casablanca:End", "noon", "Alerts:CommuneQuietHours:casablanca:End is 'noon': it must be a time of day")]
    [InlineData("Twilio:ApiBaseUrl", "api.twilio.com", "Twilio:ApiBaseUrl must be empty or an absolute http(s) URL")]
    [InlineData("Twilio:StatusCallbackUrl", "/webhooks/twilio/status", "Twilio:StatusCallbackUrl must be empty or an absolute http(s) URL")]
    [InlineData("Twilio:MaxBodyBytes", "0", "Twilio:MaxBodyBytes must be between 1024 and 10485760; it is 0.")]
    [InlineData("Twilio:Retry:BaseDelay", "00:05:00", "Twilio:Retry:BaseDelay must be a duration between 00:00:00 and 00:01:00; it is 00:05:00.")]
    [InlineData("Twilio:Retry:AttemptTimeout", "00:00:00", "Twilio:Retry:AttemptTimeout must be a duration between")]
    [InlineData("WhatsApp:GraphBaseUrl", "graph.facebook.com", "WhatsApp:GraphBaseUrl must be empty or an absolute http(s) URL")]
    [InlineData("WhatsApp:MaxBodyBytes", "-1", "WhatsApp:MaxBodyBytes must be between 1024 and 10485760; it is -1.")]
    [InlineData("WhatsApp:Retry:MaxDelay", "01:00:00", "WhatsApp:Retry:MaxDelay must be a duration between")]
    [InlineData("Infobip:BaseUrl", "xxxxx.api.infobip.com", "Infobip:BaseUrl must be empty or an absolute http(s) URL")]
    [InlineData("Infobip:MaxBodyBytes", "0", "Infobip:MaxBodyBytes must be between 1024 and 10485760; it is 0.")]
    [InlineData("Infobip:Retry:MaxRetries", "-1", "Infobip:Retry:MaxRetries must be between 0 and 10; it is -1.")]
    [InlineData("Kannel:SendSmsUrl", "kannel:13013/cgi-bin/sendsms", "Kannel:SendSmsUrl must be empty or an absolute http(s) URL")]
    [InlineData("Kannel:DlrUrl", "dlr", "Kannel:DlrUrl must be empty or an absolute http(s) URL")]
    [InlineData("Kannel:MaxBodyBytes", "1", "Kannel:MaxBodyBytes must be between 1024 and 10485760; it is 1.")]
    [InlineData("Kannel:MaxRetries", "11", "Kannel:MaxRetries must be between 0 and 10; it is 11.")]
    [InlineData("Kannel:RetryDelay", "00:02:00", "Kannel:RetryDelay must be a duration between 00:00:00 and 00:01:00; it is 00:02:00.")]
    public async Task Each_section_s_rules_stop_the_start_on_a_bad_value(string setting, string value, string expected)
    {
        await using var app = new GatewayApplication().With(setting, value);

        Assert.Contains(expected, StartFailure(app));
    }

    [Fact]
    public async Task Every_options_section_of_the_gateway_is_checked_at_start()
    {
        await using var app = new GatewayApplication();
        var sections = typeof(GatewayOptions).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .ToList();

        Assert.NotEmpty(sections);
        var unchecked_ = sections
            .Where(t => !app.Services.GetServices(typeof(IValidateOptions<>).MakeGenericType(t)).Any(v => v!.GetType().Name.StartsWith("SettingRules", StringComparison.Ordinal)))
            .Select(t => t.Name)
            .ToList();
        Assert.Empty(unchecked_);
    }

    [Fact]
    public async Task The_gateway_section_is_bound_to_its_own_options_type()
    {
        await using var app = new GatewayApplication()
            .With("Gateway:PublicBaseUrl", "https://gw.example.ma")
            .With("Gateway:DefaultProviders:Sms", "twilio")
            .With("Gateway:CommuneProviders:casablanca:Sms", "kannel");

        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;

        Assert.Equal("https://gw.example.ma", options.PublicBaseUrl);
        Assert.Equal("twilio", options.DefaultProviders["sms"]);
        Assert.Equal("kannel", options.CommuneProviders["casablanca"]["Sms"]);
    }

    /// <summary>The start's failure, as the operator reads it: the validation failure the host reports.</summary>
    private static string StartFailure(GatewayApplication app)
    {
        var error = Record.Exception(() => app.Services);
        Assert.NotNull(error);
        var failures = Chain(error).OfType<OptionsValidationException>().ToList();
        Assert.NotEmpty(failures);
        return string.Join(Environment.NewLine, failures.Select(f => f.Message));
    }

    private static IEnumerable<Exception> Chain(Exception error) => error switch
    {
        AggregateException all => all.InnerExceptions.SelectMany(Chain),
        { InnerException: { } inner } => [error, .. Chain(inner)],
        _ => [error],
    };
}
