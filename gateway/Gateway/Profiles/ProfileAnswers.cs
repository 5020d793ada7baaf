using System.Globalization;
using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Profiles.Places;
using Gateway.Text;
using Microsoft.Extensions.Options;

namespace Gateway.Profiles;

/// <summary>
/// <c>profile_answer</c> (arg <c>answer</c>): what the profile flow (flows/profile.yaml) does with each answer, at once,
/// in the step's commit, so an answer given is kept whatever happens next (a USSD session ending, a keyword, STOP).
/// <list type="bullet">
/// <item><c>show</c>: the flow starts: notes when it was asked and puts the profile read back in <c>{profile}</c>;</item>
/// <item><c>gender</c>, <c>age</c>, <c>place</c>: saves the session variable of that name (or the one named by arg <c>from</c>); "skip" leaves it as it was;</item>
/// <item><c>skip</c>: the citizen declined: not asked again before <see cref="ProfilesOptions.AskAgainAfterSkip"/>;</item>
/// <item><c>erase</c>: removes every answer (PROFIL, then "erase").</item>
/// </list>
/// Each change moves the contact's counts to the new cell (<see cref="ProfileCounts.Move"/>) and is written in the consent
/// log. The simulator changes only a profile it alone wrote (<see cref="ConsentLog.Applies"/>): staff trying the dialog as
/// a citizen's number never change that citizen's profile.
/// </summary>
public sealed class ProfileAnswers(PlaceDirectory places, FlowTexts texts, IOptions<ProfilesOptions> options) : IFlowAction
{
    public const string ActionName = "profile_answer";
    public const string Skip = "skip";

    public static readonly AnswerOption SkipOption =
        new(Skip, ProfileTexts.Skip, ProfileTexts.SkipWords.Select(TextNormalizer.Normalize).ToHashSet(StringComparer.Ordinal));

    public string Name => ActionName;

    public void Run(FlowNode node, StepContext step)
    {
        var contact = step.Contact;
        var vars = contact.Session?.Vars ?? [];
        var answer = node.Args.GetValueOrDefault("answer");
        var applies = ConsentLog.Applies(step);
        switch (answer)
        {
            case "show":
                if (applies) (contact.Profile ??= new ContactProfile()).AskedAt = step.Now;
                vars["profile"] = Summary(contact);
                return;
            case "skip":
                if (applies && contact.Profile?.HasAnswer != true)
                    (contact.Profile ??= new ContactProfile()).SkippedUntil = step.Now + options.Value.AskAgainAfterSkip;
                return;
        }
        if (!applies) return;

        var profile = contact.Profile ??= new ContactProfile();
        var before = ProfileCell.Of(profile);
        // "from" names another session variable (flows/audience.yaml keeps a typed year and a chosen band apart).
        var value = vars.GetValueOrDefault(node.Args.GetValueOrDefault("from") ?? answer ?? "");
        var changed = answer switch
        {
            "gender" => SetGender(profile, value),
            "age" => SetAge(profile, value),
            "place" => SetPlace(profile, contact.Commune, value),
            "erase" => Erase(profile),
            _ => throw new InvalidOperationException($"profile_answer: unknown answer '{answer}'."),
        };
        if (!changed) return;

        ProfileCounts.Move(step, before, ProfileCell.Of(profile));
        profile.UpdatedAt = step.Now;
        var channel = ConsentLog.ChannelOf(step, "flow");
        if (answer == "erase")
        {
            ConsentLog.Record(contact, step.Now, ConsentLog.ProfileErased, channel, "flow", null, step.Message.Simulated);
            profile.ConsentedAt = null;
            // Erased on purpose: not asked again after the next vote, only when the citizen sends PROFIL.
            profile.SkippedUntil = step.Now + options.Value.AskAgainAfterSkip;
            return;
        }
        if (profile.ConsentedAt is null)
        {
            profile.ConsentedAt = step.Now;
            ConsentLog.Record(contact, step.Now, ConsentLog.ProfileConsent, channel, "flow", null, step.Message.Simulated);
        }
        ConsentLog.Record(contact, step.Now, ConsentLog.ProfileChange, channel, "flow", answer, step.Message.Simulated);
    }

    private static bool SetGender(ContactProfile profile, string? value)
    {
        if (value is not (ContactProfile.Woman or ContactProfile.Man or ContactProfile.Unstated) || value == profile.Gender) return false;
        profile.Gender = value;
        return true;
    }

    private bool SetAge(ContactProfile profile, string? value)
    {
        if (value is null or Skip) return false;
        // The flow saves a birth year (free_text format birth_year) or a band's label (USSD).
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            if (profile.BirthYear == year && profile.AgeBand is null) return false;
            (profile.BirthYear, profile.AgeBand) = (year, null);
            return true;
        }
        if (!options.Value.Bands().Any(b => b.Label == value) || (profile.AgeBand == value && profile.BirthYear is null)) return false;
        (profile.BirthYear, profile.AgeBand) = (null, value);
        return true;
    }

    private bool SetPlace(ContactProfile profile, string? commune, string? value)
    {
        if (value is null or Skip) return false;
        // A place of the list, "other", or a name typed that matched none of them (kept as "other" with its text).
        var (place, other) = value == ContactProfile.OtherPlace || places.Find(commune, value) is { Retired: false }
            ? (value, (string?)null)
            : (ContactProfile.OtherPlace, value);
        if (profile.Place == place && profile.PlaceOther == other) return false;
        (profile.Place, profile.PlaceOther) = (place, other);
        return true;
    }

    private static bool Erase(ContactProfile profile)
    {
        if (!profile.HasAnswer && profile.PlaceOther is null) return false;
        (profile.Gender, profile.BirthYear, profile.AgeBand, profile.Place, profile.PlaceOther) = (null, null, null, null, null);
        return true;
    }

    /// <summary>"femme, née en 1995, Talborjt" in the contact's language.</summary>
    private string Summary(ContactState contact)
    {
        var chain = texts.Chain(contact, null);
        string Say(LocalizedText text) => text.Resolve(chain).Text;
        var profile = contact.Profile;
        var parts = new List<string>();
        if (profile?.Gender is { } gender)
            parts.Add(Say(gender switch { ContactProfile.Woman => ProfileTexts.Woman, ContactProfile.Man => ProfileTexts.Man, _ => ProfileTexts.Unstated }));
        if (profile?.BirthYear is { } year) parts.Add(Say(ProfileTexts.Born).Replace("{year}", BirthYearAnswer.Show(year), StringComparison.Ordinal));
        else if (profile?.AgeBand is { } band) parts.Add(Say(ProfileTexts.Years).Replace("{band}", band, StringComparison.Ordinal));
        if (profile?.Place is { } place)
            parts.Add(place == ContactProfile.OtherPlace
                ? profile.PlaceOther ?? Say(ProfileTexts.OtherPlace)
                : places.Find(contact.Commune, place) is { } known ? Say(known.Label) : place);
        return parts.Count == 0 ? Say(ProfileTexts.NothingGiven) : string.Join(", ", parts);
    }
}
