using Gateway.Contracts;

namespace Gateway.Conversations;

/// <summary>
/// Replies that leave after the webhook answered (<see cref="ReplyDelivery.Outbox"/>) become <see cref="DeliverReply"/>
/// commands among the step's outbox events: committed with the step or not at all, so a step that happened always has
/// its replies on the way, whatever becomes of this process after the commit.
/// </summary>
public static class ReplyOutbox
{
    public static void Add(StepContext step, StepResult result)
    {
        var message = step.Message;
        if (message.ReplyDelivery != ReplyDelivery.Outbox) return;
        // The provider's id is stable across its retries; without one any id will do: it is fixed once committed.
        var inboundId = message.ProviderMessageId ?? Guid.NewGuid().ToString("N");
        for (var i = 0; i < result.Replies.Count; i++)
        {
            var reply = result.Replies[i];
            var replyId = $"{inboundId}:{i}";
            step.Publish(
                new DeliverReply(
                    replyId, result.ContactId, message.From, message.ReplyFrom, message.Channel.ToWire(), message.Provider,
                    reply.Text, reply.Language, [.. reply.Options.Select(o => new DeliverReplyOption(o.Key, o.Label))], step.Now),
                result.ContactId + ":" + replyId);
        }
    }
}
