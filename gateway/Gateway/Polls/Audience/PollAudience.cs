namespace Gateway.Polls.Audience;

/// <summary>
/// Who a poll is for (issue 24), e.g. the 15–34 of a youth council's poll. Each list narrows the audience; an empty (or
/// left out) list means everyone on that count; a poll without an audience (null) is for everyone. Votes from outside it
/// are answered politely and counted apart (<c>outside:*</c> counter fields), never in the poll's results.
/// </summary>
/// <param name="AgeBands">Labels of <c>Profiles:AgeBands</c>, e.g. <c>["18-24", "25-34"]</c>.</param>
/// <param name="Genders"><c>woman</c>, <c>man</c>, <c>unstated</c> (prefer not to say).</param>
/// <param name="Places">Place ids of the poll's commune (<c>GET /api/communes/{commune}/places</c>), or <c>other</c>.</param>
public sealed record PollAudience(IReadOnlyList<string>? AgeBands = null, IReadOnlyList<string>? Genders = null, IReadOnlyList<string>? Places = null)
{
    public static readonly IReadOnlyList<string> GenderValues = [Conversations.ContactProfile.Woman, Conversations.ContactProfile.Man, Conversations.ContactProfile.Unstated];

    /// <summary>True when the list narrows nothing.</summary>
    public static bool IsAll(IReadOnlyList<string>? values) => values is null || values.Count == 0;

    /// <summary>Whether this audience narrows anything at all (an audience of everyone is stored as none).</summary>
    public bool IsLimited => !IsAll(AgeBands) || !IsAll(Genders) || !IsAll(Places);

    /// <summary>The same audience with each list trimmed, without repeats, in the order given; null when it narrows nothing.</summary>
    public PollAudience? Normalized()
    {
        static IReadOnlyList<string> Clean(IReadOnlyList<string>? values) =>
            [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal)];
        var clean = new PollAudience(Clean(AgeBands), Clean(Genders), Clean(Places));
        return clean.IsLimited ? clean : null;
    }
}
