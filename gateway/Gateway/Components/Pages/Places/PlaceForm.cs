using Gateway.Components.Console;
using Gateway.Profiles.Places;

namespace Gateway.Components.Pages.Places;

/// <summary>
/// The places page's form read into the list <see cref="PlacesApi.SaveAsync"/> checks and stores: each listed place with its
/// names as typed (a ticked "remove" retires it), each ticked retired place restored, then the new place when one is typed.
/// Fields: <c>Id{i}</c> and <c>Fr{i}</c>, <c>Ar{i}</c>, <c>Zgh{i}</c>, <c>ZghLatn{i}</c> per row; <c>Remove</c>, <c>Restore</c>
/// (ids); <c>NewId</c>, <c>NewFr</c>…
/// </summary>
public static class PlaceForm
{
    public static readonly IReadOnlyList<(string Language, string Suffix)> Languages = [("fr", "Fr"), ("ar", "Ar"), ("zgh", "Zgh"), ("zgh-Latn", "ZghLatn")];

    public static List<Place> Read(IFormCollection form, IReadOnlyList<Place> active, IReadOnlyList<Place> retired)
    {
        var remove = form["Remove"].ToHashSet(StringComparer.Ordinal);
        var restore = form["Restore"].ToHashSet(StringComparer.Ordinal);
        var list = new List<Place>();
        // Rows are matched to the stored list by their posted id, never by position alone: ids cannot be changed here.
        for (var i = 0; i < active.Count; i++)
        {
            var id = form[$"Id{i}"].FirstOrDefault();
            if (active.FirstOrDefault(p => p.Id == id) is not { } stored) continue;
            list.Add(new Place(stored.Id, Names(form, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), remove.Contains(stored.Id)));
        }
        var newId = form["NewId"].FirstOrDefault()?.Trim() ?? "";
        var newNames = Names(form, "", prefix: "New");
        if (newId.Length > 0 || newNames.Count > 0) list.Add(new Place(newId, newNames));
        // Restored places come after the new one; the retired that stay are kept by PlaceRetirement.
        foreach (var place in retired)
            if (restore.Contains(place.Id) && list.All(p => p.Id != place.Id)) list.Add(place with { Retired = false });
        return list;
    }

    private static Dictionary<string, string> Names(IFormCollection form, string index, string prefix = "")
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, suffix) in Languages)
            if (form[prefix + suffix + index].FirstOrDefault() is { } name && !string.IsNullOrWhiteSpace(name)) names[language] = name.Trim();
        return names;
    }

    /// <summary>The API's problems (<c>places[2].names.ar</c>…) as sentences in the clerk's language, naming the place.</summary>
    public static List<string> Messages(Dictionary<string, string[]> errors, IReadOnlyList<Place> list, ConsoleContext ctx)
    {
        var messages = new List<string>();
        foreach (var key in errors.Keys)
        {
            var place = PlaceOf(key, list);
            var name = place is null ? "" : place.Names.Count > 0 ? ctx.Pick(place.Names) : place.Id;
            var problem = key switch
            {
                "places" => "places.error.count",
                _ when key.EndsWith(".id", StringComparison.Ordinal) => "places.error.id",
                _ => "places.error.names",
            };
            messages.Add(ctx.T(problem, name, PlacesApi.MaxPlaces, PlacesApi.MaxNameLength));
        }
        return messages;
    }

    private static Place? PlaceOf(string key, IReadOnlyList<Place> list)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        var close = key.IndexOf(']', StringComparison.Ordinal);
        return open >= 0 && close > open && int.TryParse(key.AsSpan(open + 1, close - open - 1), out var i) && i < list.Count ? list[i] : null;
    }
}
