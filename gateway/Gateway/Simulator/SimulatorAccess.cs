namespace Gateway.Simulator;

/// <summary>
/// Who may use the simulator. It speaks as any phone number (a vote, a STOP, a feedback in a citizen's name) and lists
/// what the gateway sent to any simulated number, so outside Development and Testing it takes an admin key
/// (<c>X-Api-Key</c>, as the admin API does: commune staff trying their flows) unless <c>Simulator:Open</c> says
/// otherwise, e.g. for a public demo on its own data.
/// </summary>
public static class SimulatorAccess
{
    public const string OpenSetting = "Simulator:Open";

    public static bool IsOpen(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(OpenSetting) ?? (environment.IsDevelopment() || environment.IsEnvironment("Testing"));
}
