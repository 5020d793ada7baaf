using System.Diagnostics;
using System.Net;
using Gateway.Admin;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Trust;

/// <summary>The <c>keys</c> command of the gateway's own executable, run as a deployment would run it.</summary>
public sealed class KeysCommandSpecs
{
    [Fact]
    public async Task Keys_create_prints_the_key_once_and_the_settings_that_hold_only_its_hash()
    {
        var (code, output, errors) = await RunAsync("keys", "create", "--name", "agadir desk", "--commune", "agadir", "--role", "observer");

        Assert.True(code == 0, errors);
        var key = output.Split('\n').Select(l => l.Trim()).Single(l => l.Length == 43 && !l.Contains('='));
        var settings = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Admin__ApiKeys__0__", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0]["Admin__ApiKeys__0__".Length..], p => p[1]);
        Assert.Equal(AdminKeys.HashText(key), settings["Hash"]);
        Assert.Equal("observer", settings["Role"]);
        Assert.Equal("agadir", settings["Commune"]);
        Assert.Single(output.Split('\n'), l => l.Contains(key));

        // The printed settings make a working key, and the key's role holds.
        await using var app = new GatewayApplication().With("Admin:ApiKeys:0:Name", settings["Name"]).With("Admin:ApiKeys:0:Hash", settings["Hash"])
            .With("Admin:ApiKeys:0:Role", settings["Role"]).With("Admin:ApiKeys:0:Commune", settings["Commune"]);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(AdminExtensions.HeaderName, key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/polls")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/polls/x/close", null)).StatusCode);
    }

    [Fact]
    public async Task Keys_list_names_the_keys_without_them_and_revoke_names_the_settings_to_delete()
    {
        var environment = new Dictionary<string, string>
        {
            ["Admin__ApiKeys__0__Name"] = "programme", ["Admin__ApiKeys__0__Hash"] = AdminKeys.HashText("k-0123456789-0123456789-0123456789"),
            ["Admin__ApiKeys__1__Name"] = "dev", ["Admin__ApiKeys__1__Key"] = "clear-dev-key-0123456789",
        };

        var (listed, list, _) = await RunAsync(environment, "keys", "list");
        var (revoked, revoke, _) = await RunAsync(environment, "keys", "revoke", "--name", "dev");
        var (unknown, _, error) = await RunAsync(environment, "keys", "revoke", "--name", "nobody");

        Assert.Equal(0, listed);
        Assert.Contains("programme\tprogramme\t(programme)\tsha256:", list);
        Assert.Contains("KEY IN CLEAR", list);
        Assert.DoesNotContain("clear-dev-key-0123456789", list);
        Assert.Equal(0, revoked);
        Assert.Contains("Admin__ApiKeys__1__*", revoke);
        Assert.Equal(2, unknown);
        Assert.Contains("nobody", error);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("create --name x --role root")]
    [InlineData("create --name x --commune nowhere")]
    [InlineData("create --name x --commune agadir --role programme")]
    [InlineData("rotate")]
    public async Task Bad_usage_exits_2_with_the_usage(string arguments)
    {
        var (code, _, errors) = await RunAsync(["keys", .. arguments.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Contains("usage: keys create", errors);
    }

    private static Task<(int Code, string Output, string Errors)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs the gateway's executable (in Production, with no settings but these) and waits for it to exit.</summary>
    private static async Task<(int Code, string Output, string Errors)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        // The content root, where appsettings.json (and its communes) is read from.
        start.WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output).Replace("\r", ""), await errors);
    }
}
