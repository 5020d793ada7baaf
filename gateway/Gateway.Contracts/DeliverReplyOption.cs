namespace Gateway.Contracts;

/// <summary>One choice offered with a <see cref="DeliverReply"/> (v1).</summary>
/// <param name="Key">What the contact answers with: the number typed, or the WhatsApp button or row id.</param>
/// <param name="Label">What the contact is shown.</param>
public sealed record DeliverReplyOption(string Key, string Label);
