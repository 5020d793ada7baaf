using Gateway.Bus;
using MassTransit;

namespace Gateway.Outbound;

/// <summary>
/// How command consumers retry a send the provider refused for now (429, 5xx, broker hiccup): exponential, then the error
/// queue. An <see cref="InvalidCommandException"/> goes to the error queue (and its <c>Fault&lt;T&gt;</c>) at once.
/// </summary>
public static class CommandRetry
{
    public static void Apply(IReceiveEndpointConfigurator endpoint) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Ignore<InvalidCommandException>();
            r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        });
}
