using Gateway.Conversations;
using Gateway.Conversations.Flows;

namespace Gateway.Polls;

/// <summary>The open polls of the contact's commune, offered in menus with <c>dynamic_items</c> (the USSD root menu).</summary>
public sealed class PollMenuItems(IPollDirectory polls) : IMenuItemSource
{
    public IEnumerable<MenuItem> ItemsFor(ContactState contact) =>
        contact.Commune is { } commune
            ? polls.OpenPollsFor(commune).Select(p => new MenuItem(p.QuestionText, PollFlows.FlowId(p.Id)))
            : [];
}
