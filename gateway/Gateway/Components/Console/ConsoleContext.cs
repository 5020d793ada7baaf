using System.Globalization;
using Gateway.Admin;
using Gateway.Admin.Access;
using Gateway.Communes;

namespace Gateway.Components.Console;

/// <summary>
/// Who is using the console on this request, in which language, and on which commune: bound to the request by
/// <see cref="ConsoleGate"/>, read by every page and fragment. The caller is whoever authentication established; the
/// commune is the route's, which authorization has already checked the caller may see.
/// </summary>
public sealed class ConsoleContext
{
    private HttpContext? _http;
    private CommuneRegistry? _communes;

    public void Bind(HttpContext http, CommuneRegistry communes)
    {
        _http = http;
        _communes = communes;
        Language = ConsoleTexts.Normalize(http.Request.Cookies[ConsoleSession.LanguageCookie]);
    }

    public AdminCaller? Caller => CallerClaims.Caller(_http?.User);

    /// <summary>False for an observer (or nobody): the page shows what it would change, not the form to change it.</summary>
    public bool CanAct => Caller?.CanAct == true;

    /// <summary>The commune of the page (the route's <c>{commune}</c>), when the caller may see it.</summary>
    public Commune? Commune =>
        _http?.GetRouteValue(RouteCommune.RouteValue) is string id && _communes?.Find(id) is { } commune && Caller?.CanSee(commune.Id) == true
            ? commune
            : null;

    /// <summary>True while the session's key is a stored one and the key store cannot be read: the 503 page offers sign-out.</summary>
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
