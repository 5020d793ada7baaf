
namespace Gateway.Contacts;

/// <summary>
/// The audience index: per (commune, topic) the set of subscribed contact ids, kept from the ContactOptedIn/ContactOptedOut
/// events by <see cref="AudienceProjection"/> as the outbox relay publishes them. It is an index, not the truth: the fan-out re-reads each contact's state (opted out? still subscribed?).
/// It is read in pages through a cursor, so an audience of any size is never held in memory at once.
/// </summary>
public interface IAudienceStore
{
    Task AddAsync(string commune, string topic, IReadOnlyCollection<string> contactIds, CancellationToken cancellationToken);

    Task RemoveAsync(string commune, string topic, string contactId, CancellationToken cancellationToken);

    /// <summary>
    /// One page from <paramref name="cursor"/> ("0" = the start). Like SSCAN: a page may be smaller or a little larger than
    /// <paramref name="count"/>, and a member added or removed during the scan may come twice or not at all (claims de-duplicate).
    /// </summary>
    Task<AudiencePage> ScanAsync(string commune, string topic, string cursor, int count, CancellationToken cancellationToken);

    Task<long> CountAsync(string commune, string topic, CancellationToken cancellationToken);
}

/// <param name="Cursor">Where the next page starts; meaningless when <paramref name="Done"/>.</param>
public sealed record AudiencePage(IReadOnlyList<string> ContactIds, string Cursor, bool Done);

public static class AudienceExtensions
{
    /// <summary>Streams the whole audience page by page.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<string>> StreamAsync(this IAudienceStore store, string commune, string topic, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = "0";
        while (true)
        {
            var page = await store.ScanAsync(commune, topic, cursor, pageSize, cancellationToken);
            if (page.ContactIds.Count > 0) yield return page.ContactIds;
            if (page.Done) yield break;
            cursor = page.Cursor;
        }
    }
}
