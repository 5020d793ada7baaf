using Gateway.Observability;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Conversations;

public sealed class WebhookProviderLabelSpecs
{
    [Theory]
    [InlineData("/webhooks/twilio", "twilio")]
    [InlineData("/webhooks/twilio/status", "twilio")]
    [InlineData("/webhooks/africastalking/ussd", "africastalking")]
    [InlineData("/webhooks/ussd/arkesel", "arkesel")]
    [InlineData("/webhooks/ussd", "ussd")]
    [InlineData("/webhooks//kannel", "kannel")]
    [InlineData("/webhooks/whatsapp", "whatsapp")]
    [InlineData("/api/simulator/messages", "simulator")]
    [InlineData("/webhooks", null)]
    [InlineData("/webhooks/", null)]
    [InlineData("/api/polls", null)]
    [InlineData("/health/live", null)]
    public void A_request_is_timed_under_the_provider_its_path_names(string path, string? provider) =>
        Assert.Equal(provider, WebhookTiming.ProviderOf(new PathString(path)));

    [Fact]
    public void The_same_provider_comes_back_as_the_same_string_for_the_label_lookup() =>
        Assert.Same(WebhookTiming.ProviderOf(new PathString("/webhooks/twilio")), WebhookTiming.ProviderOf(new PathString("/webhooks/twilio/status")));
}
