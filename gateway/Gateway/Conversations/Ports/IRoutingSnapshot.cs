namespace Gateway.Conversations.Ports;

/// <summary>
/// A snapshot the synchronous routing reads (flow sources, menu items, flow actions) that another replica may change,
/// such as the poll directory. The engine brings each one up to date before deciding an inbound step, so a change any
/// replica has finished writing is seen by every replica's next message: no window in which a vote meets a stale copy.
/// Must be cheap when nothing changed (one small read), as it runs on every step.
/// </summary>
public interface IRoutingSnapshot
{
    ValueTask EnsureCurrentAsync(CancellationToken cancellationToken);
}
