using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Gateway.Drills;

/// <summary>How citizens' messages reach the replicas in a drill: normally, each twice (same provider id), or racing (distinct ids at once).</summary>
public enum Delivering { Once, Twice, Racing }

/// <summary>A vote as the citizen saw it: accepted (a 200), with the confirmation text, when.</summary>
public sealed record VoteSent(string Phone, int Option, bool Accepted, bool Confirmed, TimeSpan At, string Reply);

/// <summary>A report as the citizen saw it: the reference the last reply gave, or why there was none.</summary>
public sealed record ReportSent(string Phone, string? Reference, bool Answered, TimeSpan At, string Reply);

/// <summary>
/// The known load of a drill, sent as citizens would: meeting subscribers first (the alert's audience), then votes at a
/// steady rate, spread evenly over both replicas, with reports (five-message conversations, each message to the other
/// replica) spread over the same time.
/// </summary>
public sealed partial class Load(DrillOptions options, Webhooks webhooks, Stopwatch clock, string run)
{
    /// <summary>
    /// A vote's confirmation in each language the gateway may answer in (gateway/Gateway/Polls/PollTexts.cs). The drill's
    /// keywords are random hex ("V2FF35EC5"), whose digits the gateway may read as Arabizi and answer in Arabic: the
    /// webhooks-twice run of 16:47 counted all its 6,000 votes "answered without a confirmation" for that alone.
    /// </summary>
    public static readonly string[] VoteConfirmations = ["Votre vote", "تم تسجيل صوتك", "ⵉⵜⵜⵓⵣⵎⵎⴻⵎ ⵓⵙⵜⴰⵢ", "Ittuzmmem ustay"];

    private static bool Confirms(string reply) => VoteConfirmations.Any(c => reply.Contains(c, StringComparison.Ordinal));

    /// <summary>The subscribe flow's last answer (flows/subscribe.yaml).</summary>
    public const string Subscribed = "vous recevrez les dates";

    private readonly long _phoneBase = Random.Shared.NextInt64(0, 90_000_000);

    public Delivering Mode { get; init; } = Delivering.Once;

    private string Phone(char prefix, int index) => "+212" + prefix + (_phoneBase + index).ToString("D8", CultureInfo.InvariantCulture);

    private string Sid(char kind, int index, int step, char copy = 'a') =>
        $"SM{run}{kind}{index.ToString("x8", CultureInfo.InvariantCulture)}{step:x2}{copy}";

    /// <summary>Subscribes the alert's audience to Agadir's meetings (ABONNER → 4 → 1), 32 at a time; returns the numbers subscribed.</summary>
    public async Task<IReadOnlyList<string>> SubscribeAsync()
    {
        using var gate = new SemaphoreSlim(32);
        var walks = Enumerable.Range(0, options.Audience).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var phone = Phone('5', i);
                Delivery? last = null;
                string[] bodies = ["ABONNER", "4", "1"];
                for (var step = 0; step < bodies.Length; step++)
                    last = await webhooks.DeliverAsync(phone, Replicas.TwilioFrom, bodies[step], Sid('s', i, step), i + step);
                return last!.Reply.Contains(Subscribed, StringComparison.Ordinal) ? phone : null;
            }
            finally { gate.Release(); }
        });
        return [.. (await Task.WhenAll(walks)).OfType<string>()];
    }

    public TimeSpan Duration => TimeSpan.FromSeconds(options.Votes / options.VotesPerSecond);

    /// <summary>Every vote, one new number each, "&lt;keyword&gt; n" with n = 1, 2, 3 in turn, at the configured rate from <paramref name="start"/>.</summary>
    public async Task<IReadOnlyList<VoteSent>> VotesAsync(string keyword, TimeSpan start)
    {
        var sent = new List<Task<VoteSent>>(options.Votes);
        for (var i = 0; i < options.Votes; i++)
        {
            var due = start + TimeSpan.FromSeconds(i / options.VotesPerSecond);
            // Read the clock once: read twice, the wait could come out negative and throw (a drill aborted so).
            if (due - clock.Elapsed is { Ticks: > 0 } wait) await Task.Delay(wait);
            var index = i;
            sent.Add(Task.Run(() => VoteAsync(keyword, index)));
        }
        return await Task.WhenAll(sent);
    }

    private async Task<VoteSent> VoteAsync(string keyword, int i)
    {
        var phone = Phone('6', i);
        var option = 1 + i % 3;
        var body = $"{keyword} {option}";
        Delivery[] answers = Mode switch
        {
            Delivering.Once => [await webhooks.DeliverAsync(phone, Replicas.CasablancaNumber, body, Sid('v', i, 0), i)],
            // Half of the duplicates arrive one after the other at the same replica, half at once at both.
            Delivering.Twice when i % 2 == 0 =>
                [await webhooks.DeliverAsync(phone, Replicas.CasablancaNumber, body, Sid('v', i, 0), i / 2),
                 await webhooks.DeliverAsync(phone, Replicas.CasablancaNumber, body, Sid('v', i, 0), i / 2)],
            Delivering.Twice => await Task.WhenAll(
                webhooks.DeliverAsync(phone, Replicas.CasablancaNumber, body, Sid('v', i, 0), 0),
                webhooks.DeliverAsync(phone, Replicas.CasablancaNumber, body, Sid('v', i, 0), 1)),
            // The same contact's two messages (distinct provider ids) at once, one on each replica.
            _ => await Task.WhenAll(
                webhooks.DeliverAsync(phone, Replicas.CasablancaNumber, body, Sid('v', i, 0, 'a'), 0),
                webhooks.DeliverAsync(phone, Replicas.CasablancaNumber, body, Sid('v', i, 0, 'b'), 1)),
        };
        var accepted = answers.Where(a => a.Accepted).ToList();
        // A duplicate must be answered like the original; of two racing messages, at least one confirms the vote.
        var confirmed = Mode == Delivering.Racing
            ? accepted.Any(a => Confirms(a.Reply))
            : accepted.Count == answers.Length && accepted.All(a => Confirms(a.Reply));
        var first = accepted.Count > 0 ? accepted.Min(a => a.At) : answers.Max(a => a.At);
        return new VoteSent(phone, option, accepted.Count > 0, confirmed, first, answers[0].Reply);
    }

    /// <summary>The reports, spread evenly over <paramref name="over"/> from <paramref name="start"/>.</summary>
    public async Task<IReadOnlyList<ReportSent>> ReportsAsync(TimeSpan start, TimeSpan over)
    {
        var walks = new List<Task<ReportSent>>(options.Reports);
        for (var k = 0; k < options.Reports; k++)
        {
            var due = start + over * k / options.Reports;
            if (due - clock.Elapsed is { Ticks: > 0 } wait) await Task.Delay(wait);
            var index = k;
            walks.Add(Task.Run(() => ReportAsync(index)));
        }
        return await Task.WhenAll(walks);
    }

    private async Task<ReportSent> ReportAsync(int k)
    {
        var phone = Phone('7', k);
        // AVIS → commune 4 (Agadir) → category 1 (roads) → the description → 1 (no place): the report is filed.
        string[] bodies = ["AVIS", "4", "1", $"Drill {run} report {k}: route cassée", "1"];
        var answered = true;
        Delivery last = null!;
        for (var step = 0; step < bodies.Length; step++)
        {
            var lastStep = step == bodies.Length - 1;
            Delivery[] answers = (Mode, lastStep) switch
            {
                (Delivering.Twice, _) => await Task.WhenAll(
                    webhooks.DeliverAsync(phone, Replicas.TwilioFrom, bodies[step], Sid('r', k, step), k + step),
                    webhooks.DeliverAsync(phone, Replicas.TwilioFrom, bodies[step], Sid('r', k, step), k + step + 1)),
                // The last answer sent three times at once over both replicas, each with its own provider id.
                (Delivering.Racing, true) => await Task.WhenAll(Enumerable.Range(0, 3).Select(c =>
                    webhooks.DeliverAsync(phone, Replicas.TwilioFrom, bodies[step], Sid('r', k, step, (char)('a' + c)), c))),
                _ => [await webhooks.DeliverAsync(phone, Replicas.TwilioFrom, bodies[step], Sid('r', k, step), k + step)],
            };
            answered &= answers.All(a => a.Accepted);
            last = answers.FirstOrDefault(a => Reference().IsMatch(a.Reply)) ?? answers[0];
        }
        var reference = Reference().Match(last.Reply) is { Success: true } m ? m.Value : null;
        return new ReportSent(phone, reference, answered, last.At, last.Reply);
    }

    [GeneratedRegex(@"R-[2-9A-HJKMNP-TV-Z]{5}")]
    public static partial Regex Reference();
}
