using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Storage;

namespace Gateway.Components.Console;

/// <summary>
/// The certificate that encrypts the Data Protection key ring at rest (<c>ProtectKeysWithCertificate</c>): whoever reads
/// <c>gw:dataprotection:keys</c> in Redis (a backup, a replica, an operator) then holds encrypted keys, useless without
/// the certificate's private key, which only the gateway's configuration holds. Settings: <c>DataProtection:CertificatePath</c>
/// (a PKCS#12 file) or <c>DataProtection:Certificate</c> (the same file in base64, for a secret store), with
/// <c>DataProtection:CertificatePassword</c>. Every replica needs the same certificate. A bad setting stops the start with
/// its name; outside Development and Testing a ring in Redis without a certificate is refused unless
/// <c>DataProtection:AllowUnprotectedKeys</c> is true (<see cref="UnsafeSettings"/>).
/// </summary>
public static class KeyRingCertificate
{
    public const string PathSetting = "DataProtection:CertificatePath";
    public const string Base64Setting = "DataProtection:Certificate";
    public const string PasswordSetting = "DataProtection:CertificatePassword";
    public const string WaiverSetting = "DataProtection:AllowUnprotectedKeys";

    /// <summary>The configured certificate, with its private key; null when none is configured.</summary>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[PathSetting];
        var base64 = configuration[Base64Setting];
        if (string.IsNullOrWhiteSpace(path) && string.IsNullOrWhiteSpace(base64)) return null;
        if (!string.IsNullOrWhiteSpace(path) && !string.IsNullOrWhiteSpace(base64))
            throw new InvalidOperationException($"Both {PathSetting} and {Base64Setting} are set: give the key ring's certificate one way only.");
        var password = configuration[PasswordSetting];
        var setting = string.IsNullOrWhiteSpace(path) ? Base64Setting : PathSetting;
        X509Certificate2 certificate;
        try
        {
            // EphemeralKeySet: the private key stays in memory, never written to the user's key store on disk.
            certificate = string.IsNullOrWhiteSpace(path)
                ? X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64!), password, X509KeyStorageFlags.EphemeralKeySet)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or FormatException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"{setting}: the key ring's certificate cannot be read ({e.Message}). Give a PKCS#12 (.pfx) file with its private key and {PasswordSetting}.", e);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"{setting}: the certificate {certificate.Thumbprint} has no private key: the gateway could encrypt its keys but never read them back.");
        return certificate;
    }

    /// <summary>Production refuses a key ring kept in Redis unencrypted, unless the operator says so explicitly.</summary>
    public static IEnumerable<string> UnsafeSettings(IConfiguration configuration)
    {
        if (!StorageChoice.Of(configuration).UsesRedis) yield break;
        if (!string.IsNullOrWhiteSpace(configuration[PathSetting]) || !string.IsNullOrWhiteSpace(configuration[Base64Setting])) yield break;
        var waiver = configuration[WaiverSetting];
        if (string.IsNullOrWhiteSpace(waiver))
            yield return $"{PathSetting} is not set: the console's Data Protection keys (which encrypt its session cookies) would be kept unencrypted in Redis ({ConsoleKeyRing.Key}). " +
                         $"Give a PKCS#12 certificate with its private key ({PathSetting} or {Base64Setting} in base64, and {PasswordSetting}), the same on every replica, " +
                         $"or set {WaiverSetting}=true to accept an unencrypted ring.";
        else if (!bool.TryParse(waiver, out _))
            yield return $"{WaiverSetting} is '{waiver}': it must be true or false.";
        else if (!bool.Parse(waiver))
            yield return $"{WaiverSetting} is false and no certificate is set ({PathSetting}): the key ring in Redis would be unencrypted.";
    }
}
