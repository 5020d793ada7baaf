using System.Globalization;
using System.Text;
using Gateway.Conversations;

namespace Gateway.Channels;

/// <summary>
/// Decides how a reply looks on WhatsApp, within Meta's limits: up to 3 options with short, distinct
/// titles become quick-reply buttons; up to 10 become a list; more, or none, stay numbered text.
/// Pure, so both the Cloud API sender and a Twilio content-template sender can share it.
/// </summary>
public static class WhatsAppRendering
{
    public const int MaxButtons = 3;
    public const int MaxButtonTitle = 20;
    public const int MaxListRows = 10;
    public const int MaxRowTitle = 24;
    public const int MaxRowDescription = 72;
    public const int MaxButtonBody = 1024;
    public const int MaxListBody = 4096;
    public const int MaxTextBody = 4096;

    public static WhatsAppMessage Render(Reply reply)
    {
        var options = reply.Options;
        // Interactive messages need a body; an empty prompt is clearer as plain numbered text.
        if (options.Count == 0 || string.IsNullOrWhiteSpace(reply.Text))
            return new WhatsAppText(Truncate(SmsText.Render(reply), MaxTextBody));

        if (options.Count <= MaxButtons
            && options.All(o => Length(o.Label) is > 0 and <= MaxButtonTitle)
            && options.Select(o => o.Label).Distinct(StringComparer.Ordinal).Count() == options.Count)
        {
            return new WhatsAppButtons(
                Truncate(reply.Text, MaxButtonBody),
                [.. options.Select(o => new WhatsAppChoice(o.Key, o.Label, null))]);
        }

        if (options.Count <= MaxListRows)
        {
            return new WhatsAppList(
                Truncate(reply.Text, MaxListBody),
                ListButtonLabel(reply.Language),
                [.. options.Select(o => new WhatsAppChoice(
                    o.Key,
                    Truncate(o.Label, MaxRowTitle),
                    // A truncated title keeps its full wording in the row description, which has room for it.
                    Length(o.Label) > MaxRowTitle ? Truncate(o.Label, MaxRowDescription) : null))]);
        }

        return new WhatsAppText(Truncate(SmsText.Render(reply), MaxTextBody));
    }

    /// <summary>The label of the button that opens a list, in the reply's language.</summary>
    public static string ListButtonLabel(string? language) => language?.ToLowerInvariant() switch
    {
        "ar" => "اختر",
        "zgh" => "ⴼⵔⵏ",
        { } latn when latn.EndsWith("-latn", StringComparison.Ordinal) => "Fren",
        _ => "Choisir",
    };

    /// <summary>
    /// A reply flattened into one template parameter: Meta rejects parameters with new lines, tabs or
    /// more than four consecutive spaces, so lines are joined with " · ".
    /// </summary>
    public static string TemplateParameter(Reply reply)
    {
        var lines = SmsText.Render(reply)
            .Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var flat = string.Join(" · ", lines);
        while (flat.Contains("     ", StringComparison.Ordinal)) flat = flat.Replace("     ", " ", StringComparison.Ordinal);
        return flat;
    }

    /// <summary>Length in user-perceived characters, so an emoji or a combining mark counts once.</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>Cuts to <paramref name="max"/> characters, ending with an ellipsis, never inside a surrogate pair or after a trailing space.</summary>
    public static string Truncate(string text, int max)
    {
        var info = new StringInfo(text);
        if (info.LengthInTextElements <= max) return text;
        var kept = info.SubstringByTextElements(0, max - 1).TrimEnd();
        return new StringBuilder(kept).Append('…').ToString();
    }
}

/// <summary>How one reply is sent on WhatsApp.</summary>
public abstract record WhatsAppMessage;

public sealed record WhatsAppText(string Body) : WhatsAppMessage;

public sealed record WhatsAppButtons(string Body, IReadOnlyList<WhatsAppChoice> Buttons) : WhatsAppMessage;

public sealed record WhatsAppList(string Body, string ButtonLabel, IReadOnlyList<WhatsAppChoice> Rows) : WhatsAppMessage;

/// <param name="Id">The option key, echoed back as button_reply.id / list_reply.id.</param>
public sealed record WhatsAppChoice(string Id, string Title, string? Description);
