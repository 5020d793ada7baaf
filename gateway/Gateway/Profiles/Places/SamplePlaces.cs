namespace Gateway.Profiles.Places;

/// <summary>
/// A few real quartiers and douars of the sample communes, so that the embedded default shows the profile's place
/// question as a commune would see it. Staff replace them (console, <c>PUT /api/communes/{commune}/places</c>).
/// </summary>
public static class SamplePlaces
{
    private static Place P(string id, string fr, string ar, string zghLatn, string zgh) =>
        new(id, new Dictionary<string, string>(StringComparer.Ordinal) { ["fr"] = fr, ["ar"] = ar, ["zgh-Latn"] = zghLatn, ["zgh"] = zgh });

    private static readonly Dictionary<string, IReadOnlyList<Place>> Samples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["casablanca"] =
        [
            P("maarif", "Maârif", "المعاريف", "Maarif", "ⵎⴰⵄⴰⵔⵉⴼ"),
            P("hay-hassani", "Hay Hassani", "الحي الحسني", "Hay Hassani", "ⵃⴰⵢ ⵃⴰⵙⴰⵏⵉ"),
            P("sidi-moumen", "Sidi Moumen", "سيدي مومن", "Sidi Mumen", "ⵙⵉⴷⵉ ⵎⵓⵎⵏ"),
            P("ain-chock", "Aïn Chock", "عين الشق", "Ain Chock", "ⵄⵉⵏ ⵛⵛⵇ"),
        ],
        ["agadir"] =
        [
            P("talborjt", "Talborjt", "تالبرجت", "Talborjt", "ⵜⴰⵍⴱⵓⵔⵊⵜ"),
            P("anza", "Anza", "أنزا", "Anza", "ⴰⵏⵥⴰ"),
            P("hay-dakhla", "Hay Dakhla", "حي الداخلة", "Hay Dakhla", "ⵃⴰⵢ ⴷⴰⵅⵍⴰ"),
            P("tikiouine", "Tikiouine", "تيكيوين", "Tikiwin", "ⵜⵉⴽⵉⵡⵉⵏ"),
        ],
        ["tiznit"] =
        [
            P("medina", "Médina", "المدينة القديمة", "Lmdint", "ⵍⵎⴷⵉⵏⵜ"),
            P("douar-aglou", "Douar Aglou", "دوار أكلو", "Dduwar Aglu", "ⴷⴷⵓⵡⴰⵔ ⴰⴳⵍⵓ"),
        ],
    };

    public static IReadOnlyList<Place>? For(string commune) => Samples.GetValueOrDefault(commune);
}
