using System.Globalization;
using Gateway.Components.Console;
using Gateway.Profiles.Census;
using Gateway.Profiles.Places;

namespace Gateway.Components.Pages.Participation;

/// <summary>
/// The participation page's census form read into <see cref="CensusShares"/>: <c>Women</c>, <c>Age:&lt;band&gt;</c>,
/// <c>Place:&lt;id&gt;</c>, each a percentage as a clerk types it ("51", "51,5", "51.5 %", Arabic-Indic digits); an empty
/// field is a share not entered. <see cref="CensusApi.SaveAsync"/> then checks ranges and sums as for the API.
/// </summary>
public static class CensusForm
{
    public static (CensusShares Shares, List<string> Unreadable) Read(IFormCollection form)
    {
        var unreadable = new List<string>();
        decimal? women = null;
        var ages = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var places = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (field, values) in form)
        {
            var text = values.FirstOrDefault();
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (field != "Women" && !field.StartsWith("Age:", StringComparison.Ordinal) && !field.StartsWith("Place:", StringComparison.Ordinal)) continue;
            if (Number(text) is not { } share)
            {
                unreadable.Add(field);
                continue;
            }
            if (field == "Women") women = share;
            else if (field.StartsWith("Age:", StringComparison.Ordinal)) ages[field[4..]] = share;
            else places[field[6..]] = share;
        }
        return (new CensusShares(women, ages, places), unreadable);
    }

    /// <summary>A percentage typed with a comma or a point, a % sign or not, in Latin or Arabic-Indic digits; null when it is none.</summary>
    public static decimal? Number(string text)
    {
        var latin = new string(text.Trim().TrimEnd('%', '٪').Trim().Select(c => c switch
        {
            >= '٠' and <= '٩' => (char)('0' + (c - '٠')),
            >= '۰' and <= '۹' => (char)('0' + (c - '۰')),
            ',' or '٫' => '.',
            _ => c,
        }).ToArray());
        return decimal.TryParse(latin, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share) ? share : null;
    }

    /// <summary>The field's label for a message: "Femmes", "18-24", a place's name.</summary>
    public static string FieldLabel(string field, IReadOnlyList<Place> places, ConsoleContext ctx) => field switch
    {
        "Women" or "women" => ctx.T("participation.gender.woman"),
        _ when field.StartsWith("Age:", StringComparison.Ordinal) => field[4..],
        _ when field.StartsWith("ages.", StringComparison.Ordinal) => field[5..],
        _ when field.StartsWith("Place:", StringComparison.Ordinal) || field.StartsWith("places.", StringComparison.Ordinal) =>
            places.FirstOrDefault(p => p.Id == field[(field.IndexOf(field[0] == 'P' ? ':' : '.') + 1)..]) is { } place ? ctx.Pick(place.Names) : field,
        _ => field,
    };

    /// <summary>The rules' problems as sentences in the clerk's language.</summary>
    public static List<string> Messages(Dictionary<string, string[]> errors, IReadOnlyList<Place> places, ConsoleContext ctx) =>
        errors.Keys.Select(key => key switch
        {
            "ages" => ctx.T("participation.census.error.ages"),
            "places" => ctx.T("participation.census.error.places"),
            _ => ctx.T("participation.census.error.value", FieldLabel(key, places, ctx)),
        }).ToList();
}
