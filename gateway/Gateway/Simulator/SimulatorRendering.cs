using Gateway.Channels;
using Gateway.Conversations;

namespace Gateway.Simulator;

/// <summary>Shows replies as each channel would: SMS text, a USSD screen, WhatsApp text/buttons/list.</summary>
public static class SimulatorRendering
{
    public static IReadOnlyList<object> Render(ChannelKind channel, StepResult result) => channel switch
    {
        ChannelKind.WhatsApp => result.Replies.Select(WhatsApp).ToList(),
        _ => result.Replies.Select(r => (object)SmsText.Render(r)).ToList(),
    };

    private static object WhatsApp(Reply reply) => reply.Options.Count switch
    {
        0 => new { type = "text", body = reply.Text },
        <= 3 => new { type = "buttons", body = reply.Text, buttons = reply.Options.Select(o => new { id = o.Key, title = o.Label }).ToList() },
        <= 10 => new { type = "list", body = reply.Text, rows = reply.Options.Select(o => new { id = o.Key, title = o.Label }).ToList() },
        _ => new { type = "text", body = SmsText.Render(reply) },
    };
}
