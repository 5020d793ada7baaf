using Gateway.Conversations;
using Gateway.Conversations.Ports;
using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Tests.Trust;

/// <summary>The per-number inbound limit counts a message once, however many times its step is decided again.</summary>
public sealed class InboundLimitRaceSpecs
{
    [Fact]
    public async Task A_message_whose_commit_lost_a_race_is_counted_once_and_its_retry_carries_no_quota()
    {
        await using var app = new GatewayApplication().With("Abuse:InboundPerPhone", "3")
            .WithServices(services =>
            {
                services.RemoveAll<IContactStore>();
                services.AddSingleton<IContactStore>(sp => new RacingStore(sp.GetRequiredService<InMemoryStore>()));
            });
        using var client = app.CreateClient();
        var phone = new SimulatorPhone(client);
        var store = (RacingStore)app.Services.GetRequiredService<IContactStore>();

        var first = await phone.SendAsync("مرحبا");
        store.RaceNextCommit();
        var raced = await phone.SendAsync("1");
        var third = await phone.SendAsync("2");
        var fourth = await phone.SendAsync("3");
        var fifth = await phone.SendAsync("4");

        // The raced message's step was committed twice: counted on the attempt that lost, not on the one that won.
        Assert.Equal([true, false], store.QuotaCarriedByRacedMessage);
        Assert.All([first, raced, third], a => Assert.NotEmpty(a.Replies));
        Assert.Contains("رسائل كثيرة", Assert.Single(fourth.Replies).ToString());
        Assert.Empty(fifth.Replies);
    }

    /// <summary>The embedded store, with another replica committing the contact just before the step's commit when told to.</summary>
    private sealed class RacingStore(InMemoryStore inner) : IContactStore
    {
        private int _race;
        private List<bool>? _raced;

        /// <summary>For each commit of the raced message, whether it carried the quota.</summary>
        public IReadOnlyList<bool> QuotaCarriedByRacedMessage => _raced ?? [];

        public void RaceNextCommit() => _race = 1;

        public async Task<CommitOutcome> CommitAsync(ContactCommit commit, CancellationToken cancellationToken)
        {
            if (_raced is { Count: 1 }) _raced.Add(commit.Quota is not null);
            if (Interlocked.Exchange(ref _race, 0) == 1)
            {
                _raced = [commit.Quota is not null];
                var current = (await inner.GetAsync(commit.ContactId, cancellationToken))!;
                Assert.IsType<CommitOutcome.Committed>(await inner.CommitAsync(new ContactCommit(commit.ContactId, current.Version, current.State, [], [], null), cancellationToken));
            }
            return await inner.CommitAsync(commit, cancellationToken);
        }

        public Task<StoredContact?> GetAsync(string contactId, CancellationToken cancellationToken) => inner.GetAsync(contactId, cancellationToken);

        public Task<StepResult?> GetProcessedAsync(string contactId, string providerMessageId, CancellationToken cancellationToken) =>
            inner.GetProcessedAsync(contactId, providerMessageId, cancellationToken);

        public Task<bool> EraseAsync(string contactId, CancellationToken cancellationToken) => inner.EraseAsync(contactId, cancellationToken);
    }
}
