using Gateway.Conversations;
using Gateway.Profiles;
using Gateway.Profiles.Places;
using Microsoft.Extensions.Options;

namespace Gateway.Polls.Audience;

/// <summary>One answer of the profile an audience may need before a vote is counted.</summary>
public enum AudienceAnswer
{
    Gender,
    Age,
    Place,
}

/// <summary>Where a voter stands against a poll's audience.</summary>
public enum AudienceFit
{
    Inside,
    Outside,

    /// <summary>The profile lacks an answer the audience needs (<see cref="AudienceRules.Missing"/>).</summary>
    Unknown,
}

/// <summary>
/// What an audience accepts and whom it takes in: the API's and the console's checks (bands of <c>Profiles:AgeBands</c>,
/// the known genders, the commune's places) and the vote's test against a profile. An age is the vote's year (in
/// Morocco) minus the birth year, as the breakdowns read it; a band chosen on USSD is taken as it is.
/// </summary>
public sealed class AudienceRules(PlaceDirectory places, IOptions<ProfilesOptions> options)
{
    public IReadOnlyList<AgeBand> Bands => options.Value.Bands();

    /// <summary>Problems by field (<c>audience.ageBands</c>, <c>audience.genders</c>, <c>audience.places</c>) for a poll of <paramref name="commune"/>.</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(PollAudience? audience, string commune, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (audience is null) return errors;
        await places.EnsureCurrentAsync(cancellationToken);
        var bands = Bands.Select(b => b.Label).ToList();
        var known = places.For(commune).Select(p => p.Id).Append(ContactProfile.OtherPlace).ToList();
        Check("audience.ageBands", audience.AgeBands, bands, "age band", $"Use the bands of Profiles:AgeBands: {string.Join(", ", bands)}.");
        Check("audience.genders", audience.Genders, PollAudience.GenderValues, "gender", $"Use {string.Join(", ", PollAudience.GenderValues)}.");
        Check("audience.places", audience.Places, known, "place", places.For(commune).Count == 0
            ? $"The commune '{commune}' has no places yet (PUT /api/communes/{commune}/places); only 'other' is known."
            : $"Use place ids of the commune '{commune}' ({string.Join(", ", known)}).");
        return errors;

        void Check(string field, IReadOnlyList<string>? values, IReadOnlyList<string> allowed, string what, string hint)
        {
            var unknown = (values ?? []).Where(v => !allowed.Contains(v?.Trim() ?? "", StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
                errors[field] = [$"Unknown {what}{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}. {hint}"];
        }
    }

    /// <summary>The answers the audience needs that <paramref name="profile"/> does not give, in the order they are asked.</summary>
    public static IReadOnlyList<AudienceAnswer> Missing(PollAudience audience, ContactProfile? profile)
    {
        var missing = new List<AudienceAnswer>(3);
        if (!PollAudience.IsAll(audience.Genders) && profile?.Gender is null) missing.Add(AudienceAnswer.Gender);
        if (!PollAudience.IsAll(audience.AgeBands) && profile?.BirthYear is null && profile?.AgeBand is null) missing.Add(AudienceAnswer.Age);
        if (!PollAudience.IsAll(audience.Places) && profile?.Place is null) missing.Add(AudienceAnswer.Place);
        return missing;
    }

    /// <summary>Whether a voter with <paramref name="profile"/> is in <paramref name="audience"/> at <paramref name="now"/>.</summary>
    public AudienceFit Fit(PollAudience? audience, ContactProfile? profile, DateTimeOffset now)
    {
        if (audience is null || !audience.IsLimited) return AudienceFit.Inside;
        if (Missing(audience, profile).Count > 0) return AudienceFit.Unknown;
        if (!PollAudience.IsAll(audience.Genders) && !audience.Genders!.Contains(profile!.Gender!, StringComparer.Ordinal)) return AudienceFit.Outside;
        if (!PollAudience.IsAll(audience.Places) && !audience.Places!.Contains(profile!.Place!, StringComparer.Ordinal)) return AudienceFit.Outside;
        if (!PollAudience.IsAll(audience.AgeBands) && (BandOf(profile!, now) is not { } band || !audience.AgeBands!.Contains(band, StringComparer.Ordinal)))
            return AudienceFit.Outside;
        return AudienceFit.Inside;
    }

    /// <summary>The band label of the profile's age at <paramref name="now"/> (null when the age falls in no band).</summary>
    public string? BandOf(ContactProfile profile, DateTimeOffset now)
    {
        if (profile.AgeBand is { } chosen) return chosen;
        if (profile.BirthYear is not { } year) return null;
        var age = TimeZoneInfo.ConvertTime(now, Text.Csv.Zone).Year - year;
        return Bands.FirstOrDefault(b => b.Contains(age))?.Label;
    }

    /// <summary>
    /// The profile with the answers of this conversation (<paramref name="vars"/>: <c>gender</c>, <c>age_year</c>,
    /// <c>age_band</c>, <c>place</c> of flows/audience.yaml) where it lacks them: the profile_answer action has saved them
    /// already, except for staff trying the poll in the simulator as a citizen's number (the citizen's profile is not theirs
    /// to change, yet their vote is decided as the citizen's would be).
    /// </summary>
    public ContactProfile Answered(ContactProfile? profile, string? commune, IReadOnlyDictionary<string, string> vars)
    {
        var answered = new ContactProfile
        {
            Gender = profile?.Gender, BirthYear = profile?.BirthYear, AgeBand = profile?.AgeBand, Place = profile?.Place,
        };
        if (answered.Gender is null && vars.GetValueOrDefault("gender") is { } gender && PollAudience.GenderValues.Contains(gender))
            answered.Gender = gender;
        if (answered.BirthYear is null && answered.AgeBand is null)
        {
            if (int.TryParse(vars.GetValueOrDefault("age_year"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year))
                answered.BirthYear = year;
            else if (vars.GetValueOrDefault("age_band") is { } band && Bands.Any(b => b.Label == band)) answered.AgeBand = band;
        }
        if (answered.Place is null && vars.GetValueOrDefault("place") is { } place && place != ProfileAnswers.Skip)
            answered.Place = places.Find(commune, place) is not null ? place : ContactProfile.OtherPlace;
        return answered;
    }
}
