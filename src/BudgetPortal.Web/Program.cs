using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Data.Seeding;
using BudgetPortal.Web.Api;
using BudgetPortal.Web.Compliance;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Downloads;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Printing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;
using Serilog;
using Serilog.Events;
using System.Threading.RateLimiting;
using System.Text.Encodings.Web;
using System.Text.Unicode;

// `import PATH...` imports published disclosures as drafts and exits without serving (README).
if (args is ["import", ..])
{
    Environment.ExitCode = await BudgetPortal.Web.Import.ImportCommand.RunAsync(args[1..]);
    return;
}

var builder = WebApplication.CreateBuilder(args);
// Run from the build output (./run.sh, the tests), the static assets' build-time compressed copies
// are found through the build's manifest (obj/…/compressed); a published app has none and needs none.
builder.WebHost.UseStaticWebAssets();

// Logging: Serilog to the console and a daily rolling file (logs/ beside the app, or Logging:File:Path).
var logPath = builder.Configuration["Logging:File:Path"] ?? Path.Combine(builder.Environment.ContentRootPath, "logs", "budgetportal-.log");
OwnerOnlyLogFiles.PrepareFolder(logPath);
// The logger belongs to this host, not to the static Log (tests run several portals in one process).
builder.Services.AddSerilog(o => o
    .ReadFrom.Configuration(builder.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .WriteTo.File(logPath, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
        formatProvider: System.Globalization.CultureInfo.InvariantCulture, hooks: new OwnerOnlyLogFiles()),
    preserveStaticLogger: true);

// The primary, or for an anonymous public read the replica when ConnectionStrings:BudgetReplica is set (SeveralNodes).
builder.Services.AddDbContext<BudgetDbContext>((services, o) => o.UseNpgsql(SeveralNodes.ConnectionString(services)));
builder.Services.AddScoped<SeedLoader>();
builder.Services.AddScoped<DisclosureReader>();
builder.Services.AddScoped<DisclosureSearch>();
builder.Services.AddSingleton<PublicLists>();
// The official PDF: one shared headless Chromium prints the print view (docs/decisions/0004-pdf-printing.md).
builder.Services.Configure<PrintingOptions>(builder.Configuration.GetSection("Printing"));
builder.Services.AddSingleton<ChromiumBrowser>();
builder.Services.AddSingleton<DisclosurePrinter>();
builder.Services.AddSingleton<DisclosurePdfStore>();
// The CSV and xlsx files of each publication, made once by a job and stored (published_files); then its pages are warmed.
builder.Services.AddSingleton<BudgetPortal.Web.Downloads.PublishedFileStore>();
builder.Services.Configure<WarmingOptions>(builder.Configuration.GetSection("Warming"));
builder.Services.AddSingleton<PageWarmer>();
builder.Services.AddSingleton<YearPackageParts>();
builder.Services.AddSingleton<DraftPrintTokens>();
// Jobs in PostgreSQL (the PDFs of each publication): every node runs them in the background, each
// job done once by whichever node takes it first (BudgetPortal.Data.Jobs.JobQueue).
builder.Services.Configure<BudgetPortal.Web.Jobs.JobOptions>(builder.Configuration.GetSection("Jobs"));
builder.Services.AddSingleton<BudgetPortal.Web.Jobs.JobNode>();
if (builder.Configuration.GetValue("Jobs:Run", true))
{
    builder.Services.AddSingleton<BudgetPortal.Web.Jobs.JobRunner>();
    builder.Services.AddHostedService(s => s.GetRequiredService<BudgetPortal.Web.Jobs.JobRunner>());
}
builder.Services.AddHealthChecks().AddDbContextCheck<BudgetDbContext>("database");
// PostgreSQL unreachable answers 503 with Retry-After, not 500, and drops the broken pooled connections.
builder.Services.AddExceptionHandler<DatabaseOutage>();
builder.Services.AddProblemDetails();

// Accounts: ASP.NET Core Identity in our database (docs/decisions/0005-accounts-and-workflow.md).
builder.Services.AddIdentity<PortalUser, IdentityRole>(o =>
    {
        o.Password.RequiredLength = 10;
        o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = true;
        o.Password.RequireNonAlphanumeric = true;
        o.Password.RequiredUniqueChars = 6;
        o.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Accounts:MaxFailedLogins", 5);
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Accounts:LockoutMinutes", 15));
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = false;
    })
    .AddEntityFrameworkStores<BudgetDbContext>()
    .AddClaimsPrincipalFactory<PortalClaimsFactory>()
    .AddErrorDescriber<ChineseIdentityErrors>()
    .AddDefaultTokenProviders();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = "budgetportal.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
    o.LoginPath = "/account/login";
    o.LogoutPath = "/account/logout";
    // Without the right the answer is 403 (the status page), not a redirect.
    o.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
    // Identity's security-stamp check, except on the error page of a database outage (DatabaseOutage).
    o.Events.OnValidatePrincipal = DatabaseOutage.ValidatePrincipalAsync;
});
// The cookie's security stamp is compared with the database's every few seconds (a user lookup per
// person per interval), so logout, a role or department change, a lock or a password reset ends
// existing sessions within seconds — also copies of the cookie (docs/decisions/0011).
builder.Services.Configure<SecurityStampValidatorOptions>(o =>
    o.ValidationInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Accounts:SecurityStampValidationSeconds", 5)));
// Login attempts per address and per account (LoginThrottle); refused ones cost no hash and no audit line.
builder.Services.Configure<LoginThrottleOptions>(builder.Configuration.GetSection("LoginThrottle"));
builder.Services.AddSingleton<LoginThrottle>();
builder.Services.AddSingleton<DummyPasswordHash>();
// Behind a TLS proxy listed in ForwardedHeaders:KnownProxies/KnownNetworks, its X-Forwarded-For and
// -Proto are believed (cookies become Secure); from anyone else they are ignored. Off when none is listed.
var forwardedHeaders = builder.Services.AddKnownProxies(builder.Configuration);
// No client-side validation script exists (the server validates every form); with it on, an empty
// validation summary carries <li style="display:none">, an inline style the CSP refuses.
builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcViewOptions>(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "budgetportal.af";
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});
// The keys of sign-in cookies and form tokens in the database, so that every node reads the same ring (issue 15).
// Encrypted there with the certificate of DataProtection:CertificateFile when set (KeyEncryption).
var keyCertificate = KeyEncryption.Configure(
    builder.Services.AddDataProtection().SetApplicationName("BudgetPortal").PersistKeysToDbContext<BudgetDbContext>(), builder.Configuration);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(PortalPolicies.Administrator, p => p.RequireRole(PortalRoles.Administrator));
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<DisclosureAccess>();
builder.Services.AddScoped<AuditTrail>();
builder.Services.AddScoped<BudgetPortal.Web.Workspace.DraftEditor>();
builder.Services.AddScoped<BudgetPortal.Web.Import.DraftStore>();
builder.Services.AddRazorPages(o =>
{
    o.Conventions.ConfigureFilter(new NoHandlerMeansNotAllowed());
    o.Conventions.AuthorizeFolder("/Workspace");
    o.Conventions.AuthorizeFolder("/Admin", PortalPolicies.Administrator);
    o.Conventions.AuthorizePage("/Account/ChangePassword");
});
// Rate limits: a fixed window per client address; over the limit, 429 with Retry-After.
builder.Services.AddRateLimiter(o =>
{
    var perMinute = builder.Configuration.GetValue("Api:RequestsPerMinute", 600);
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.AddPolicy(PublicApi.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    // Anonymous page requests the output cache could not answer (it runs first: a cached answer is never
    // counted) — a search never asked before, say: a fixed window per client address, so that one client
    // varying what it asks cannot keep both cores busy. Staff (signed in), the API (its own policy above),
    // the health check, the print view (read by the printing Chromium), the portal's own warm requests after a
    // publication (PageWarmer) and error pages are not counted.
    var uncachedPerMinute = builder.Configuration.GetValue("Public:UncachedRequestsPerMinute", 300);
    o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        http.User.Identity?.IsAuthenticated == true || ApiProblems.IsApi(http)
        || http.Request.Path.StartsWithSegments("/healthz") || http.Request.Path.StartsWithSegments("/print")
        || http.RequestServices.GetRequiredService<PageWarmer>().IsOwn(http.Request)
        || http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
        || http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null
            ? RateLimitPartition.GetNoLimiter("not counted")
            : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = uncachedPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    o.OnRejected = async (context, ct) =>
    {
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
        context.HttpContext.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The API answers a problem; a page is left empty for the status page (请求过于频繁，请稍后再试).
        if (ApiProblems.IsApi(context.HttpContext)) await ApiProblems.WriteAsync(context.HttpContext);
    };
});
// Published pages come from the output cache, tagged by what they show; publishing evicts only its tags (PublishedContent).
// The OpenAPI document generated from the API's endpoints and the downloads (ApiDocument).
builder.Services.AddApiDocument();
builder.Services.AddOutputCache(o => o.AddPolicy(PublishedContent.Policy, b => b.Published()));
// Redis as the one cache of every node when ConnectionStrings:Redis is set; evictions reach every node (SeveralNodes).
builder.Services.AddSeveralNodes(builder.Configuration);
// Public answers compressed (Brotli, else gzip) inside the output cache, which so keeps each page
// compressed once per encoding asked for (PublishedContent.Published varies by Accept-Encoding).
builder.Services.AddResponseCompression(o =>
{
    // Only public answers are compressed (below): nothing secret beside reflected input (BREACH).
    o.EnableForHttps = true;
    o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
    o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
    o.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes, "text/csv", "application/problem+json", "image/svg+xml"];
});
builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
// Chinese text is written as characters, not &#x…; entities: smaller pages, readable source.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
// A table form posts every field of every row (a 表2 of 60 rows is already ~1,000 values, the
// framework's default limit): the limit is the table's own (TableForm.MaxRows), stated once.
builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.ValueCountLimit = BudgetPortal.Web.Workspace.TableForm.MaxFormValues);
builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.MaxModelBindingCollectionSize = BudgetPortal.Web.Workspace.TableForm.MaxFormValues);
// Request, upload, unpacked-file and PDF limits (UploadLimits, section Uploads); NUL refused in requests.
builder.AddRequestLimits();

var app = builder.Build();

await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);
await app.Services.EnsureAdministratorAsync(app.Configuration);
if (keyCertificate is null)
    app.Logger.LogWarning("{Setting} is not set: the sign-in keys are stored in the database unencrypted", KeyEncryption.Setting);
// The key ring made now, before the first request: nodes started one after another share the first node's key.
app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("BudgetPortal.Start").Protect([1]);

if (forwardedHeaders) app.UseForwardedHeaders();
// The page warmer's own requests carry the readers' scheme (the output cache keys by it).
app.Use(app.Services.GetRequiredService<PageWarmer>().ApplySchemeAsync);
// One line per request with its final status (outside the exception handlers): HTTP GET /path?q responded 200 in 1.2 ms.
app.UseSerilogRequestLogging(o =>
{
    o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
    o.IncludeQueryInRequestPath = true;
    o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
    // Failures are logged where they are handled (DatabaseOutage, the exception handler): the request line stays informational.
    o.GetLevel = (_, _, exception) => exception is null ? LogEventLevel.Information : LogEventLevel.Error;
});
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/errors/500", StatusCodeSelector = DatabaseOutage.StatusFor,
        // An outage is logged once per request as a warning (DatabaseOutage), not as a stack trace.
        SuppressDiagnosticsCallback = c => DatabaseOutage.IsOutage(c.Exception),
    });
app.UseMiddleware<SecurityHeaders>();
app.UseStatusCodePagesWithReExecute("/errors/{0}");
// Under /api/ a failure is problem details (JSON), never the HTML pages above (ApiProblems).
app.UseWhen(ApiProblems.IsApi, api =>
{
    api.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandler = ApiProblems.WriteAsync, StatusCodeSelector = DatabaseOutage.StatusFor,
        SuppressDiagnosticsCallback = c => DatabaseOutage.IsOutage(c.Exception),
    });
    api.UseStatusCodePages(context => ApiProblems.WriteAsync(context.HttpContext));
});
app.UseRouting();
app.UseMiddleware<RequestLimits>();
app.UseAuthentication();
app.Use(DatabaseOutage.RethrowAfterAuthentication);
app.UseAuthorization();
app.UseMiddleware<MustChangePasswordGate>();
// The output cache first: what it answers costs nothing and is not counted by the rate limits.
app.UseOutputCache();
// Inside the output cache: what it stores is compressed, and served as stored. Public answers only;
// not the static assets, which are compressed at build and choose their encoding themselves.
app.UseWhen(http => !SecurityHeaders.IsPrivate(http) && http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null,
    compressed => compressed.UseResponseCompression());
app.UseRateLimiter();

app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
// wwwroot as endpoints: fingerprinted at build (asp-append-version gives the fingerprinted address,
// cached a year, immutable), precompressed, with ETags; never counted by the rate limits.
app.MapStaticAssets().DisableRateLimiting();
app.MapRazorPages().WithStaticAssets();
app.MapPublicApi();
app.MapApiDocument();
app.MapDisclosurePdfs();
app.MapDownloads();
app.MapComplianceFiles();

app.Run();

public partial class Program;
