using System.Text;
using Gateway.Conversations;

namespace Gateway.Channels;

/// <summary>
/// The plain-text form of a reply, understood on every channel: the text, then one option per line as
/// "1. Label" (the key is what the contact types back). SMS always uses it; WhatsApp falls back to it.
/// </summary>
public static class SmsText
{
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
