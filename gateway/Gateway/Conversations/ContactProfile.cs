namespace Gateway.Conversations;

/// <summary>
/// What a citizen chose to say about themself (issue 24): gender, age and place, each optional. It lives in the
/// <see cref="ContactState"/> document, so that it is committed with the step that asked it, shown in the data export and
/// erased with the contact. It enters counters only as a <c>ProfileCell</c> (gateway/Gateway/Profiles/ProfileCell.cs);
/// <see cref="PlaceOther"/> never does. Settable properties for the same reason as <see cref="ContactState"/>'s.
/// </summary>
public sealed class ContactProfile
{
    public const string Woman = "woman";
    public const string Man = "man";

    /// <summary>"Prefer not to say": an answer, counted apart from "not given" (null).</summary>
    public const string Unstated = "unstated";

    /// <summary>The place chosen when the commune's list does not hold it; the text is then in <see cref="PlaceOther"/>.</summary>
    public const string OtherPlace = "other";

    /// <summary><see cref="Woman"/>, <see cref="Man"/>, <see cref="Unstated"/>; null: not given.</summary>
    public string? Gender { get; set; }

    /// <summary>Year of birth, when typed (SMS, WhatsApp).</summary>
    public int? BirthYear { get; set; }

    /// <summary>An age band chosen from a list (USSD), e.g. <c>18-24</c>; null when a year was given or nothing.</summary>
    public string? AgeBand { get; set; }

    /// <summary>A place id of the commune's list, or <see cref="OtherPlace"/>; null: not given.</summary>
    public string? Place { get; set; }

    /// <summary>What the citizen typed for "other": personal, shown only in their own data export, never counted.</summary>
    public string? PlaceOther { get; set; }

    /// <summary>When the citizen first answered after the consent sentence.</summary>
    public DateTimeOffset? ConsentedAt { get; set; }

    /// <summary>When the profile was last asked (it is asked once, then only on request).</summary>
    public DateTimeOffset? AskedAt { get; set; }

    /// <summary>Skipped: not asked again before this time (six months later by default).</summary>
    public DateTimeOffset? SkippedUntil { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Whether at least one answer is given (an "unstated" gender is an answer).</summary>
    public bool HasAnswer => Gender is not null || BirthYear is not null || AgeBand is not null || Place is not null;

    /// <summary>Whether the three answers are given (an "unstated" gender is an answer).</summary>
    public bool IsComplete => Gender is not null && (BirthYear is not null || AgeBand is not null) && Place is not null;
}
