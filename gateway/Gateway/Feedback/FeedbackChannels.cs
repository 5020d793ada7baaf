namespace Gateway.Feedback;

/// <summary>Where reports come from: the three conversation channels, and Open311 (a web form, a call centre, another tool).</summary>
public static class FeedbackChannels
{
    public const string Open311 = "open311";

    public static readonly IReadOnlyList<string> All = ["sms", "ussd", "whatsapp", Open311];

    public static bool IsKnown(string? channel) => channel is not null && All.Contains(channel);
}
