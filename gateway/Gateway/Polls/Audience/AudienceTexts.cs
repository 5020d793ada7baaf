using System.Globalization;
using Gateway.Conversations;
using Gateway.Profiles;
using Gateway.Profiles.Places;
using Gateway.Text;

namespace Gateway.Polls.Audience;

/// <summary>
/// What the dialog says about a poll's audience: who it is for ("femmes, 15-34 ans", adjacent bands joined) and the polite
/// answer to a vote from outside it. Amazigh drafted in Standard Moroccan Amazigh, to be reviewed by native speakers.
/// </summary>
public static class AudienceTexts
{
    /// <summary><c>{audience}</c>: who the poll is for; <c>{poll_choice}</c>: the option voted.</summary>
    public static readonly LocalizedText Outside = LocalizedText.Of(
        (Languages.French, "Merci ! Ce sondage est pour : {audience}. Votre vote « {poll_choice} » est noté à part, il ne compte pas dans les résultats."),
        (Languages.Arabic, "شكرا! هذا الاستطلاع موجه إلى: {audience}. سجلنا صوتك «{poll_choice}» على حدة، ولا يحتسب في النتائج."),
        (Languages.Tifinagh, "ⵜⴰⵏⵎⵎⵉⵔⵜ! ⴰⵙⵇⵙⵉ ⴰⴷ ⵉ: {audience}. ⴰⵙⵜⴰⵢ ⵏⵏⴽ «{poll_choice}» ⵉⵜⵜⵓⵣⵎⵎⴻⵎ ⵙ ⵉⵎⵉⵏ ⵏⵏⵙ, ⵓⵔ ⵉⵜⵜⵓⵙⵎⴹⴰⵍ ⴳ ⵜⵢⴰⴼⵓⵜⵉⵏ."),
        (Languages.AmazighLatin, "Tanmmirt! Asqsi ad i: {audience}. Astay nnk «{poll_choice}» ittuzmmem s imin nns, ur ittusmdal g tyafutin."));

    private static readonly LocalizedText Women = LocalizedText.Of(
        (Languages.French, "femmes"), (Languages.Arabic, "النساء"), (Languages.Tifinagh, "ⵜⵉⵎⵟⵟⵓⵟⵉⵏ"), (Languages.AmazighLatin, "timttutin"));

    private static readonly LocalizedText Men = LocalizedText.Of(
        (Languages.French, "hommes"), (Languages.Arabic, "الرجال"), (Languages.Tifinagh, "ⵉⵔⴳⴰⵣⵏ"), (Languages.AmazighLatin, "irgazn"));

    private static readonly LocalizedText Unstated = LocalizedText.Of(
        (Languages.French, "genre non dit"), (Languages.Arabic, "الجنس غير مذكور"), (Languages.Tifinagh, "ⵓⵔ ⵉⵜⵜⵓⵏⵏⴰ"), (Languages.AmazighLatin, "ur ittunna"));

    /// <summary>"femmes, 15-34 ans, Talborjt" in the first language of <paramref name="chain"/> that has the words.</summary>
    public static string Describe(PollAudience audience, IReadOnlyList<AgeBand> bands, PlaceDirectory places, string commune, IReadOnlyList<string> chain)
    {
        string Say(LocalizedText text) => text.Resolve(chain).Text;
        var parts = new List<string>();
        if (!PollAudience.IsAll(audience.Genders))
            parts.Add(string.Join(" / ", audience.Genders!.Select(g => Say(g switch
            {
                ContactProfile.Woman => Women,
                ContactProfile.Man => Men,
                _ => Unstated,
            }))));
        if (!PollAudience.IsAll(audience.AgeBands))
            parts.Add(Say(ProfileTexts.Years).Replace("{band}", string.Join(", ", Spans(audience.AgeBands!, bands)), StringComparison.Ordinal));
        if (!PollAudience.IsAll(audience.Places))
            parts.Add(string.Join(", ", audience.Places!.Select(p => p == ContactProfile.OtherPlace
                ? Say(ProfileTexts.OtherPlace)
                : places.Find(commune, p) is { } place ? Say(place.Label) : p)));
        return string.Join(", ", parts);
    }

    /// <summary>The chosen bands with adjacent ones joined: 15-17, 18-24, 25-34 read "15-34"; 25-34, 55+ stay two.</summary>
    public static IReadOnlyList<string> Spans(IReadOnlyList<string> chosen, IReadOnlyList<AgeBand> bands)
    {
        var picked = bands.Where(b => chosen.Contains(b.Label, StringComparer.Ordinal)).ToList();
        var spans = new List<(int From, int? To)>();
        foreach (var band in picked)
        {
            if (spans.Count > 0 && spans[^1].To is { } to && to + 1 == band.From) spans[^1] = (spans[^1].From, band.To);
            else spans.Add((band.From, band.To));
        }
        return spans.Select(s => s.To is { } end
            ? string.Create(CultureInfo.InvariantCulture, $"{s.From}-{end}")
            : string.Create(CultureInfo.InvariantCulture, $"{s.From}+")).ToList();
    }
}
