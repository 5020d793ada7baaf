using Gateway.Conversations.Ports;

namespace Gateway.Storage;

/// <summary>
/// Features' documents beside the contacts, in the same store: the records a step creates with its commit
/// (<see cref="CommitRecord"/>), created or changed here otherwise, each change with its outbox events in one atomic
/// write. A record has a version that changes by one on every write; a change expecting another version writes nothing.
/// Features build their own stores on it (the desk's reports: Feedback/Storage), so this folder names none of them.
/// </summary>
public interface IRecordStore
{
    Task<StoredRecord<T>?> GetRecordAsync<T>(string collection, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the record with <paramref name="events"/> (ordered under <paramref name="orderKey"/>) unless its id exists
    /// (false). Not indexed under a contact: a record a contact creates is created by the contact's commit.
    /// </summary>
    Task<bool> TryCreateRecordAsync(CommitRecord record, string orderKey, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken);

    /// <summary>Replaces the record if it is still at <paramref name="expectedVersion"/>, with its events, atomically.</summary>
    Task<bool> TryUpdateRecordAsync(CommitRecord record, long expectedVersion, string orderKey, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken);

    /// <summary>The ids of the records of <paramref name="collection"/> the contact's commits created.</summary>
    Task<IReadOnlyList<string>> RecordsOfAsync(string collection, string contactId, CancellationToken cancellationToken);
}

/// <param name="Version">Changes by one on every write; the next update expects it.</param>
public sealed record StoredRecord<T>(T Value, long Version);
