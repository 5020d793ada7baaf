namespace Gateway.Alerts.Sending;

/// <summary>
/// How far an alert's dispatch may run ahead of its consumers: at most <c>size</c> batches published and not yet done.
/// The batches done are read from the store only when the window looks full. A window that stays full without any batch
/// completing for <c>stall</c> (a batch in the error queue never completes) lets one more batch through, so one bad batch
/// slows the rest of the audience but never stops it.
/// </summary>
internal sealed class DispatchWindow(long done, int size, TimeSpan stall)
{
    private long _done = done;
    private long _allowance;
    private long _movedAt = Environment.TickCount64;

    /// <summary>True when <paramref name="published"/> batches are a full window ahead of the last known batches done.</summary>
    public bool Full(long published) => published - _done - _allowance >= size;

    /// <summary>Takes the latest progress; true when the window has room again (batches completed, or it stalled too long).</summary>
    public bool Moved(AlertProgress? progress, long published, long now)
    {
        if (progress is null) return true; // gone: the status check of the next round ends the dispatch
        if (progress.BatchesDone > _done)
        {
            _done = progress.BatchesDone;
            _movedAt = now;
        }
        else if (now - _movedAt >= (long)stall.TotalMilliseconds)
        {
            _allowance++;
            _movedAt = now;
        }
        return !Full(published);
    }
}
