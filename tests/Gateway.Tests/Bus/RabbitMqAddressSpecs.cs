using Gateway.Bus;

namespace Gateway.Tests.Bus;

public sealed class RabbitMqAddressSpecs
{
    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:25672/", "127.0.0.1", 25672, "/", "guest", "guest", false)]
    [InlineData("amqp://localhost", "localhost", 5672, "/", "guest", "guest", false)]
    [InlineData("amqps://gw:s%40cret@rabbit.example:5671/communes", "rabbit.example", 5671, "communes", "gw", "s@cret", true)]
    [InlineData("amqp://u:p@h/%2F", "h", 5672, "/", "u", "p", false)]
    public void An_amqp_uri_gives_host_port_vhost_and_credentials(string uri, string host, int port, string vhost, string user, string password, bool tls)
    {
        Assert.Equal(new RabbitMqAddress(host, (ushort)port, vhost, user, password, tls), RabbitMqAddress.Parse(uri));
    }

    [Fact]
    public void A_uri_that_is_not_amqp_is_refused()
    {
        Assert.Throws<FormatException>(() => RabbitMqAddress.Parse("http://localhost:5672/"));
    }
}
