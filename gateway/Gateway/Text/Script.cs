namespace Gateway.Text;

/// <summary>The writing system a message is mostly in; suggests the contact's language.</summary>
public enum Script { Unknown, Latin, Arabic, Tifinagh }

public static class ScriptDetector
{
    // STUB: replaced by the full implementation (Text helper).
    public static Script Detect(string? text) => Script.Unknown;
}
