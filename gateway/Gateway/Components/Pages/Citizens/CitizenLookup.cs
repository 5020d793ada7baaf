using Gateway.Conversations;
using Gateway.Conversations.Ports;
using Gateway.Feedback;
using Gateway.Text;

namespace Gateway.Components.Pages.Citizens;

/// <summary>
/// Finds a citizen from what a clerk has: a phone number in any common form (parsed to E.164, then turned into the
/// pseudonymous contact id the gateway keys everything by), or the contact id a report carries. Reads what already
/// exists: the contact's state and the desk's per-contact index of reports; no store of its own.
/// </summary>
public sealed class CitizenLookup(IContactStore contacts, ContactIds ids, IFeedbackStore feedback)
{
    /// <summary>The contact id of a phone number as staff type it (+212 6…, 06…, 212…, spaces, dashes), or null when it is no number.</summary>
    public string? ContactIdOf(string? phone) =>
        phone is { Length: > 0 } && phone.Any(char.IsDigit) && PhoneNumbers.TryNormalize(phone, out var e164) ? ids.For(e164) : null;

    /// <summary>The contact, when it belongs to this commune (another commune's citizen does not exist for this page).</summary>
    public async Task<ContactState?> FindAsync(string contactId, string commune, CancellationToken cancellationToken) =>
        await contacts.GetAsync(contactId, cancellationToken) is { } stored && string.Equals(stored.State.Commune, commune, StringComparison.OrdinalIgnoreCase)
            ? stored.State
            : null;

    /// <summary>The contact's reports that the query admits (its commune scope included), in the query's order.</summary>
    public async Task<IReadOnlyList<FeedbackReport>> ReportsAsync(string contactId, FeedbackQuery query, CancellationToken cancellationToken)
    {
        var reports = new List<FeedbackReport>();
        foreach (var reference in await feedback.ReferencesOfAsync(contactId, cancellationToken))
            if (await feedback.GetReportAsync(reference, cancellationToken) is { } stored && stored.Report.ContactId == contactId && query.Matches(stored.Report))
                reports.Add(stored.Report);
        reports.Sort(query.Compare);
        return reports;
    }
}
