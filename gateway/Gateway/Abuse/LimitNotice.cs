using Gateway.Conversations;

namespace Gateway.Abuse;

/// <summary>The one notice a contact gets when passing the inbound limit. Drafts, like the flows' Amazigh texts (README).</summary>
public static class LimitNotice
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.OrdinalIgnoreCase)
    {
        [Languages.French] = "Vous avez envoyé beaucoup de messages. Les suivants ne seront pas traités pendant quelques minutes ; réessayez plus tard.",
        ["ar"] = "لقد أرسلت رسائل كثيرة. لن تتم معالجة الرسائل التالية لبضع دقائق؛ حاول مرة أخرى لاحقا.",
        ["zgh"] = "ⵜⴰⵣⵏⴷ ⴰⵟⵟⴰⵙ ⵏ ⵜⵓⵣⵉⵏⵉⵏ. ⵓⵔ ⵏⵙⵙⵉⵔⵉⴷ ⵜⵉⵢⴰⴹ ⵉ ⴽⵔⴰ ⵏ ⵜⵓⵙⴷⵉⴷⵉⵏ; ⴰⵍⵙ ⴷⴰⵜ.",
        ["zgh-Latn"] = "Tazznd aṭṭas n tuzinin. Ur nssirid tiyaḍ i kra n tusdidin; als dat.",
    };

    public static string For(string? language) => Texts.GetValueOrDefault(language ?? Languages.French) ?? Texts[Languages.French];
}
