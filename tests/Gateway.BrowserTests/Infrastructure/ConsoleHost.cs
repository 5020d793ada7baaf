using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.BrowserTests.Infrastructure;

/// <summary>
/// The real gateway on a real Kestrel port (127.0.0.1, a free port), as a browser reaches it: Development environment,
/// so the embedded default's development key (appsettings.Development.json) works as it does after <c>dotnet run</c>.
/// Added for the tests: a key scoped to Agadir, quiet hours off (the tests may run at night), fast alert scheduling, and
/// a Twilio auth token so that a test can text as a citizen's phone does (<see cref="TwilioPhone"/>).
/// </summary>
public sealed class ConsoleHost : WebApplicationFactory<Program>
{
    public const string DevelopmentKey = "dev-programme-key-change-me";
    public const string AgadirKey = "agadir-console-key-0001";
    public const string TwilioToken = "twilio-console-token-0123456789";
    public const string PublicBase = "https://gw.example.ma";

    public ConsoleHost() => UseKestrel(0);

    public string BaseUrl
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = "",
            ["ConnectionStrings:RabbitMq"] = "",
            ["Admin:ApiKeys:1:Key"] = AgadirKey,
            ["Admin:ApiKeys:1:Name"] = "agadir staff",
            ["Admin:ApiKeys:1:Commune"] = "agadir",
            ["Alerts:QuietHours:Start"] = "00:00",
            ["Alerts:QuietHours:End"] = "00:00",
            ["Alerts:SchedulerInterval"] = "00:00:00.100",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Twilio:AuthToken"] = TwilioToken,
            ["Gateway:PublicBaseUrl"] = PublicBase,
        })
            builder.UseSetting(key, value);
    }
}
