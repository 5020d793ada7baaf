using System.Text;
using Gateway.Admin;
using Gateway.Channels.Ussd;
using Gateway.Simulator;

namespace Gateway.Hosting;

/// <summary>
/// Outside Development and Testing the gateway refuses to start on settings that would expose citizens: every unsafe
/// setting is named at once, so one failed start tells the operator everything to fix. Development keeps its embedded
/// defaults, so <c>dotnet run</c> and the README's curl work with no configuration.
/// </summary>
public static class ProductionSafety
{
    /// <summary>HMAC-SHA256 keys shorter than the hash (32 bytes) weaken it (RFC 2104 §3); phone numbers are guessable.</summary>
    public const int MinPseudonymKeyBytes = 32;

    public const int MinAdminKeyLength = SecretRules.MinAdminKeyLength;

    public static WebApplicationBuilder RequireSafeSettings(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")) return builder;
        var problems = Check(builder.Configuration);
        if (problems.Count > 0) throw new UnsafeSettingsException(builder.Environment.EnvironmentName, problems);
        return builder;
    }

    /// <summary>Each unsafe setting, as "Setting: why, and how to fix it".</summary>
    public static IReadOnlyList<string> Check(IConfiguration configuration)
    {
        var problems = new List<string>();

        var pseudonym = configuration["Gateway:PseudonymKey"];
        if (string.IsNullOrWhiteSpace(pseudonym))
            problems.Add("Gateway:PseudonymKey is not set: without it contact ids use the published development key and can be reversed by hashing phone numbers. " + Generate(48));
        else if (IsPublished(pseudonym))
            problems.Add("Gateway:PseudonymKey is a published development value. " + Generate(48));
        else if (Encoding.UTF8.GetByteCount(pseudonym) < MinPseudonymKeyBytes)
            problems.Add($"Gateway:PseudonymKey is shorter than {MinPseudonymKeyBytes} bytes. " + Generate(48));

        problems.AddRange(AdminKeys.UnsafeSettings(configuration));
        problems.AddRange(Admin.Accounts.InitialAccounts.UnsafeSettings(configuration));
        problems.AddRange(Components.Console.KeyRingCertificate.UnsafeSettings(configuration));

        foreach (var (name, route) in new UssdRoutes(configuration).All)
            if (route.Enabled && UssdRoutes.IsOpen(route))
                problems.Add($"Ussd:{name} accepts any caller: set Ussd:{name}:Key (sent as ?key= in the callback URL) or Ussd:{name}:AllowedIps, or Ussd:{name}:Enabled=false.");

        if (IsSet(configuration, "Twilio:AccountSid") && !IsSet(configuration, "Twilio:AuthToken"))
            problems.Add("Twilio:AuthToken is not set while Twilio:AccountSid is: inbound webhooks cannot be verified.");
        if ((IsSet(configuration, "WhatsApp:AccessToken") || IsSet(configuration, "WhatsApp:PhoneNumberId")) && !IsSet(configuration, "WhatsApp:AppSecret"))
            problems.Add("WhatsApp:AppSecret is not set while the WhatsApp Cloud channel is configured: webhooks cannot be verified.");
        if (IsSet(configuration, "Kannel:SendSmsUrl") && !IsSet(configuration, "Kannel:Secret"))
            problems.Add("Kannel:Secret is not set while Kannel:SendSmsUrl is: smsbox's calls cannot be told from anyone's. " + Generate(32));
        foreach (var (setting, value) in new[] { ("Kannel:Secret", configuration["Kannel:Secret"]), ("WhatsApp:VerifyToken", configuration["WhatsApp:VerifyToken"]) })
            if (!string.IsNullOrEmpty(value) && IsPublished(value)) problems.Add($"{setting} is a published development value. " + Generate(32));

        // The simulator speaks as any number (a STOP, a vote, a report in a citizen's name) and reads what was sent to any
        // simulated number: outside Development and Testing it stays behind an admin key.
        if (configuration[SimulatorAccess.OpenSetting] is { Length: > 0 } open)
        {
            if (!bool.TryParse(open, out var isOpen))
                problems.Add($"{SimulatorAccess.OpenSetting} is '{open}': it must be true or false (leave it unset: false outside Development and Testing).");
            else if (isOpen)
                problems.Add($"{SimulatorAccess.OpenSetting} is true: anyone could send STOP, votes or reports as any citizen through the simulator and read its mailbox. Leave it unset (false) so the simulator requires an admin key.");
        }

        return problems;
    }

    internal static bool IsPublished(string value) => SecretRules.IsPublished(value);

    internal static string Generate(int bytes) => SecretRules.Generate(bytes);

    private static bool IsSet(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);
}

/// <summary>Start-up refused: the message lists every unsafe setting.</summary>
public sealed class UnsafeSettingsException(string environment, IReadOnlyList<string> problems) : Exception(
    $"Refusing to start in {environment} with unsafe settings ({problems.Count}):{Environment.NewLine}- "
    + string.Join(Environment.NewLine + "- ", problems)
    + $"{Environment.NewLine}Development and Testing environments accept these defaults; production does not.")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
