using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>
/// The sign-in and form-token keys are kept in PostgreSQL so that every node reads one ring (issue 15);
/// encrypted there with a certificate, a copy of the database (a backup, the replica, a dump handed to
/// someone) does not let its reader forge a reviewer's sign-in cookie.
/// </summary>
/// <remarks>
/// Setting <c>DataProtection:CertificateFile</c>: a PEM file holding an X.509 certificate and its RSA private
/// key (run.sh and <c>./run.sh cluster</c> make one with openssl on first start, kept beside the database's
/// passwords, mode 600; production mounts it as a secret, docker-compose.yml). Every node must have the same
/// file. Keys stored before the setting are still read (they stay unencrypted until they expire); without the
/// setting keys are stored as plain XML and the start logs a warning.
/// </remarks>
public static class KeyEncryption
{
    public const string Setting = "DataProtection:CertificateFile";

    /// <summary>Encrypts new keys with the configured certificate and decrypts with it; null when none is configured.</summary>
    public static X509Certificate2? Configure(IDataProtectionBuilder keys, IConfiguration config)
    {
        if (config[Setting] is not { Length: > 0 } file) return null;
        if (!File.Exists(file))
            throw new InvalidOperationException($"{Setting} names {file}, which does not exist (a PEM file with a certificate and its private key).");
        X509Certificate2 certificate;
        try { certificate = X509Certificate2.CreateFromPemFile(file); }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"{Setting}: {file} is not a PEM certificate with its private key ({e.Message}).", e);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"{Setting}: {file} holds no private key; the keys could be encrypted but never read again.");
        // UnprotectKeysWithAnyCertificate: decrypt with this certificate without looking for it in a certificate store (none on Linux).
        keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        return certificate;
    }
}
