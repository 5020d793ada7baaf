namespace Gateway.Simulator;

/// <summary>
/// Who may use the simulator. It speaks as any phone number (a vote, a STOP, a feedback in a citizen's name) and lists
/// what the gateway sent to any simulated number, so outside Development and Testing it takes an admin key
/// (<c>X-Api-Key</c>, as the admin API does: commune staff trying their flows). <c>Simulator:Open</c> opens it to anyone
/// (a public demo on a machine of its own, in Development); Production refuses to start with it (Hosting/ProductionSafety).
/// </summary>
public static class SimulatorAccess
{
    public const string OpenSetting = "Simulator:Open";

    public static bool IsOpen(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(OpenSetting) ?? (environment.IsDevelopment() || environment.IsEnvironment("Testing"));
}
