namespace Gateway.Benchmarks;

/// <summary>
/// What every benchmark's gateway needs to start outside Development: Production (and any other environment name)
/// refuses unsafe settings (Hosting/ProductionSafety.cs). A 32+ byte pseudonym key, the admin key by its hash only, and
/// USSD routes limited to the load generator's address. Keys in configuration form (<c>Section:Key</c>).
/// </summary>
public static class SafeSettings
{
    /// <summary>One pseudonym key per benchmark run: replicas of one run must derive the same contact ids.</summary>
    private static readonly string PseudonymKey = "bench-pseudonym-key-0123456789abcdef-" + Http.Phones.RunId();

    public static IReadOnlyDictionary<string, string> For(string adminKey, string? adminCommune = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Gateway:PseudonymKey"] = PseudonymKey,
            ["Admin:ApiKeys:0:Name"] = "bench",
            ["Admin:ApiKeys:0:Hash"] = Gateway.Admin.AdminKeys.HashText(adminKey),
            ["Ussd:AfricasTalking:AllowedIps"] = "127.0.0.1",
            ["Ussd:Arkesel:AllowedIps"] = "127.0.0.1",
            // The benchmarks' Redis is thrown away after the run: an unencrypted key ring there exposes nothing.
            ["DataProtection:AllowUnprotectedKeys"] = "true",
        };
        if (adminCommune is not null) settings["Admin:ApiKeys:0:Commune"] = adminCommune;
        return settings;
    }

    /// <summary>The same, as environment variables for a gateway process (<c>Section__Key</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> AsEnvironment(string adminKey) =>
        For(adminKey).Select(p => KeyValuePair.Create(p.Key.Replace(":", "__", StringComparison.Ordinal), p.Value));
}
