using System.Globalization;
using Gateway.Conversations;

namespace Gateway.Alerts.Compose;

/// <summary>
/// The council-meeting notice per language, with the date written as people of that language write it:
/// fr "mardi 2 décembre 2026 à 18 h 00"; ar with the month names used in Morocco (دجنبر, not ديسمبر) and Western digits;
/// zgh with the IRCAM Tifinagh month and day names; zgh-Latn with their Latin transcription kept to the GSM-7 alphabet
/// (gh for ɣ) so a Latin-script notice stays a cheap SMS. Names are fixed tables, not the OS's ICU data, which may lack zgh.
/// The Amazigh wording wants a native speaker's review before production.
/// </summary>
public static class MeetingTemplate
{
    private static readonly string[] FrenchDays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
    private static readonly string[] FrenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
    private static readonly string[] ArabicDays = ["الأحد", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];
    private static readonly string[] ArabicMonths = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"];
    private static readonly string[] TifinaghDays = ["ⴰⵙⴰⵎⴰⵙ", "ⴰⵢⵏⴰⵙ", "ⴰⵙⵉⵏⴰⵙ", "ⴰⴽⵕⴰⵙ", "ⴰⴽⵡⴰⵙ", "ⴰⵙⵉⵎⵡⴰⵙ", "ⴰⵙⵉⴹⵢⴰⵙ"];
    private static readonly string[] TifinaghMonths = ["ⵉⵏⵏⴰⵢⵔ", "ⴱⵕⴰⵢⵕ", "ⵎⴰⵕⵚ", "ⵉⴱⵔⵉⵔ", "ⵎⴰⵢⵢⵓ", "ⵢⵓⵏⵢⵓ", "ⵢⵓⵍⵢⵓⵣ", "ⵖⵓⵛⵜ", "ⵛⵓⵜⴰⵏⴱⵉⵔ", "ⴽⵜⵓⴱⵔ", "ⵏⵓⵡⴰⵏⴱⵉⵔ", "ⴷⵓⵊⴰⵏⴱⵉⵔ"];
    private static readonly string[] LatinDays = ["asamas", "aynas", "asinas", "akras", "akwas", "asimwas", "asidyas"];
    private static readonly string[] LatinMonths = ["innayr", "brayr", "mars", "ibrir", "mayyu", "yunyu", "yulyuz", "ghuct", "cutanbir", "ktubr", "nuwanbir", "dujanbir"];

    /// <summary>The date and time as written in <paramref name="language"/> (Amazigh varieties use zgh-Latn).</summary>
    public static string FormatDateTime(string language, DateOnly date, TimeOnly time)
    {
        var d = (int)date.DayOfWeek;
        var m = date.Month - 1;
        var day = date.Day.ToString(CultureInfo.InvariantCulture);
        var year = date.Year.ToString(CultureInfo.InvariantCulture);
        var hm = time.ToString("HH:mm", CultureInfo.InvariantCulture);
        return language switch
        {
            Languages.French => $"{FrenchDays[d]} {day} {FrenchMonths[m]} {year} à {time.Hour:00} h {time.Minute:00}",
            Languages.Arabic => $"{ArabicDays[d]} {day} {ArabicMonths[m]} {year} على الساعة {hm}",
            Languages.Tifinagh => $"{TifinaghDays[d]} {day} {TifinaghMonths[m]} {year}, {hm}",
            _ => $"{LatinDays[d]} {day} {LatinMonths[m]} {year}, {hm}",
        };
    }

    /// <summary>The whole notice in one language.</summary>
    public static string Render(string language, string communeName, DateOnly date, TimeOnly time, string place, string? agenda)
    {
        var when = FormatDateTime(language, date, time);
        var hasAgenda = !string.IsNullOrWhiteSpace(agenda);
        return language switch
        {
            Languages.French => $"Commune {Text.FrenchElision.De(communeName)} : séance du conseil le {when}, {place}." + (hasAgenda ? $" Ordre du jour : {agenda}." : ""),
            Languages.Arabic => $"جماعة {communeName}: دورة المجلس يوم {when}، {place}." + (hasAgenda ? $" جدول الأعمال: {agenda}." : ""),
            Languages.Tifinagh => $"ⵜⴰⵎⵙⵙⵓⵔⵜ ⵏ {communeName}: ⴰⵎⵓⵏ ⵏ ⵓⵙⵇⵇⵉⵎ ⴰⵙ {when}, {place}." + (hasAgenda ? $" ⵜⵉⵖⴰⵡⵙⵉⵡⵉⵏ: {agenda}." : ""),
            _ => $"Tamssurt n {communeName}: amun n usqqim ass {when}, {place}." + (hasAgenda ? $" Tighawsiwin: {agenda}." : ""),
        };
    }

    /// <summary>What a reminder puts before the notice.</summary>
    public static string ReminderPrefix(string language) => language switch
    {
        Languages.French => "Rappel : ",
        Languages.Arabic => "تذكير: ",
        Languages.Tifinagh => "ⴰⵙⵎⵎⵉⴽⵉ: ",
        _ => "Asmmiki: ",
    };
}
