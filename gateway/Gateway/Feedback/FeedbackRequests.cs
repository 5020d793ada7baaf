using Gateway.Conversations;

namespace Gateway.Feedback;

/// <summary><c>POST /api/feedback/{reference}/status</c>: <c>{"status": "resolved", "message": {"fr": "…", "ar": "…"}}</c>.</summary>
/// <param name="Message">Optional, one text per language; the citizen gets theirs through the usual fallback.</param>
public sealed record StatusChangeRequest(string? Status, Dictionary<string, string>? Message)
{
    public const int MaxMessageLength = 640;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!FeedbackStatuses.IsKnown(Status))
            errors["status"] = [$"'status' must be one of: {string.Join(", ", FeedbackStatuses.All)}."];
        if (Message is { } message)
        {
            if (message.Count == 0) errors["message"] = ["'message' needs at least one language, or leave it out."];
            foreach (var (language, text) in message)
            {
                if (!Languages.IsKnown(language)) errors[$"message.{language}"] = [$"Unknown language '{language}'; expected one of: {string.Join(", ", Languages.Core)}."];
                else if (string.IsNullOrWhiteSpace(text)) errors[$"message.{language}"] = ["The text is empty."];
                else if (text.Length > MaxMessageLength) errors[$"message.{language}"] = [$"At most {MaxMessageLength} characters (about 10 SMS)."];
            }
        }
        return errors;
    }
}

/// <summary><c>POST /api/feedback/{reference}/notes</c>: an internal note, never sent to the citizen.</summary>
public sealed record NoteRequest(string? Text)
{
    public const int MaxLength = 4000;

    public Dictionary<string, string[]> Validate() =>
        string.IsNullOrWhiteSpace(Text) ? new() { ["text"] = ["'text' is required."] }
        : Text.Length > MaxLength ? new() { ["text"] = [$"At most {MaxLength} characters."] }
        : [];
}

/// <summary><c>PUT /api/feedback/{reference}/assignee</c>: <c>{"assignee": "service voirie"}</c>; null or empty unassigns.</summary>
public sealed record AssigneeRequest(string? Assignee)
{
    public const int MaxLength = 200;

    public Dictionary<string, string[]> Validate() =>
        Assignee is { Length: > MaxLength } ? new() { ["assignee"] = [$"At most {MaxLength} characters."] } : [];
}
