using System.Text.Json;
using Gateway.Channels.Ussd;
using Gateway.Components.Console;
using Gateway.Conversations;
using Gateway.Simulator;
using Gateway.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Components.Pages.Simulator;

/// <summary>The simulator page's fragments: send a message through the real engine (the simulator API's own handler), and the side panel.</summary>
public static class SimulatorFragments
{
    public static async Task<RazorComponentResult<SimulatorTurn>> SendAsync(IFormCollection posted, HttpContext http, ConsoleContext ctx,
        SimulatorScope scope, IConversationEngine engine, UssdSessionHandler ussd, IUssdSessionStore ussdSessions, ContactIds contactIds,
        ConsoleEventLog events, CancellationToken cancellationToken)
    {
        var form = SimulatorForm.From(posted);
        var channel = form.Channel is "ussd" or "whatsapp" ? form.Channel : "sms";
        if (!PhoneNumbers.TryNormalize(form.Phone, out var phone))
            return Turn(ctx, channel, null, [], ctx.T("sim.error.phone", Bidi.Ltr("+212612345678")));
        var to = ctx.Commune!.Numbers.Contains(form.To ?? "") ? form.To : ctx.Commune.Numbers.FirstOrDefault();
        events.Watch(contactIds.For(phone));
        var message = new SimulatorApi.SimulatorMessage(phone, channel, form.Text ?? "", to, form.Payload, null, null);
        var result = await SimulatorApi.SendAsync(message, ctx.Caller is { IsProgramme: false } communeKey ? communeKey : null, http, scope, engine, ussd,
            ussdSessions, contactIds, cancellationToken);
        if (result.Result is not Ok<SimulatorApi.SimulatorReply> { Value: { } reply })
            return Turn(ctx, channel, form.Text, [], ctx.T("sim.error.text"));
        var replies = reply.Replies.Select(r => JsonSerializer.SerializeToElement(r, r.GetType())).ToList();
        return Turn(ctx, channel, channel == "ussd" && string.IsNullOrEmpty(form.Text) ? ctx.T("sim.ussd.dialled", Bidi.Ltr(to)) : form.Text, replies, null);
    }

    private static RazorComponentResult<SimulatorTurn> Turn(ConsoleContext ctx, string channel, string? sent, IReadOnlyList<JsonElement> replies, string? error) =>
        ConsoleEndpoints.Fragment<SimulatorTurn>(new { Channel = channel, Sent = sent, Replies = replies, Error = error, ctx.Base });

    /// <summary>
    /// What reached a simulated phone on its own, and what its conversations published: only for a number this commune's
    /// simulator spoke as (a real citizen's number shows nothing, whoever asks), and only to those who may use the simulator.
    /// </summary>
    public static async Task<RazorComponentResult<SimulatorSide>> SideAsync([FromQuery(Name = "Form.Phone")] string? phone, ConsoleContext ctx,
        SimulatorMailbox mailbox, ConsoleEventLog events, ContactIds contactIds, SimulatorScope scope, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.TryNormalize(phone, out var e164) || !await scope.IsOwnAsync(ctx.Commune!.Id, e164, cancellationToken))
            return ConsoleEndpoints.Fragment<SimulatorSide>(new { });
        var contactId = contactIds.For(e164);
        if (!events.IsWatched(contactId)) return ConsoleEndpoints.Fragment<SimulatorSide>(new { });
        return ConsoleEndpoints.Fragment<SimulatorSide>(new { Messages = mailbox.For(e164), Events = events.For(contactId), ContactId = contactId });
    }
}
