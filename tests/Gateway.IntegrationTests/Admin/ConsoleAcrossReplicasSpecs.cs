using System.Net;
using Gateway.IntegrationTests.Infrastructure;

namespace Gateway.IntegrationTests.Admin;

/// <summary>
/// A console session opened on one replica works on another and after both restart: the sessions and the Data
/// Protection key ring that encrypts their cookie both live in Redis. Signing out on one replica ends it on every one.
/// </summary>
public sealed class ConsoleAcrossReplicasSpecs
{
    private const string Staff = "replicas-agadir-staff-key-0123456789";

    private static IntegrationGatewayApplication Replica() => new IntegrationGatewayApplication()
        .With("Admin:ApiKeys:0:Key", Staff).With("Admin:ApiKeys:0:Name", "agadir-staff").With("Admin:ApiKeys:0:Commune", "agadir");

    private static async Task<HttpStatusCode> HomeAsync(IntegrationGatewayApplication replica, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/agadir") { Headers = { { "Cookie", cookie } } };
        using var response = await ConsoleClient.Anonymous(replica).Http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_session_signed_on_one_replica_works_on_another_and_after_both_restart_until_signed_out()
    {
        string cookie;
        await using (var a = Replica())
        await using (var b = Replica())
        {
            var clerk = await ConsoleClient.SignInAsync(a, Staff);
            using var home = await clerk.Http.GetAsync("/console/agadir");
            cookie = home.RequestMessage!.Headers.GetValues("Cookie").Single();

            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Equal(HttpStatusCode.OK, await HomeAsync(b, cookie));
        }
        // The ring is Redis's, not a folder the replicas happen to share on this machine.
        await using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Servers.Redis))
            Assert.True(await redis.GetDatabase().ListLengthAsync(Gateway.Components.Console.ConsoleKeyRing.Key) > 0, "no key in gw:dataprotection:keys");

        await using var restarted = Replica();
        Assert.Equal(HttpStatusCode.OK, await HomeAsync(restarted, cookie));

        await using var other = Replica();
        using var signOut = new HttpRequestMessage(HttpMethod.Get, "/console/signin") { Headers = { { "Cookie", cookie } } };
        var signedInPage = await (await ConsoleClient.Anonymous(other).Http.SendAsync(signOut)).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(signedInPage, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/console/signout")
        {
            Headers = { { "Cookie", cookie } },
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleClient.Anonymous(other).Http.SendAsync(post)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await HomeAsync(restarted, cookie));
    }
}
