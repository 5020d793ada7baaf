using Gateway.Bus;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Text;
using Gateway.Conversations.Ports;

namespace Gateway.Contacts;

/// <summary>One subscriber to import (a commune's existing list, or test seeding).</summary>
/// <param name="Channel">sms (default) or whatsapp: where alerts go.</param>
/// <param name="Provider">The provider that reaches them (the sender registered under that name).</param>
/// <param name="LastInboundAt">For WhatsApp: the last message they sent (the 24 h window); null = never.</param>
/// <param name="OptedOut">Imports a known opt-out as such (it is then skipped by every alert).</param>
public sealed record SubscriberRow(
    string Phone,
    string? Language = null,
    string? Channel = null,
    string? Provider = null,
    string? To = null,
    DateTimeOffset? LastInboundAt = null,
    bool OptedOut = false);

/// <param name="Skipped">Rows left alone: the number is a contact of another commune (never moved by an import).</param>
public sealed record SubscriberImportResult(int Imported, int Invalid, IReadOnlyList<string> InvalidPhones, int Skipped = 0);

/// <summary>
/// Bulk subscription: for each row, the contact's state is committed like a flow's subscribe action would (topic added,
/// commune, language, channel; ContactOptedIn in the outbox when asked) and the audience index is updated directly so
/// the subscribers can be reached at once (the event's consumer adds them again, harmlessly).
/// An import never clears a STOP (the citizen's word wins over any list) and never touches a contact of another commune:
/// a commune's list is not proof of consent for another commune's citizen, and a commune key must not move them.
/// </summary>
public sealed class AudienceImport(IContactStore contacts, IAudienceStore audience, ContactIds ids, OutboxSignal signal, TimeProvider clock)
{
    public async Task<SubscriberImportResult> ImportAsync(string commune, string topic, IReadOnlyList<SubscriberRow> rows, bool publishEvents,
        CancellationToken cancellationToken)
    {
        var invalid = new List<string>();
        var imported = new System.Collections.Concurrent.ConcurrentBag<string>();
        var skipped = 0;
        var now = clock.GetUtcNow();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            if (!PhoneNumbers.TryNormalize(row.Phone, out var phone))
            {
                lock (invalid) invalid.Add(PhoneNumbers.Mask(row.Phone));
                return;
            }
            var id = ids.For(phone);
            if (await CommitAsync(id, phone, commune, topic, row, publishEvents, now, ct)) imported.Add(id);
            else Interlocked.Increment(ref skipped);
        });

        foreach (var chunk in imported.Chunk(1000)) await audience.AddAsync(commune, topic, chunk, cancellationToken);
        if (publishEvents) signal.Notify();
        return new SubscriberImportResult(imported.Count, invalid.Count, invalid, skipped);
    }

    /// <returns>False when the contact belongs to another commune and was left alone.</returns>
    private async Task<bool> CommitAsync(string id, string phone, string commune, string topic, SubscriberRow row, bool publishEvents, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var stored = await contacts.GetAsync(id, cancellationToken);
            if (stored?.State.Commune is { } current && !current.Equals(commune, StringComparison.OrdinalIgnoreCase)) return false;
            var state = stored?.State ?? new ContactState { ContactId = id, Phone = phone, CreatedAt = now };
            state.Commune = commune;
            // A commune's list names real people: from now on the simulator cannot change this contact's consent.
            state.SimulatorOnly = false;
            if (Languages.IsKnown(row.Language)) state.Language = row.Language;
            // A row may record a known opt-out; it never clears one the contact sent.
            var optingOut = row.OptedOut && !state.OptedOut;
            state.OptedOut |= row.OptedOut;
            var added = state.Topics.Add(topic);
            // Recorded with the state it explains, so the consent log commits (and is retried) with it.
            if (optingOut) ConsentLog.Record(state, now, ConsentLog.OptOut, "import", "import", null);
            if (added && !state.OptedOut) ConsentLog.Record(state, now, ConsentLog.OptIn, "import", "import", topic);
            state.LastChannel = ChannelKindNames.TryParse(row.Channel, out var channel) ? channel : ChannelKind.Sms;
            if (row.Provider is { Length: > 0 } provider) state.LastProvider = provider;
            if (row.To is { Length: > 0 } to) state.LastTo = to;
            if (row.LastInboundAt is { } at) state.LastInboundAt[state.LastChannel] = at;

            IReadOnlyList<OutboxEvent> events = publishEvents && added && !state.OptedOut
                ? [OutboxEvent.Of(new ContactOptedIn(id, commune, topic, state.Language ?? Languages.French, now), $"{id}:{topic}:{now.ToUnixTimeMilliseconds()}", now)]
                : [];
            if (await contacts.TryCommitAsync(new ContactCommit(id, stored?.Version ?? 0, state, events, [], null), cancellationToken)) return true;
        }
    }
}
