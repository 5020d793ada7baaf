namespace Gateway.Alerts.Templates;

/// <summary>
/// A commune's ready-made alert: a name and a text per language and the topic whose subscribers it goes to. The composer
/// starts from one and the clerk completes it (the bracketed parts: a date, a neighbourhood). No personal data.
/// </summary>
/// <param name="Id">Built-in ones keep their id (<c>meeting</c>, <c>water-cut</c>, <c>road-works</c>) when a commune rewords them; others get <c>t-</c> and random letters.</param>
/// <param name="Names">What the clerk sees in the list, per console language (fr, ar).</param>
/// <param name="Texts">The message per language (fr, ar, zgh, zgh-Latn).</param>
public sealed record AlertTemplate(
    string Id,
    string Commune,
    IReadOnlyDictionary<string, string> Names,
    string Topic,
    IReadOnlyDictionary<string, string> Texts,
    DateTimeOffset? UpdatedAt = null,
    string? UpdatedBy = null);
