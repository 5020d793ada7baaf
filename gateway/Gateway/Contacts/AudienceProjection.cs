using Gateway.Bus;
using Gateway.Contracts;

namespace Gateway.Contacts;

/// <summary>
/// Keeps the audience index from subscription events, as the relay publishes them (adding or removing twice changes
/// nothing). A global opt-out (Topic null) leaves the index alone: the fan-out re-reads the contact and skips it, so a
/// later START needs no re-subscription.
/// </summary>
public sealed class AudienceProjection(IAudienceStore audience) : IOutboxProjection
{
    public Task ApplyAsync(object message, CancellationToken cancellationToken) => message switch
    {
        ContactOptedIn { Topic: { } topic, Commune: { } commune } m => audience.AddAsync(commune, topic, [m.ContactId], cancellationToken),
        ContactOptedOut { Topic: { } topic, Commune: { } commune } m => audience.RemoveAsync(commune, topic, m.ContactId, cancellationToken),
        _ => Task.CompletedTask,
    };
}
