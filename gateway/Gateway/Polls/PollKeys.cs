using StackExchange.Redis;

namespace Gateway.Polls;

/// <summary>
/// Redis keys of poll definitions (not personal data; no TTL). Each command touches one key, so no hash tags are needed.
/// <code>
/// gw:poll:&lt;pollId&gt;                          hash: def = PollDefinition JSON, closedAt = ISO time (HSETNX), final = tallies JSON (HSETNX)
/// gw:polls:&lt;commune&gt;                         set of the commune's poll ids
/// gw:pollkw:&lt;commune&gt;:&lt;normalizedKeyword&gt;  id of the poll holding the keyword (taken over once that poll is closed)
/// gw:pollsversion                           counter, INCR after every write above (read by every replica's directory on each step)
/// </code>
/// Vote tallies are contact-store counters named <see cref="Counter"/> (sharded with the voters' commits).
/// </summary>
public static class PollKeys
{
    public static RedisKey Poll(string pollId) => "gw:poll:" + pollId;

    public static RedisKey CommunePolls(string commune) => "gw:polls:" + commune.ToLowerInvariant();

    public static RedisKey Keyword(string commune, string normalizedKeyword) => $"gw:pollkw:{commune.ToLowerInvariant()}:{normalizedKeyword}";

    /// <summary>The directory version (<see cref="IPollStore.ReadVersionAsync"/>), outside <c>gw:polls:</c> so no commune id can clash with it.</summary>
    public static readonly RedisKey Version = "gw:pollsversion";

    public const string DefinitionField = "def";
    public const string ClosedAtField = "closedAt";
    public const string FinalField = "final";

    /// <summary>
    /// The live tally counter of a poll: fields <c>option:n</c>, <c>channel:sms</c>, <c>language:ar</c>, <c>total</c> for
    /// real votes, <c>cell:&lt;cell&gt;:option:n</c> under the voter's profile cell (docs/profile-counters.md), and <c>simulated:option:n</c>, <c>simulated:total</c> for votes sent through the simulator (issue 17:
    /// test traffic is shown apart and never counted in the real tallies). Both live in the same hash, so a vote's
    /// counts are one atomic write to one slot whichever kind it is.
    /// </summary>
    public static string Counter(string pollId) => Profiles.ProfileCounters.PollCounter(pollId);

    /// <summary>Prefix of the counter fields (and contact vote entries) of simulated votes.</summary>
    public const string SimulatedPrefix = "simulated:";

    /// <summary>
    /// Where a contact's vote in a poll is kept (<see cref="Conversations.ContactState.PollVotes"/>): the poll id for a
    /// real vote, <c>simulated:</c> + the poll id for one sent through the simulator. Apart, so that staff testing a poll
    /// as a citizen's number neither change nor block that citizen's real vote, and a changed vote always moves within
    /// the counters where it was first counted.
    /// </summary>
    public static string VoteKey(string pollId, bool simulated) => simulated ? SimulatedPrefix + pollId : pollId;

    /// <summary>
    /// The pseudo-contact whose creation marks a poll's <c>PollClosed</c> as published: its commit (expected version 0)
    /// writes the event to the outbox, so of several replicas racing, exactly one commit succeeds.
    /// </summary>
    public static string ClosingContact(string pollId) => "poll-closed:" + pollId;
}
