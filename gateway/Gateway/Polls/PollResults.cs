using Gateway.Conversations.Ports;

namespace Gateway.Polls;

/// <summary>A poll's live results, read from its counters (summed across shards; never a scan of votes).</summary>
public sealed record PollResults(
    string PollId,
    string Commune,
    string Keyword,
    IReadOnlyDictionary<string, string> Question,
    string Status,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    DateTimeOffset? ClosedAt,
    long Total,
    IReadOnlyList<OptionResult> Options,
    IReadOnlyDictionary<string, long> Channels,
    IReadOnlyDictionary<string, long> Languages,
    SimulatedVotes Simulated,
    OutsideVotes Outside)
{
    public static readonly IReadOnlyList<string> ChannelNames = ["sms", "ussd", "whatsapp"];

    public static async Task<PollResults> ReadAsync(Poll poll, ICounterStore counters, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fields = await counters.ReadAsync(PollKeys.Counter(poll.Id), cancellationToken);
        long Field(string name) => fields.GetValueOrDefault(name);
        var definition = poll.Definition;
        var options = definition.Options.Select((label, i) => new OptionResult(i + 1, label, Field(RecordVoteAction.Option(i + 1)))).ToList();
        var channels = ChannelNames.ToDictionary(c => c, c => Field("channel:" + c), StringComparer.Ordinal);
        var languages = Conversations.Languages.Core.ToDictionary(l => l, l => Field("language:" + l), StringComparer.Ordinal);
        foreach (var (name, value) in fields)
            if (name.StartsWith("language:", StringComparison.Ordinal)) languages[name["language:".Length..]] = value;
        var status = poll.StatusAt(now);
        return new PollResults(poll.Id, poll.Commune, definition.Keyword, definition.Question, PollView.StatusName(status),
            definition.OpensAt, definition.ClosesAt, status == PollStatus.Closed ? poll.EffectiveClose : null,
            Field("total"), options, channels, languages,
            new SimulatedVotes(Field(PollKeys.SimulatedPrefix + "total"),
                definition.Options.Select((_, i) => Field(PollKeys.SimulatedPrefix + RecordVoteAction.Option(i + 1))).ToList()),
            new OutsideVotes(Field(Audience.AudienceCounts.Total),
                definition.Options.Select((_, i) => Field(Audience.AudienceCounts.Option(i + 1))).ToList()));
    }

    /// <summary>
    /// The votes by profile when <c>by=</c> was asked (issue 24), suppressed (<see cref="Profiles.Breakdowns.SmallCellSuppression"/>);
    /// absent otherwise.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Profiles.Breakdowns.BreakdownRow>? Breakdown { get; init; }

    /// <summary>Real votes per option, index 0 = option 1 (the shape of <see cref="Contracts.PollClosed.Tallies"/>); simulated votes are not in it.</summary>
    public IReadOnlyList<long> Tallies => Options.Select(o => o.Votes).ToList();
}

/// <summary>
/// Votes sent through the simulator (staff trying the poll): shown apart, never in <see cref="PollResults.Total"/>, the
/// options' votes, the channels, the languages, the CSV's real rows, <c>PollClosed</c> or the results texted to citizens.
/// </summary>
/// <param name="Tallies">Simulated votes per option, index 0 = option 1.</param>
public sealed record SimulatedVotes(long Total, IReadOnlyList<long> Tallies);

/// <summary>
/// Real votes counted apart in a poll limited to an audience (issue 24): from voters outside it, or who did not give the
/// answer it needs. Shown apart, never in <see cref="PollResults.Total"/>, the options' votes, channels, languages,
/// breakdowns or <c>PollClosed</c>'s tallies; zero for a poll without an audience.
/// </summary>
/// <param name="Tallies">Votes counted apart per option, index 0 = option 1.</param>
public sealed record OutsideVotes(long Total, IReadOnlyList<long> Tallies);

/// <param name="Option">1-based option number (what voters type).</param>
public sealed record OptionResult(int Option, IReadOnlyDictionary<string, string> Label, long Votes);
