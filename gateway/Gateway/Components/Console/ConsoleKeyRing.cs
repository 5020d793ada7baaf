using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Gateway.Storage;
using StackExchange.Redis;

namespace Gateway.Components.Console;

/// <summary>
/// The Data Protection key ring that encrypts the console's cookies (session, antiforgery). With Redis, every replica reads
/// and writes the same ring (<c>gw:dataprotection:keys</c>, one key: cluster-safe), so a session opened on one replica
/// works on the others and after restarts, as the sessions themselves live in Redis. Without Redis (the embedded default,
/// one process) the framework's default: the user's profile folder. The application name is fixed so that replicas
/// installed in different folders share the ring. With a certificate configured (<see cref="KeyRingCertificate"/>) every key
/// is encrypted at rest with it, so a copy of Redis (a backup, a stolen dump) does not hold the keys to the cookies.
/// </summary>
public static class ConsoleKeyRing
{
    public const string ApplicationName = "Gateway";
    public static readonly RedisKey Key = "gw:dataprotection:keys";

    public static void Add(WebApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        // Also registered for decryption: a replica with the certificate reads the keys every other replica wrote.
        if (KeyRingCertificate.Load(builder.Configuration) is { } certificate) dataProtection.ProtectKeysWithCertificate(certificate);
        if (!builder.Storage().UsesRedis) return;
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, services) =>
            options.XmlRepository = new RedisXmlRepository(() => services.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), Key));
    }
}
