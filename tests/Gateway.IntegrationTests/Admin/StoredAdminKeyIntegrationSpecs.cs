using System.Diagnostics;
using System.Net;
using Gateway.Admin;
using Gateway.Admin.Stored;
using Gateway.IntegrationTests.Infrastructure;

namespace Gateway.IntegrationTests.Admin;

/// <summary>
/// Issue 17 item 3 on real Redis: the <c>keys</c> command, run as a deployment runs it (the gateway's executable), creates
/// a key that works on a running gateway, and revoking it makes a second gateway refuse it within the key cache.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class StoredAdminKeyIntegrationSpecs
{
    private static IntegrationGatewayApplication Gateway() => new IntegrationGatewayApplication()
        .With("Admin:ApiKeys:0:Key", "integration-programme-key-01").With("Admin:ApiKeys:0:Name", "programme");

    [Fact]
    public async Task A_key_created_by_the_command_works_on_the_http_api_and_once_revoked_a_second_gateway_refuses_it()
    {
        await Servers.FlushRedisAsync();
        await using var first = Gateway();
        await using var second = Gateway();

        var (code, output, errors) = await KeysAsync("create", "--name", "casa integration", "--commune", "casablanca");
        Assert.True(code == 0, errors);
        var key = output.Split('\n').Select(l => l.Trim()).Single(l => l.Length == 43 && !l.Contains(' '));

        // In Redis: the hash, never the key.
        await using (var redis = Servers.ConnectRedis())
        {
            var stored = await redis.GetDatabase().HashGetAllAsync(RedisAdminKeyStore.Key);
            Assert.Contains(stored, f => f.Value.ToString().Contains(AdminKeys.HashText(key), StringComparison.Ordinal));
            Assert.DoesNotContain(stored, f => f.Value.ToString().Contains(key, StringComparison.Ordinal) || f.Name.ToString().Contains(key, StringComparison.Ordinal));
            var audit = await redis.GetDatabase().StreamRangeAsync(global::Gateway.Admin.Audit.RedisAuditLog.Key);
            Assert.Contains(audit, e => e["e"].ToString().Contains("key.created", StringComparison.Ordinal) && e["e"].ToString().Contains("casa integration", StringComparison.Ordinal));
        }

        await Wait.ForAsync(() => StatusAsync(first, key), s => s == HttpStatusCode.OK, "the new key to work on the first gateway");
        await Wait.ForAsync(() => StatusAsync(second, key), s => s == HttpStatusCode.OK, "the new key to work on the second gateway");
        Assert.Contains("stored\tcasa integration\tstaff\tcasablanca", (await KeysAsync("list")).Output);

        var revoke = await KeysAsync("revoke", "casa integration");
        Assert.True(revoke.Code == 0, revoke.Errors);

        await Wait.ForAsync(() => StatusAsync(second, key), s => s == HttpStatusCode.Unauthorized, "the second gateway to refuse the revoked key");
        await Wait.ForAsync(() => StatusAsync(first, key), s => s == HttpStatusCode.Unauthorized, "the first gateway to refuse the revoked key");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, "integration-programme-key-01"));
        await using (var redis = Servers.ConnectRedis())
        {
            var audit = await redis.GetDatabase().StreamRangeAsync(global::Gateway.Admin.Audit.RedisAuditLog.Key);
            Assert.Contains(audit, e => e["e"].ToString().Contains("key.revoked", StringComparison.Ordinal));
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(IntegrationGatewayApplication app, string key)
    {
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add(AdminExtensions.HeaderName, key);
        using var response = await http.GetAsync("/api/polls");
        return response.StatusCode;
    }

    /// <summary>Runs the gateway's executable with the keys command (Production, Redis of the test servers) and waits for it.</summary>
    private static async Task<(int Code, string Output, string Errors)> KeysAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        start.ArgumentList.Add("keys");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Redis"] = Servers.Redis;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output).Replace("\r", ""), await errors);
    }
}
