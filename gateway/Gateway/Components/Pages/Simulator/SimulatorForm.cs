namespace Gateway.Components.Pages.Simulator;

/// <summary>One message typed (or a WhatsApp button tapped) on the simulator page.</summary>
public sealed class SimulatorForm
{
    public string? Channel { get; set; }
    public string? To { get; set; }
    public string? Phone { get; set; }
    public string? Text { get; set; }

    /// <summary>The id of a tapped WhatsApp button or list row.</summary>
    public string? Payload { get; set; }
}
