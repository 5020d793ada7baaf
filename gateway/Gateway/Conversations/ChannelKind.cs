namespace Gateway.Conversations;

/// <summary>The three ways a citizen reaches the gateway. Flows are the same on all three; only rendering differs.</summary>
public enum ChannelKind { Sms, Ussd, WhatsApp }

public static class ChannelKindNames
{
    public static string ToWire(this ChannelKind kind) => kind switch
    {
        ChannelKind.Sms => "sms",
        ChannelKind.Ussd => "ussd",
        ChannelKind.WhatsApp => "whatsapp",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? value, out ChannelKind kind)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "sms": kind = ChannelKind.Sms; return true;
            case "ussd": kind = ChannelKind.Ussd; return true;
            case "whatsapp": kind = ChannelKind.WhatsApp; return true;
            default: kind = default; return false;
        }
    }
}
