using System.Text;
using Gateway.Conversations;
using Gateway.Text;

namespace Gateway.Channels;

/// <summary>
/// The plain-text form of a reply, understood on every channel: the text, then one option per line as
/// "1. Label" (the key is what the contact types back). SMS always uses it; WhatsApp falls back to it.
/// </summary>
public static class SmsText
{
    /// <summary>
    /// The reply as an SMS is sent: <see cref="Render"/>, folded to GSM-7 when only typography and French accents outside
    /// GSM-7 (’ « » ê ç ï...) would force UCS-2 (<see cref="GsmFolding"/>). A GSM-7 part holds 160 characters, a UCS-2 one
    /// 70: "Al Hoceïma" alone would make the French commune list three parts instead of two. Arabic and Tifinagh are never
    /// folded, and neither is a text written by a person (<see cref="Reply.AsWritten"/>): it goes as its preview priced it.
    /// </summary>
    public static string RenderSms(Reply reply) => reply.AsWritten ? Render(reply) : FoldToGsm7(Render(reply));

    /// <summary>The text folded to GSM-7 when that makes all of it GSM-7; else as it is (<see cref="GsmFolding.Fold"/>).</summary>
    public static string FoldToGsm7(string text) => GsmFolding.Fold(text);

    public static string Render(Reply reply)
    {
        if (reply.Options.Count == 0) return reply.Text;
        var text = new StringBuilder(reply.Text.Length + reply.Options.Count * 16).Append(reply.Text);
        foreach (var option in reply.Options)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append(option.Key).Append(". ").Append(option.Label);
        }
        return text.ToString();
    }
}
