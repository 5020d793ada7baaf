using System.Text;
using Gateway.Conversations;

namespace Gateway.Channels;

/// <summary>How a reply reads as a plain text message (SMS, Kannel, WhatsApp without buttons): the text, then one numbered line per option.</summary>
public static class SmsText
{
    public static string Render(Reply reply)
    {
        if (reply.Options.Count == 0) return reply.Text;
        var text = new StringBuilder(reply.Text.Length + reply.Options.Count * 16).Append(reply.Text);
        foreach (var option in reply.Options) text.Append('\n').Append(option.Key).Append(". ").Append(option.Label);
        return text.ToString();
    }
}
