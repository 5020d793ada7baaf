using Gateway.Contracts;
using MassTransit;

namespace Gateway.Contacts;

/// <summary>
/// Keeps the audience index from subscription events (at least once, from the contacts' outbox: the index is never lost,
/// and adding or removing twice changes nothing). A global opt-out (Topic null) leaves the index alone: the fan-out re-reads
/// the contact and skips it, so a later START needs no re-subscription.
/// </summary>
public sealed class AudienceOptedInConsumer(IAudienceStore audience) : IConsumer<ContactOptedIn>
{
    public Task Consume(ConsumeContext<ContactOptedIn> context)
    {
        var m = context.Message;
        return m is { Topic: { } topic, Commune: { } commune }
            ? audience.AddAsync(commune, topic, [m.ContactId], context.CancellationToken)
            : Task.CompletedTask;
    }
}

public sealed class AudienceOptedOutConsumer(IAudienceStore audience) : IConsumer<ContactOptedOut>
{
    public Task Consume(ConsumeContext<ContactOptedOut> context)
    {
        var m = context.Message;
        return m is { Topic: { } topic, Commune: { } commune }
            ? audience.RemoveAsync(commune, topic, m.ContactId, context.CancellationToken)
            : Task.CompletedTask;
    }
}

/// <summary>Redis hiccups are retried in place before the message goes to the error queue.</summary>
public sealed class AudienceOptedInConsumerDefinition : ConsumerDefinition<AudienceOptedInConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<AudienceOptedInConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)));
}

public sealed class AudienceOptedOutConsumerDefinition : ConsumerDefinition<AudienceOptedOutConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<AudienceOptedOutConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)));
}
