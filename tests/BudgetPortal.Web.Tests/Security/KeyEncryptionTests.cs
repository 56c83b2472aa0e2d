using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>
/// DataProtection:CertificateFile (KeyEncryption): a portal that cannot read its certificate refuses to start
/// with the reason, rather than storing keys it could never decrypt. That the keys in the database are encrypted
/// is asserted where a portal signs in (AccountTests), and that every node reads them in the cluster test.
/// </summary>
public sealed class KeyEncryptionTests
{
    private static X509Certificate2? Configure(string? file) =>
        KeyEncryption.Configure(new ServiceCollection().AddDataProtection(),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [KeyEncryption.Setting] = file }).Build());

    [Fact]
    public void WithoutTheSettingNothingIsEncrypted() => Assert.Null(Configure(null));

    [Fact]
    public void TheTestCertificateIsReadWithItsKey()
    {
        using var certificate = Configure(KeyCertificate.Value);
        Assert.True(certificate?.HasPrivateKey);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var missing = Path.Combine(Path.GetTempPath(), "bp-no-such-certificate.pem");
        var e = Assert.Throws<InvalidOperationException>(() => Configure(missing));
        Assert.Contains(KeyEncryption.Setting, e.Message);
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void ACertificateWithoutItsPrivateKeyIsRefused()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=no key", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, certificate.ExportCertificatePem());
            var e = Assert.Throws<InvalidOperationException>(() => Configure(file));
            Assert.Contains("private key", e.Message);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void AFileThatIsNoCertificateIsRefused()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "not a certificate");
            var e = Assert.Throws<InvalidOperationException>(() => Configure(file));
            Assert.Contains(file, e.Message);
        }
        finally { File.Delete(file); }
    }
}
