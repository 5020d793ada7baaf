using Gateway.Text;

namespace Gateway.Conversations.Flows;

/// <summary>
/// Items a menu offers at run time besides its declared options (a menu node with <c>dynamic_items: true</c>):
/// e.g. the open polls of the contact's commune in the USSD root menu. Choosing one starts its flow.
/// </summary>
public interface IMenuItemSource
{
    IEnumerable<MenuItem> ItemsFor(ContactState contact);
}

/// <param name="FlowId">The flow the item starts.</param>
public sealed record MenuItem(LocalizedText Label, string FlowId);
