using Microsoft.Extensions.Configuration;
using System.Net;
using Gateway.Admin;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Trust;

/// <summary>Outside Development and Testing the gateway refuses to start on unsafe settings, naming each one.</summary>
public sealed class ProductionStartSpecs
{
    public const string PseudonymKey = "q3Vh0Yx1mJr8TzL5cW2nKp9sBfA4dGe7uHiO6vXyZ0w=";
    public const string ProgrammeKey = "Zk4vQ9mT2rW7xB1nL5cH8jF3sD6gA0pY_e-uKiOq";
    public const string UssdKey = "u5sD-k3y-9fJ2mQ7xR1vT8wB4nL6cH0pZ";

    /// <summary>Settings a production deployment may start with: every secret strong and only hashes of admin keys.</summary>
    public static GatewayApplication SafeProduction() => new GatewayApplication { EnvironmentName = "Production" }
        .With("Gateway:PseudonymKey", PseudonymKey)
        .With("Admin:ApiKeys:0:Name", "programme").With("Admin:ApiKeys:0:Hash", AdminKeys.HashText(ProgrammeKey))
        .With("Ussd:AfricasTalking:Key", UssdKey)
        .With("Ussd:Arkesel:AllowedIps", "192.0.2.10")
        .With("Twilio:AccountSid", "AC0123").With("Twilio:AuthToken", "twilio-token-0123456789abcdef");

    [Fact]
    public async Task Production_starts_with_safe_settings()
    {
        await using var app = SafeProduction();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/polls");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Gateway:PseudonymKey", null, "Gateway:PseudonymKey is not set")]
    [InlineData("Gateway:PseudonymKey", "gateway-development-pseudonym-key-change-me", "Gateway:PseudonymKey is a published development value")]
    [InlineData("Gateway:PseudonymKey", "short-but-secret", "Gateway:PseudonymKey is shorter than 32 bytes")]
    [InlineData("Admin:ApiKeys:1:Key", "dev-programme-key-change-me", "Admin:ApiKeys:1:Key is a published development key")]
    [InlineData("Admin:ApiKeys:1:Key", "only-twenty-chars-ab", "Admin:ApiKeys:1:Key is shorter than 32 characters")]
    [InlineData("Admin:ApiKeys:1:Key", "a-long-random-key-in-clear-0123456789", "Admin:ApiKeys:1:Key holds a key in clear")]
    [InlineData("Admin:ApiKeys:1:Hash", "sha256:1234", "Admin:ApiKeys:1:Hash is missing or not sha256")]
    [InlineData("Admin:ApiKeys:0:Role", "superuser", "Admin:ApiKeys:0:Role must be programme, staff or observer")]
    [InlineData("Accounts:Initial:0:PasswordHash", "AQAAAAIAAYagAAAAEJkIar6AAIN/6rqTX62PrgRqwqIxLw8J2VbJbtGfEJxegaKoJ2hAMi0+hycntNht0g==", "Accounts:Initial:0:PasswordHash is the hash of the published development password")]
    [InlineData("Accounts:Initial:0:PasswordHash", "not-a-hash", "Accounts:Initial:0:PasswordHash is not a hash made by `accounts create`")]
    [InlineData("Ussd:Arkesel:AllowedIps", null, "Ussd:Arkesel accepts any caller")]
    [InlineData("Ussd:AfricasTalking:Key", "", "Ussd:AfricasTalking accepts any caller")]
    [InlineData("Ussd:Nalo:Format", "arkesel", "Ussd:Nalo accepts any caller")]
    [InlineData("Twilio:AuthToken", null, "Twilio:AuthToken is not set")]
    [InlineData("WhatsApp:AccessToken", "EAAG-token", "WhatsApp:AppSecret is not set")]
    [InlineData("Kannel:SendSmsUrl", "http://kannel:13013/cgi-bin/sendsms", "Kannel:Secret is not set")]
    [InlineData("Kannel:Secret", "kannel-secret-change-me", "Kannel:Secret is a published development value")]
    [InlineData("Simulator:Open", "yes", "Simulator:Open is 'yes': it must be true or false")]
    [InlineData("ConnectionStrings:Redis", "127.0.0.1:1", "DataProtection:CertificatePath is not set")]
    public async Task Production_refuses_to_start_on_an_unsafe_setting(string setting, string? value, string expected)
    {
        await using var app = SafeProduction().With(setting, value);

        var refusal = StartFailure(app);

        Assert.Contains(expected, refusal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public async Task Production_refuses_to_start_with_the_simulator_open(string open)
    {
        await using var app = SafeProduction().With("Simulator:Open", open);

        var refusal = StartFailure(app);

        Assert.Contains("Simulator:Open is true", refusal);
    }

    [Fact]
    public async Task Production_starts_with_the_simulator_closed_and_the_simulator_asks_for_a_key()
    {
        await using var app = SafeProduction().With("Simulator:Open", "false");
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/simulator/messages",
            new StringContent("""{"from":"+212612345678","text":"STOP"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_refusal_names_every_unsafe_setting_at_once()
    {
        await using var app = new GatewayApplication { EnvironmentName = "Production" };

        var refusal = StartFailure(app);

        Assert.Contains("Gateway:PseudonymKey is not set", refusal);
        Assert.Contains("Ussd:AfricasTalking accepts any caller", refusal);
        Assert.Contains("Ussd:Arkesel accepts any caller", refusal);
        Assert.Contains("openssl rand", refusal);
    }

    [Fact]
    public async Task A_disabled_ussd_route_needs_no_key_and_answers_404()
    {
        await using var app = SafeProduction().With("Ussd:Arkesel:AllowedIps", null).With("Ussd:Arkesel:Enabled", "false");
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/webhooks/ussd/arkesel", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public async Task Development_and_testing_start_with_the_embedded_defaults(string environment)
    {
        await using var app = new GatewayApplication { EnvironmentName = environment };
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
    }

    [Fact]
    public void The_checks_name_nothing_for_safe_settings()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:PseudonymKey"] = PseudonymKey,
            ["Admin:ApiKeys:0:Hash"] = AdminKeys.HashText(ProgrammeKey),
            ["Ussd:AfricasTalking:Key"] = UssdKey,
            ["Ussd:Arkesel:Enabled"] = "false",
        }).Build();

        Assert.Empty(ProductionSafety.Check(configuration));
    }

    /// <summary>The text of the exception that stopped the host from starting (the whole chain, whatever wraps it).</summary>
    private static string StartFailure(GatewayApplication app)
    {
        var error = Record.Exception(() => app.CreateClient());
        Assert.NotNull(error);
        var chain = error.ToString();
        Assert.Contains(nameof(UnsafeSettingsException), chain);
        return chain;
    }
}
