namespace Gateway.Components.Pages.Inbox;

/// <summary>A status change as posted: the new status and, optionally, a message to the citizen in the report's language.</summary>
public sealed class StatusForm
{
    /// <summary>Read from a posted form whose fields are named <c>StatusForm.Property</c> (as the page's inputs are).</summary>
    public static StatusForm From(IFormCollection form) => new()
    {
        Status = form["StatusForm.Status"].FirstOrDefault(),
        Message = form["StatusForm.Message"].FirstOrDefault(),
    };

    public string? Status { get; set; }
    public string? Message { get; set; }
}
