using System.Text.Json.Serialization;
using Gateway.Text;

namespace Gateway.Profiles.Places;

/// <summary>A quartier or douar of a commune, as staff list it: a slug id (what counters carry) and its names.</summary>
/// <param name="Id">A slug (<see cref="ProfileCell.IsPlaceId"/>), stable: counted cells name it.</param>
/// <param name="Names">Name per language: fr and ar required; zgh and zgh-Latn when known (French is the fallback).</param>
/// <param name="Retired">
/// Removed from the list by staff: no longer offered by the place question nor accepted as a new answer, but kept with its
/// names, because profiles and counters may still name it and the participation page must keep reading them
/// (<see cref="PlaceRetirement"/>). Written only when true.
/// </param>
public sealed record Place(
    string Id,
    IReadOnlyDictionary<string, string> Names,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Retired = false)
{
    public LocalizedText Label => new(Names);
}
