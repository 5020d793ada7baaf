namespace Gateway.BrowserTests.Infrastructure;

/// <summary>
/// The browser tests' profile of the one test host (<see cref="GatewayHost{TSelf}"/>): the real gateway on a real Kestrel
/// port (127.0.0.1, a free port), as a browser reaches it: Development environment, so the embedded default's development
/// key (appsettings.Development.json) works as it does after <c>dotnet run</c>. Added for the tests: a staff key and an observer key of Agadir,
/// quiet hours off (the tests may run at night) but in one commune, where they always hold, fast alert scheduling, and a Twilio auth
/// token so that a test can text as a citizen's phone does (<see cref="TwilioPhone"/>).
/// </summary>
public sealed class ConsoleHost : GatewayHost<ConsoleHost>
{
    public const string DevelopmentKey = "dev-programme-key-change-me";
    public const string AgadirKey = "agadir-console-key-0001";
    public const string AgadirObserverKey = "agadir-console-observer-0001";
    public const string TwilioToken = "twilio-console-token-0123456789";
    public const string PublicBase = "https://gw.example.ma";
    public const string QuietCommune = "khenifra";

    public ConsoleHost()
    {
        EnvironmentName = "Development";
        OnLoopback();
        With("Admin:ApiKeys:1:Key", AgadirKey);
        With("Admin:ApiKeys:1:Name", "agadir staff");
        With("Admin:ApiKeys:1:Commune", "agadir");
        With("Admin:ApiKeys:2:Key", AgadirObserverKey);
        With("Admin:ApiKeys:2:Name", "agadir youth council observer");
        With("Admin:ApiKeys:2:Commune", "agadir");
        With("Admin:ApiKeys:2:Role", "observer");
        With("Alerts:QuietHours:Start", "00:00");
        With("Alerts:QuietHours:End", "00:00");
        // Except in Khénifra, in quiet hours for the next six hours whatever the time the tests run (QuietHoursSpecs).
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Africa/Casablanca"));
        With($"Alerts:CommuneQuietHours:{QuietCommune}:Start", TimeOnly.FromDateTime(local.DateTime).AddHours(-1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        With($"Alerts:CommuneQuietHours:{QuietCommune}:End", TimeOnly.FromDateTime(local.DateTime).AddHours(6).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        With("Alerts:SchedulerInterval", "00:00:00.100");
        With("Logging:LogLevel:Default", "Warning");
        With("Twilio:AuthToken", TwilioToken);
        With("Gateway:PublicBaseUrl", PublicBase);
        // Outbound webhooks to a partner on loopback, stopped after two quick failures (WebhookSpecs).
        With("Webhooks:AllowPrivateNetworks", "true");
        With("Webhooks:MaxAttempts", "2");
        With("Webhooks:FirstRetry", "00:00:00.200");
    }
}
