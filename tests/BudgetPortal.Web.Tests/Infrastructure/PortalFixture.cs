using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using BudgetPortal.Data;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Infrastructure;

/// <summary>
/// The portal as it runs: Kestrel on a real loopback port, its own fresh PostgreSQL database,
/// migrations applied and the seed disclosures loaded at start-up, exactly as ./run.sh does.
/// </summary>
public class PortalFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;
    private readonly string _logs = Path.Combine(Path.GetTempPath(), "bp-test-logs-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly (string Key, string Value)[] _settings;

    public PortalFixture() : this([]) { }

    /// <summary>A portal with some settings of its own (a fixture that varies one thing: a broken printer, a low limit).</summary>
    protected PortalFixture(params (string Key, string Value)[] settings) => _settings = settings;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("fixture not started");
    public HttpClient Http { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    /// <summary>Where the first start writes the administrator's one-time password (when none is configured).</summary>
    public string AdminPasswordFile => Path.Combine(_logs, "admin-one-time-password");
    public string LogFolder => _logs;

    public virtual async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        UseKestrel(0);
        StartServer();
        // A plain HttpClient to the loopback address Kestrel bound: real sockets, real HTTP.
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
    }

    /// <summary>Where the portal's database is made: BUDGET_TEST_POSTGRES, unless a fixture brings its own server.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches the configuration before Program reads it (minimal hosting).
        builder.UseEnvironment("Production");
        // The portal works as the application role and migrates as the owner, as under run.sh.
        foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
        builder.UseSetting("Seeds:Path", Repo.Seeds);
        builder.UseSetting("Logging:File:Path", Path.Combine(_logs, "portal-.log"));
        builder.UseSetting("Admin:PasswordFile", AdminPasswordFile);
        // No job runner: the seeds are not printed in the background at start; tests print what they read (and count prints).
        builder.UseSetting("Jobs:Run", "false");
        // Nor are a publication's pages requested in the background after its files or PDFs are stored
        // (they would run beside the tests that count queries); the warming tests turn it on.
        builder.UseSetting("Warming:Enabled", "false");
        // Every test signs in from 127.0.0.1, hundreds of times a minute: the login throttle is tested
        // with its own limits (Security/SecurityFixture), not here.
        builder.UseSetting("LoginThrottle:PerAddress", "1000000");
        builder.UseSetting("LoginThrottle:PerAccount", "1000000");
        // Likewise for anonymous requests the output cache cannot answer (PublicRateLimitTests checks the limit).
        builder.UseSetting("Public:UncachedRequestsPerMinute", "1000000");
        // The sign-in keys encrypted in the database, as run.sh and the cluster configure them.
        builder.UseSetting(KeyEncryption.Setting, KeyCertificate.Value);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public BudgetDbContext NewDbContext() =>
        new(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(Database.ConnectionString).Options);

    public async Task<IDocument> GetPageAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}");
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
    }

    /// <summary>The text of the first element of the page at <paramref name="path"/> that <paramref name="selector"/> finds (there must be one).</summary>
    public async Task<string> TextAsync(string path, string selector)
    {
        var element = (await GetPageAsync(path)).QuerySelector(selector);
        Assert.True(element is not null, $"GET {path}: no {selector}");
        return element!.TextContent;
    }

    /// <summary>GETs <paramref name="path"/>, asserts its status is one of <paramref name="statuses"/> and returns the body.</summary>
    public async Task<string> AnswerAsync(string path, params HttpStatusCode[] statuses)
    {
        using var response = await Http.GetAsync(path);
        Assert.True(statuses.Contains(response.StatusCode), $"GET {path} → {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>GETs a file (PDF, workbook, CSV, JSON), asserts 200 and, when given, its media type; returns its bytes.</summary>
    public async Task<byte[]> DownloadAsync(string path, string? mediaType = null)
    {
        using var response = await Http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode}");
        if (mediaType is not null) Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>After the portal is stopped and its database dropped: what a fixture made besides (another database, another node).</summary>
    protected virtual Task DisposedAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        Http.Dispose();
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        await DisposedAsync();
        // BUDGET_TEST_KEEP_LOGS=1 keeps the portal's log of each fixture (under /tmp/bp-test-logs-*) to read a failure.
        if (Environment.GetEnvironmentVariable("BUDGET_TEST_KEEP_LOGS") is null) try { Directory.Delete(_logs, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}

/// <summary>
/// One certificate with its private key for every portal of the test run, as a PEM file (what run.sh makes with
/// openssl): the portals encrypt their sign-in keys in the database with it (KeyEncryption).
/// </summary>
public static class KeyCertificate
{
    private static readonly Lazy<string> File = new(() =>
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=BudgetPortal test key encryption", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        var path = Path.Combine(Path.GetTempPath(), $"bp-test-keys-{Environment.ProcessId}.pem");
        System.IO.File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem() + "\n");
        return path;
    });

    public static string Value => File.Value;
}
