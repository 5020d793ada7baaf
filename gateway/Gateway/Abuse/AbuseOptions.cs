using System.ComponentModel.DataAnnotations;
using Gateway.Settings;

namespace Gateway.Abuse;

/// <summary>Abuse limits (section <c>Abuse</c>), shared by every replica through the state store.</summary>
public sealed class AbuseOptions
{
    public const string Section = "Abuse";

    /// <summary>
    /// Inbound messages one number may have processed per <see cref="InboundWindow"/>. A real conversation is a few
    /// messages a minute (a 9-hop USSD session included); past the limit, messages are acknowledged to the provider but
    /// not processed, and the contact gets one notice per window. 0 turns the limit off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int InboundPerPhone { get; set; } = 40;

    [Duration("00:00:01", "7.00:00:00")]
    public TimeSpan InboundWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Admin API requests one key may make per <see cref="AdminWindow"/> (429 with Retry-After past it); 0 = off.</summary>
    [Range(0, 1_000_000)]
    public int AdminPerKey { get; set; } = 600;

    [Duration("00:00:01", "1.00:00:00")]
    public TimeSpan AdminWindow { get; set; } = TimeSpan.FromMinutes(1);
}
