using System.Globalization;
using System.Text;

namespace Gateway.Drills;

/// <summary>A drill's verdict: what was lost, doubled or wrong, how long recovery took, and the figures behind it.</summary>
public sealed record DrillResult(string Fault, long Lost, long Doubled, long Wrong, double? RecoverySeconds, string Details)
{
    public bool Clean => Lost == 0 && Doubled == 0 && Wrong == 0;

    public string Recovery => RecoverySeconds is { } s ? s.ToString("F1", CultureInfo.InvariantCulture) : "-";

    /// <summary>One tab-separated line for all.sh's table: fault, lost, doubled, wrong, recovery s.</summary>
    public string Tsv => string.Join('\t', Fault, Lost, Doubled, Wrong, Recovery);
}

/// <summary>
/// Counts from outside, after the drill: the results API against the votes citizens saw accepted, the bus (the drill's
/// own queues) against the votes and reports, the desk against the references citizens were given, the provider fake
/// against the alert's audience.
/// <list type="bullet">
/// <item><b>lost</b>: a vote, report or alert message accepted (or a message the provider gave up on) that is missing
/// where it must be: the results, the bus, the desk, the recipient's phone. Where one thing is counted in two places,
/// the larger shortfall counts.</item>
/// <item><b>doubled</b>: the same counted twice: results above what was accepted, a contact with two vote events that
/// do not replace one another, two reports from one conversation, a recipient sent the alert twice. A redelivery of the
/// same event (same MessageId) is at-least-once delivery, reported apart, not doubled.</item>
/// <item><b>wrong</b>: an answer that is not what the citizen should get (a vote not confirmed, a duplicate answered
/// differently), a vote counted under another option, an event or a message for someone who did not send it.</item>
/// <item><b>recovery</b>: from the fault's end (the service back, the replica dead, the provider healthy), the longest
/// until the gateway had caught up: the last failed webhook, the latest accepted vote or report reaching the bus, and
/// for the provider fault the last alert message accepted.</item>
/// </list>
/// </summary>
public sealed class Tally(
    DrillOptions options, string pollId, string alertId, IReadOnlyList<string> audience,
    IReadOnlyList<VoteSent> votes, IReadOnlyList<ReportSent> reports, FaultWindow fault,
    BusCounter bus, DrillProvider provider, AdminApi admin, string run)
{
    private readonly Dictionary<string, VoteSent> _voters = votes.Where(v => v.Accepted).ToDictionary(v => Drill.ContactIds.For(v.Phone), StringComparer.Ordinal);
    private readonly Dictionary<string, ReportSent> _reporters = reports.Where(r => r.Reference is not null).ToDictionary(r => Drill.ContactIds.For(r.Phone), StringComparer.Ordinal);

    private List<BusEvent> VoteEvents => [.. bus.Events("PollVoteRecorded").Where(e => e.Message.GetProperty("pollId").GetString() == pollId)];

    private List<BusEvent> ReportEvents => [.. bus.Events("FeedbackReceived").Where(e => e.Message.GetProperty("text").GetString()!.Contains(run, StringComparison.Ordinal))];

    private List<string> AlertReceivers => [.. provider.Accepted.Where(p => p.Value.Any(m => m.Body.Contains(run, StringComparison.Ordinal))).Select(p => p.Key)];

    private bool AlertCompleted => bus.Events("AlertCompleted").Any(e => e.Message.GetProperty("alertId").GetString() == alertId);

    /// <summary>Whether everything expected is there, and a figure that grows while things arrive.</summary>
    public (bool Complete, long Seen) Progress()
    {
        var voteContacts = VoteEvents.Select(e => Contact(e)).Distinct().Count();
        var reportContacts = ReportEvents.Select(e => Contact(e)).Distinct().Count();
        var receivers = AlertReceivers.Count;
        var complete = voteContacts >= _voters.Count && reportContacts >= _reporters.Count && AlertCompleted && receivers >= audience.Count;
        return (complete, voteContacts + reportContacts + receivers + (AlertCompleted ? 1 : 0));
    }

    private static string Contact(BusEvent e) => e.Message.GetProperty("contactId").GetString()!;

    public async Task<DrillResult> CountAsync(long webhookRetries)
    {
        var details = new StringBuilder();
        long lost = 0, doubled = 0, wrong = 0;

        // Votes: citizens' view, the results API, the bus.
        var unanswered = votes.Count(v => !v.Accepted);
        var unconfirmed = votes.Where(v => v.Accepted && !v.Confirmed).ToList();
        var expected = new long[3];
        foreach (var v in _voters.Values) expected[v.Option - 1]++;
        var counted = await admin.PollResultsAsync(pollId);
        long expectedTotal = expected.Sum(), countedTotal = counted.Sum();
        var moved = (expected.Zip(counted, (e, c) => Math.Abs(e - c)).Sum() - Math.Abs(expectedTotal - countedTotal)) / 2;
        var events = VoteEvents;
        var byContact = events.GroupBy(Contact).ToList();
        var busMissing = _voters.Keys.Count(c => byContact.All(g => g.Key != c));
        var busDoubled = byContact.Sum(g => Math.Max(0, g.Where(e => !e.Message.GetProperty("replaced").GetBoolean()).Select(e => e.MessageId).Distinct().Count() - 1));
        var busWrong = byContact.Count(g => !_voters.TryGetValue(g.Key, out var v) || g.Last().Message.GetProperty("option").GetInt32() != v.Option);
        var redelivered = events.Count - events.Select(e => e.MessageId).Distinct().Count();
        lost += unanswered + Math.Max(Math.Max(0, expectedTotal - countedTotal), busMissing);
        doubled += Math.Max(Math.Max(0, countedTotal - expectedTotal), busDoubled);
        wrong += unconfirmed.Count + moved + busWrong;
        details.AppendLine(CultureInfo.InvariantCulture, $"votes: {votes.Count} sent, {_voters.Count} accepted ({unanswered} never answered, {unconfirmed.Count} answered without a confirmation), results {countedTotal} [{string.Join(", ", counted)}] for [{string.Join(", ", expected)}] expected; bus {events.Count} deliveries, {byContact.Count} contacts, {busMissing} missing, {busDoubled} doubled, {busWrong} wrong, {redelivered} redelivered");
        foreach (var v in unconfirmed.Take(3)) details.AppendLine(CultureInfo.InvariantCulture, $"  e.g. a vote answered: {Flat(v.Reply)}");

        // Reports: the reference each citizen got, the desk, the bus.
        var noReference = reports.Where(r => r.Reference is null).ToList();
        var notInDesk = 0;
        foreach (var r in _reporters.Values)
            if (!await admin.ReportExistsAsync(r.Reference!)) notInDesk++;
        var reportEvents = ReportEvents;
        var reportsByContact = reportEvents.GroupBy(Contact).ToList();
        var reportsMissing = _reporters.Keys.Count(c => reportsByContact.All(g => g.Key != c));
        var reportsDoubled = reportsByContact.Sum(g => Math.Max(0, g.Select(e => e.Message.GetProperty("reference").GetString()).Distinct().Count() - 1));
        var reportsWrong = reportsByContact.Count(g => !_reporters.TryGetValue(g.Key, out var r) || g.Any(e => e.Message.GetProperty("reference").GetString() != r.Reference));
        var unansweredSteps = reports.Count(r => !r.Answered);
        lost += noReference.Count + Math.Max(notInDesk, reportsMissing);
        doubled += reportsDoubled;
        wrong += reportsWrong + reports.Count(r => r.Reference is not null && !r.Answered);
        details.AppendLine(CultureInfo.InvariantCulture, $"reports: {reports.Count} conversations, {_reporters.Count} given a reference ({unansweredSteps} with a message never answered), {notInDesk} not in the desk; bus {reportEvents.Count} deliveries, {reportsMissing} missing, {reportsDoubled} doubled, {reportsWrong} wrong");
        foreach (var r in noReference.Take(3)) details.AppendLine(CultureInfo.InvariantCulture, $"  e.g. a report ended with: {Flat(r.Reply)}");

        // The alert: the provider fake against the audience.
        var received = provider.Accepted
            .Select(p => (To: p.Key, Messages: p.Value.Where(m => m.Body.Contains(run, StringComparison.Ordinal)).ToList()))
            .Where(p => p.Messages.Count > 0).ToList();
        var audienceSet = audience.ToHashSet(StringComparer.Ordinal);
        var alertMissing = audience.Count(a => received.All(r => r.To != a));
        var alertDoubled = received.Sum(r => r.Messages.Count - 1);
        var alertWrong = received.Count(r => !audienceSet.Contains(r.To));
        var alertView = await admin.AlertAsync(alertId);
        lost += alertMissing;
        doubled += alertDoubled;
        wrong += alertWrong;
        details.AppendLine(CultureInfo.InvariantCulture, $"alert: audience {audience.Count}, {received.Count} received it ({alertMissing} missing, {alertDoubled} twice, {alertWrong} not in the audience); the provider refused {provider.Refused} of {provider.Calls} calls; completed on the bus: {AlertCompleted}; the gateway's view: {Flat(alertView.ToString())}");

        // Recovery, from the fault's end.
        var recovery = new List<double>();
        var firstEvent = byContact.ToDictionary(g => g.Key, g => g.Min(e => e.At));
        var voteLag = _voters.Where(v => firstEvent.ContainsKey(v.Key))
            .Select(v => (firstEvent[v.Key] - Later(v.Value.At, fault.End)).TotalSeconds).DefaultIfEmpty(0).Max();
        recovery.Add(voteLag);
        var firstReport = reportsByContact.ToDictionary(g => g.Key, g => g.Min(e => e.At));
        recovery.Add(_reporters.Where(r => firstReport.ContainsKey(r.Key))
            .Select(r => (firstReport[r.Key] - Later(r.Value.At, fault.End)).TotalSeconds).DefaultIfEmpty(0).Max());
        if (options.Fault == "provider-errors")
            recovery.Add(received.SelectMany(r => r.Messages).Select(m => (m.At - fault.End).TotalSeconds).DefaultIfEmpty(0).Max());
        details.AppendLine(CultureInfo.InvariantCulture, $"fault {fault.Start.TotalSeconds:F1}–{fault.End.TotalSeconds:F1} s; the longest an accepted vote waited for the bus after it: {voteLag:F1} s; provider retries of webhooks: {webhookRetries}; bus reader reconnections: {bus.Reconnects}");

        return new DrillResult(options.Fault, lost, doubled, wrong, Math.Max(0, recovery.Max()), details.ToString());
    }

    private static TimeSpan Later(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Flat(string text) => text.ReplaceLineEndings(" ").Length > 300 ? text.ReplaceLineEndings(" ")[..300] + "…" : text.ReplaceLineEndings(" ");
}
