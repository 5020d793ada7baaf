using Gateway.Alerts.Compose;
using Gateway.Communes;
using Gateway.Conversations;

namespace Gateway.Alerts.Templates;

/// <summary>
/// The templates every commune starts with: the council meeting (the composer's meeting notice from code,
/// <see cref="MeetingTemplate"/>, with its date, time and place left to fill), a water cut and road works. Bracketed
/// parts are for the clerk to replace. The water and road texts are in French and Arabic only; the Amazigh ones await a
/// native speaker (a commune adds them by editing the template).
/// </summary>
public static class BuiltInTemplates
{
    public const string Meeting = "meeting", WaterCut = "water-cut", RoadWorks = "road-works";

    public static IReadOnlyList<AlertTemplate> For(Commune commune)
    {
        string Name(string language) => commune.Name.Texts.GetValueOrDefault(language) ?? commune.Name.Texts.GetValueOrDefault(Languages.French) ?? commune.Id;
        // A meeting next Tuesday at 18:00, so the clerk sees the notice as citizens will; the date is theirs to set.
        var tuesday = DateOnly.FromDateTime(DateTime.UtcNow.Date);
        do tuesday = tuesday.AddDays(1); while (tuesday.DayOfWeek != DayOfWeek.Tuesday);
        var places = new Dictionary<string, string>
        {
            [Languages.French] = "[salle des séances]", [Languages.Arabic] = "[قاعة الاجتماعات]",
            [Languages.Tifinagh] = "[ⴰⵙⵇⵇⵉⵎ]", [Languages.AmazighLatin] = "[asqqim]",
        };
        return
        [
            new(Meeting, commune.Id, new Dictionary<string, string> { ["fr"] = "Séance du conseil", ["ar"] = "دورة المجلس" }, AlertComposer.DefaultTopic,
                places.ToDictionary(p => p.Key, p => MeetingTemplate.Render(p.Key, Name(p.Key), tuesday, new TimeOnly(18, 0), p.Value, null))),
            new(WaterCut, commune.Id, new Dictionary<string, string> { ["fr"] = "Coupure d'eau", ["ar"] = "انقطاع الماء" }, "water",
                new Dictionary<string, string>
                {
                    [Languages.French] = "Commune " + Text.FrenchElision.De(Name(Languages.French)) + " : coupure d'eau le [date] de [heure] à [heure], quartier [quartier]. Prévoyez des réserves.",
                    [Languages.Arabic] = "جماعة " + Name(Languages.Arabic) + ": انقطاع الماء يوم [التاريخ] من [الساعة] إلى [الساعة]، حي [الحي]. المرجو الاحتياط.",
                }),
            new(RoadWorks, commune.Id, new Dictionary<string, string> { ["fr"] = "Travaux de voirie", ["ar"] = "أشغال الطرق" }, "roads",
                new Dictionary<string, string>
                {
                    [Languages.French] = "Commune " + Text.FrenchElision.De(Name(Languages.French)) + " : travaux sur [rue] du [date] au [date]. Circulation déviée par [itinéraire].",
                    [Languages.Arabic] = "جماعة " + Name(Languages.Arabic) + ": أشغال في [الشارع] من [التاريخ] إلى [التاريخ]. تحويل السير عبر [الطريق].",
                }),
        ];
    }

    public static bool IsBuiltIn(string id) => id is Meeting or WaterCut or RoadWorks;
}
