using System.Globalization;
using Gateway.Conversations;
using Gateway.Text;

namespace Gateway.Profiles;

/// <summary>
/// Names of the counters and fields that carry profile cells (docs/profile-counters.md says the same for readers).
/// <code>
/// poll:&lt;pollId&gt;                         cell:&lt;cell&gt;:option:&lt;n&gt;          a real vote, under its voter's cell
/// participation:&lt;commune&gt;:&lt;yyyy-MM&gt;  &lt;kind&gt;:&lt;channel&gt;:&lt;cell&gt;        kind = vote | report | subscribe
///                                          people:all:&lt;cell&gt;                 each participant once a month
/// </code>
/// </summary>
public static class ProfileCounters
{
    public const string Vote = "vote";
    public const string Report = "report";
    public const string Subscribe = "subscribe";

    /// <summary>
    /// Not a participation but the person behind them: counted once per contact and commune-month, on all channels
    /// (<c>people:all:&lt;cell&gt;</c>), so that the page can say how many participants gave a complete profile.
    /// </summary>
    public const string People = "people";

    /// <summary>The channel part of a <see cref="People"/> field and key.</summary>
    public const string AllChannels = "all";

    /// <summary>The poll's live tally counter (the Polls feature names it through this, so the two cannot drift apart).</summary>
    public static string PollCounter(string pollId) => "poll:" + pollId;

    public static string PollCellField(ProfileCell cell, int option) =>
        string.Create(CultureInfo.InvariantCulture, $"cell:{cell}:option:{option}");

    /// <summary>The participation counter of a commune's month (Africa/Casablanca time).</summary>
    public static string Participation(string commune, string month) => $"participation:{commune}:{month}";

    public static string ParticipationField(string kind, string channel, ProfileCell cell) => $"{kind}:{channel}:{cell}";

    /// <summary><c>yyyy-MM</c> of <paramref name="at"/> in Morocco.</summary>
    public static string MonthOf(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Csv.Zone).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The key of <see cref="ContactState.Participations"/>: <c>kind|commune|yyyy-MM|channel</c>.</summary>
    public static string ParticipationKey(string kind, string commune, string month, string channel) => $"{kind}|{commune}|{month}|{channel}";

    /// <summary>Reads a <see cref="ParticipationKey"/> back; null when it is not one.</summary>
    public static (string Kind, string Commune, string Month, string Channel)? ReadParticipationKey(string key) =>
        key.Split('|') is [var kind, var commune, var month, var channel] ? (kind, commune, month, channel) : null;
}
