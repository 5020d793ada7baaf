namespace Gateway.Outbound.Status;

/// <summary>
/// Orders statuses along a message's life. Providers deliver callbacks at least once and out of order
/// (a late "sent" after "delivered" is common), so the store never moves a message backwards.
/// </summary>
public static class MessageStatusRank
{
    public static int Of(string status) => status.ToLowerInvariant() switch
    {
        "scheduled" or "accepted" or "queued" => 1,
        "sending" => 2,
        "sent" => 3,
        "partially_delivered" => 4,
        // Terminal outcomes share a rank: whichever comes first wins over earlier stages,
        // and a later terminal report (e.g. failed after undelivered) still replaces it.
        "delivered" or "undelivered" or "failed" or "canceled" => 5,
        "read" => 6,
        _ => 0,
    };

    /// <summary>True when <paramref name="next"/> should replace <paramref name="current"/>.</summary>
    public static bool Advances(string? current, string next) => current is null || Of(next) >= Of(current);
}
