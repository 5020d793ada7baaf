using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Components.Console;
using Gateway.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.IntegrationTests.Admin;

/// <summary>
/// The console's Data Protection key ring in Redis, encrypted at rest with the certificate of
/// <c>DataProtection:CertificatePath</c>: what Redis holds is useless without the certificate, and replicas that have it
/// share sessions as before.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ConsoleKeyRingProtectionSpecs : IDisposable
{
    private const string Staff = "keyring-agadir-staff-key-0123456789ab";
    private const string Password = "keyring-spec-password";
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"gateway-keyring-{Guid.NewGuid():N}.pfx");

    public ConsoleKeyRingProtectionSpecs()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=gateway-keyring-spec", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pkcs12, Password));
    }

    public void Dispose() => File.Delete(_pfx);

    private static IntegrationGatewayApplication Replica() => new IntegrationGatewayApplication()
        .With("Admin:ApiKeys:0:Key", Staff).With("Admin:ApiKeys:0:Name", "agadir-staff").With("Admin:ApiKeys:0:Commune", "agadir");

    private IntegrationGatewayApplication ReplicaWithCertificate() => Replica()
        .With(KeyRingCertificate.PathSetting, _pfx).With(KeyRingCertificate.PasswordSetting, Password);

    private static async Task<HttpStatusCode> HomeAsync(IntegrationGatewayApplication replica, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/agadir") { Headers = { { "Cookie", cookie } } };
        using var response = await ConsoleClient.Anonymous(replica).Http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_ring_written_with_the_certificate_is_unreadable_without_it_and_sessions_work_on_every_replica_that_has_it()
    {
        await Servers.FlushRedisAsync();
        string cookie, payload;
        await using (var a = ReplicaWithCertificate())
        {
            var clerk = await ConsoleClient.SignInAsync(a, Staff);
            using var home = await clerk.Http.GetAsync("/console/agadir");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            cookie = home.RequestMessage!.Headers.GetValues("Cookie").Single();
            payload = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("spec").Protect("a secret of replica A");
        }

        // Redis holds each key encrypted to the certificate: no master key in clear.
        await using (var redis = Servers.ConnectRedis())
        {
            var ring = (await redis.GetDatabase().ListRangeAsync(ConsoleKeyRing.Key)).Select(k => k.ToString()).ToList();
            Assert.NotEmpty(ring);
            Assert.All(ring, key =>
            {
                Assert.Contains("<encryptedSecret", key);
                Assert.Contains("EncryptedXmlDecryptor", key);
                Assert.Contains("<X509Certificate>", key);
                Assert.DoesNotContain("<masterKey", key);
            });
        }

        await using (var b = ReplicaWithCertificate())
        {
            Assert.Equal(HttpStatusCode.OK, await HomeAsync(b, cookie));
            Assert.Equal("a secret of replica A", b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("spec").Unprotect(payload));
        }

        // A replica without the certificate reads the same ring but cannot decrypt its keys: neither the payload nor the session.
        await using var stranger = Replica();
        Assert.ThrowsAny<CryptographicException>(() => stranger.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("spec").Unprotect(payload));
        Assert.Equal(HttpStatusCode.Redirect, await HomeAsync(stranger, cookie));
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_read_stops_the_start_naming_the_setting()
    {
        await using var app = Replica().With(KeyRingCertificate.PathSetting, _pfx).With(KeyRingCertificate.PasswordSetting, "not-the-password");

        var refusal = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains(KeyRingCertificate.PathSetting, refusal.ToString());
    }
}
