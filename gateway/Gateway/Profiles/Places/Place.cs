using Gateway.Text;

namespace Gateway.Profiles.Places;

/// <summary>A quartier or douar of a commune, as staff list it: a slug id (what counters carry) and its names.</summary>
/// <param name="Id">A slug (<see cref="ProfileCell.IsPlaceId"/>), stable: counted cells name it.</param>
/// <param name="Names">Name per language: fr and ar required; zgh and zgh-Latn when known (French is the fallback).</param>
public sealed record Place(string Id, IReadOnlyDictionary<string, string> Names)
{
    public LocalizedText Label => new(Names);
}
