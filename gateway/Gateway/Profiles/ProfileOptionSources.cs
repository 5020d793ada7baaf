using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Profiles.Places;
using Gateway.Text;
using Microsoft.Extensions.Options;

namespace Gateway.Profiles;

/// <summary><c>options_from: age_bands</c>: the configured bands (<see cref="ProfilesOptions.AgeBands"/>), then "skip".</summary>
public sealed class AgeBandOptions(IOptions<ProfilesOptions> options) : IOptionSource
{
    public const string SourceName = "age_bands";

    private IReadOnlyList<AnswerOption>? _options;

    public string Name => SourceName;

    public IReadOnlyList<AnswerOption> OptionsFor(ContactState contact) => _options ??=
    [
        .. options.Value.Bands().Select(b => new AnswerOption(b.Label, Label(b.Label), AnswerOption.NoSynonyms)),
        ProfileAnswers.SkipOption,
    ];

    private static LocalizedText Label(string band) =>
        new(ProfileTexts.Years.Texts.ToDictionary(t => t.Key, t => t.Value.Replace("{band}", band, StringComparison.Ordinal), StringComparer.Ordinal));
}

/// <summary>
/// <c>options_from: places</c>: the contact's commune's places (<see cref="PlaceDirectory"/>), then "other" and "skip".
/// A name typed that none of them matches is taken by the node's free text as "other" with that text.
/// </summary>
public sealed class PlaceOptions(PlaceDirectory places) : IOptionSource
{
    public const string SourceName = "places";

    private static readonly AnswerOption Other =
        new(ContactProfile.OtherPlace, ProfileTexts.OtherPlace, ProfileTexts.OtherWords.Select(TextNormalizer.Normalize).ToHashSet(StringComparer.Ordinal));

    public string Name => SourceName;

    public IReadOnlyList<AnswerOption> OptionsFor(ContactState contact) =>
    [
        .. places.Offered(contact.Commune).Select(p => new AnswerOption(p.Id, p.Label, AnswerOption.NoSynonyms)),
        Other,
        ProfileAnswers.SkipOption,
    ];
}
