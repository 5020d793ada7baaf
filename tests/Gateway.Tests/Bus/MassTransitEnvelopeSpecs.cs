using System.Text.Json;
using Gateway.Bus;
using Gateway.Contracts;

namespace Gateway.Tests.Bus;

public sealed class MassTransitEnvelopeSpecs
{
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public void An_event_is_wrapped_as_masstransit_publishes_it_to_its_contract_exchange()
    {
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var body = MassTransitEnvelope.Serialize(new ContactOptedIn("c1", "agadir", "meetings", "zgh", at), typeof(ContactOptedIn), Id,
            new Uri("rabbitmq://127.0.0.1:5672/gw_bus_x?temporary=true"), new Uri("rabbitmq://127.0.0.1:5672/"), at.UtcDateTime);

        var envelope = JsonDocument.Parse(body).RootElement;
        Assert.Equal(Id.ToString("D"), envelope.GetProperty("messageId").GetString());
        Assert.Equal(["urn:message:Gateway.Contracts:ContactOptedIn"], envelope.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("rabbitmq://127.0.0.1:5672/Gateway.Contracts:ContactOptedIn", envelope.GetProperty("destinationAddress").GetString());
        Assert.Equal("rabbitmq://127.0.0.1:5672/gw_bus_x?temporary=true", envelope.GetProperty("sourceAddress").GetString());
        var message = envelope.GetProperty("message");
        Assert.Equal("c1", message.GetProperty("contactId").GetString());
        Assert.Equal("meetings", message.GetProperty("topic").GetString());
        Assert.Equal(1, message.GetProperty("version").GetInt32());
        Assert.Equal("Gateway.Contracts:ContactOptedIn", MassTransitEnvelope.ExchangeOf(typeof(ContactOptedIn)));
        Assert.DoesNotContain((byte)'\n', body);
    }

    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:5672/", "rabbitmq://127.0.0.1:5672/")]
    [InlineData("amqp://u:p@rabbit.local:5673/gateway", "rabbitmq://rabbit.local:5673/gateway/")]
    [InlineData("amqps://u:p@rabbit.local/prod%2Fma", "rabbitmqs://rabbit.local:5671/prod%2Fma/")]
    public void Destination_addresses_are_based_on_masstransits_host_address_of_the_broker(string connection, string host) =>
        Assert.Equal(host, RabbitMqEventPublisher.HostAddress(RabbitMqAddress.Parse(connection)).ToString());

    [Fact]
    public void A_type_without_a_plain_entity_name_is_refused() =>
        Assert.Throws<ArgumentException>(() => MassTransitEnvelope.ExchangeOf(typeof(List<string>)));
}
