using System.Globalization;
using Gateway.Admin;
using Gateway.Communes;

namespace Gateway.Components.Console;

/// <summary>
/// Who is using the console on this request, in which language, and on which commune: resolved once per request by
/// <see cref="ConsoleGate"/>, read by every page and fragment.
/// </summary>
public sealed class ConsoleContext
{
    public AdminCaller? Caller { get; set; }

    /// <summary>The commune of the page (the URL's first segment after /console/), when the caller may see it.</summary>
    public Commune? Commune { get; set; }

    /// <summary>True when the URL named a commune the caller may not see (or none exists): the page answers 404.</summary>
    public bool CommuneHidden { get; set; }

    /// <summary>True when the session's key is a stored one and the key store cannot be read: the page answers 503.</summary>
    public bool KeysUnavailable { get; set; }

    public string Language { get; set; } = ConsoleTexts.French;

    public bool RightToLeft => Language == ConsoleTexts.Arabic;

    public CultureInfo Culture => ConsoleTexts.CultureOf(Language);

    /// <summary>The label in the page's language.</summary>
    public string T(string key) => ConsoleTexts.Get(Language, key);

    /// <summary>The label with its placeholders filled, numbers formatted for the page's language.</summary>
    public string T(string key, params object[] values) => string.Format(Culture, T(key), values);

    public string Number(long n) => n.ToString("N0", Culture);

    public string Money(decimal amount) => amount.ToString("N2", Culture) + " " + T("money.mad");

    /// <summary>A date and time in Morocco's time, written as the page's language writes it.</summary>
    public string DateTime(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("g", Culture);

    /// <summary>The commune's name in the page's language (French when the commune has none in it).</summary>
    public string CommuneName(Commune commune) => commune.Name.Texts.GetValueOrDefault(Language)
        ?? commune.Name.Texts.GetValueOrDefault(ConsoleTexts.French) ?? commune.Id;

    /// <summary>A text written per language, in the page's language when it exists, else French, else any.</summary>
    public string Pick(IReadOnlyDictionary<string, string> texts) =>
        texts.GetValueOrDefault(Language) ?? texts.GetValueOrDefault(ConsoleTexts.French) ?? texts.Values.FirstOrDefault() ?? "";

    public string Base => Commune is null ? "/console" : "/console/" + Commune.Id;
}
