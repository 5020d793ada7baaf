using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Testing;

/// <summary>
/// The one test host every test project builds on: the real gateway in process, on its embedded in-memory default
/// (no Redis, no RabbitMQ) unless a profile or a test says otherwise, with configuration overrides and service
/// replacements given before it starts. <see cref="GatewayApplication"/> (fake clock, bus harness) is the unit tests'
/// profile; the integration, Kannel and browser tests add their own settings on top of this class.
/// </summary>
/// <typeparam name="TSelf">The profile itself, so that <see cref="With"/> chains keep its type.</typeparam>
public abstract class GatewayHost<TSelf> : WebApplicationFactory<Program> where TSelf : GatewayHost<TSelf>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ConnectionStrings:Redis"] = "",
        ["ConnectionStrings:RabbitMq"] = "",
    };
    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>The host's environment: Testing unless a test is about what another environment changes.</summary>
    public string EnvironmentName { get; init; } = "Testing";

    private TSelf Self => (TSelf)this;

    /// <summary>Sets a configuration value (keys with ':'), before the host starts.</summary>
    public TSelf With(string key, string? value)
    {
        _settings[key] = value;
        return Self;
    }

    /// <summary>Replaces or adds services, before the host starts.</summary>
    public TSelf WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return Self;
    }

    /// <summary>Replaces every registration of <typeparamref name="TService"/> with this one instance.</summary>
    public TSelf Replace<TService>(TService instance) where TService : class =>
        WithServices(services =>
        {
            services.RemoveAll<TService>();
            services.AddSingleton(instance);
        });

    /// <summary>A client that sends this admin key (<c>X-Api-Key</c>) with every request.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Serves on a real loopback socket (port 0: a free one) instead of the in-memory test server, for clients outside the process.</summary>
    public TSelf OnLoopback(int port = 0)
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        return Self;
    }

    /// <summary>The address of the loopback socket (see <see cref="OnLoopback"/>); starts the host.</summary>
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
        builder.UseEnvironment(EnvironmentName);
        // UseSetting makes the values visible to Program's own code before Build() (AddX methods read
        // ConnectionStrings:* at registration); ConfigureAppConfiguration alone applies only after it.
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            ConfigureServices(services);
            foreach (var configure in _services) configure(services);
        });
    }

    /// <summary>What a profile replaces in every host it makes, before the test's own <see cref="WithServices"/>.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}
