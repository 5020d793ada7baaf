namespace Gateway.Conversations.Ports;

/// <summary>
/// A limit on the inbound messages one contact may have processed per window, counted by the contact store inside the
/// step's own commit (<see cref="ContactCommit.Quota"/>): the counter lives in the contact's hash slot, so the limit
/// costs no round trip of its own. Only inbound messages count (not flows started by a command, not opt-outs). The
/// engine works without one (no limit); the Abuse feature registers it.
/// </summary>
public interface IInboundQuota
{
    /// <summary>The quota an inbound message of <paramref name="contactId"/> received at <paramref name="now"/> counts against; null: no limit.</summary>
    InboundQuota? For(string contactId, InboundMessage message, DateTimeOffset now);

    /// <summary>
    /// What to answer a message the store refused (<see cref="CommitOutcome.OverQuota"/>): it was the
    /// <paramref name="count"/>-th of its window. <paramref name="contact"/> is the contact as the refused step left it (never
    /// written; its language is the one the step would have answered in), so answering costs no read.
    /// </summary>
    StepResult Refused(string contactId, ContactState? contact, InboundMessage message, long count);
}

/// <summary>
/// One fixed-window counter a commit counts the message against. The store counts the message, then refuses the commit
/// (<see cref="CommitOutcome.OverQuota"/>, nothing else written) when the count is past <paramref name="Limit"/>.
/// </summary>
/// <param name="Name">The kind of limit, e.g. <c>in</c>: a name in keys, lower case, no <c>:</c>.</param>
/// <param name="Window">The index of the window the message falls in (one counter per contact and window).</param>
/// <param name="Limit">Messages processed per window.</param>
/// <param name="Ttl">How long the store keeps a window's counter from its first count (beyond the window's end is fine; shorter is not).</param>
public sealed record InboundQuota(string Name, long Window, long Limit, TimeSpan Ttl);
