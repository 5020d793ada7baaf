using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Accounts;

/// <summary>
/// The staff accounts specs' host: the unit tests' gateway with a programme key (to create accounts through the API), and
/// each console client coming from an address of its own (the test server has no socket: a test-only header stands for
/// the client's address, set before anything reads it).
/// </summary>
public static class StaffAccountHost
{
    public const string ProgrammeKey = "accounts-programme-key-0123456789";
    public const string AddressHeader = "X-Test-Client-Address";

    public static GatewayApplication Create() => new GatewayApplication()
        .With("Admin:ApiKeys:0:Key", ProgrammeKey).With("Admin:ApiKeys:0:Name", "programme key")
        .WithServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());

    /// <summary>Creates an account through the API; returns the temporary password the gateway made.</summary>
    public static async Task<string> CreateAccountAsync(GatewayApplication app, string login, string display, string role, string? commune)
    {
        using var api = app.CreateClient(ProgrammeKey);
        using var response = await api.PostAsJsonAsync("/api/accounts", new { login, displayName = display, role, commune });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("password").GetString()!;
    }

    /// <summary>A response's body as a person reads it (the console's pages encode accented letters as entities).</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>A console client from <paramref name="address"/>.</summary>
    public static ConsoleClient Console(GatewayApplication app, string address = "192.0.2.1")
    {
        var client = ConsoleClient.Anonymous(app);
        client.Http.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    /// <summary>A person signed in: created, first sign-in, password changed; the client holds the session.</summary>
    public static async Task<ConsoleClient> SignedInAsync(GatewayApplication app, string login, string display, string role, string? commune,
        string password = "a-long-own-password-2026", string address = "192.0.2.1")
    {
        var temporary = await CreateAccountAsync(app, login, display, role, commune);
        var client = Console(app, address);
        using var answer = await client.ChangePasswordAsync(login, temporary, password);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return client;
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[AddressHeader] is [{ } address]) context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
