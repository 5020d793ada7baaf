using Gateway.Channels;
using Gateway.Conversations;

namespace Gateway.Simulator;

/// <summary>Shows replies as each channel would: SMS text, or what WhatsApp would receive (text, buttons, list). USSD screens come from the USSD session logic.</summary>
public static class SimulatorRendering
{
    public static IReadOnlyList<object> Render(ChannelKind channel, StepResult result) => channel switch
    {
        ChannelKind.WhatsApp => result.Replies.Select(WhatsApp).ToList(),
        _ => result.Replies.Select(r => (object)SmsText.RenderSms(r)).ToList(),
    };

    /// <summary>The same decision the WhatsApp senders make (<see cref="WhatsAppRendering"/>), as simulator JSON.</summary>
    private static object WhatsApp(Reply reply) => WhatsAppRendering.Render(reply) switch
    {
        WhatsAppButtons b => new { type = "buttons", body = b.Body, buttons = b.Buttons.Select(c => new { id = c.Id, title = c.Title }).ToList() },
        WhatsAppList l => new { type = "list", body = l.Body, button = l.ButtonLabel, rows = l.Rows.Select(c => new { id = c.Id, title = c.Title, description = c.Description }).ToList() },
        WhatsAppText t => new { type = "text", body = t.Body },
        var other => throw new InvalidOperationException($"Unknown WhatsApp rendering {other.GetType().Name}."),
    };
}
