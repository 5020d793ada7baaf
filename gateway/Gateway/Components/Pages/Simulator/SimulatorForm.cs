namespace Gateway.Components.Pages.Simulator;

/// <summary>One message typed (or a WhatsApp button tapped) on the simulator page.</summary>
public sealed class SimulatorForm
{
    /// <summary>Read from a posted form whose fields are named <c>Form.Property</c> (as the page's inputs are).</summary>
    public static SimulatorForm From(IFormCollection form) => new()
    {
        Channel = form["Form.Channel"].FirstOrDefault(),
        To = form["Form.To"].FirstOrDefault(),
        Phone = form["Form.Phone"].FirstOrDefault(),
        Text = form["Form.Text"].FirstOrDefault(),
        Payload = form["Form.Payload"].FirstOrDefault(),
    };

    public string? Channel { get; set; }
    public string? To { get; set; }
    public string? Phone { get; set; }
    public string? Text { get; set; }

    /// <summary>The id of a tapped WhatsApp button or list row.</summary>
    public string? Payload { get; set; }
}
