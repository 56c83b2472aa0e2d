using System.Net;
using System.Security.Cryptography;
using BudgetPortal.Web.Printing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace BudgetPortal.Web.Infrastructure;

/// <summary>The page warmer's settings (section Warming); every limit explicit.</summary>
public sealed class WarmingOptions
{
    /// <summary>Whether a publication's pages are requested once its files are stored.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>
    /// The address readers use (https://budget.example.gov.cn): the output cache keys an entry by scheme
    /// and host, so the warm requests carry its host (and scheme) to this node's own address. Empty: the
    /// node's own address as it is (readers who come to it directly, as on one machine).
    /// </summary>
    public string? PublicUrl { get; set; }
    /// <summary>The longest one warm request may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>
    /// The Accept-Encoding values requested: the cache keeps one entry per encoding chosen (PublishedContent.EncodingOf),
    /// so these are what every current browser sends (Brotli, gzip accepted: one entry) and what gzip-only clients send.
    /// </summary>
    public string[] AcceptEncodings { get; set; } = ["gzip, deflate, br, zstd", "gzip"];
}

/// <summary>
/// Requests a department's public pages — the year's disclosure page and the department's page — through
/// this node's own HTTP address, once for each Accept-Encoding of <see cref="WarmingOptions.AcceptEncodings"/>,
/// after a publication's files are stored (issue 15): the output cache then holds them before the first
/// reader comes (with Redis, for every node). Anonymous requests, as a reader's; a page that fails is
/// logged and left to the first reader.
/// </summary>
public sealed class PageWarmer(IServer server, IOptions<PrintingOptions> printing, IOptions<WarmingOptions> options, ILogger<PageWarmer> logger) : IDisposable
{
    /// <summary>Marks this process's own warm requests, whose scheme is then the public one (never believed from anyone else).</summary>
    public const string Header = "X-Budget-Warm";
    private readonly string _token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly HttpClient _http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
    };

    /// <summary>How many pages this process has warmed (tests read it).</summary>
    public int Warmed => _warmed;
    private int _warmed;

    /// <summary>The public pages a publication of <paramref name="code"/>'s year <paramref name="year"/> changes.</summary>
    public static string[] Pages(string code, int year) => [$"/departments/{code}/{year}", $"/departments/{code}"];

    public async Task WarmAsync(string code, int year, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled || PortalAddress.Of(server, printing.Value.BaseUrl) is not { } own) return;
        var @public = string.IsNullOrEmpty(o.PublicUrl) ? null : new Uri(o.PublicUrl);
        foreach (var path in Pages(code, year))
        foreach (var encoding in o.AcceptEncodings)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(own, path));
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
            request.Headers.Accept.ParseAdd("text/html");
            // The token marks the request as this process's own: its scheme is the public one, and it is not counted
            // against the uncached requests of 127.0.0.1 (a burst of publications must not lose its warming to the limit).
            request.Headers.Add(Header, _token);
            if (@public is not null)
                request.Headers.Host = @public.IsDefaultPort ? @public.Host : $"{@public.Host}:{@public.Port}";
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                if (response.IsSuccessStatusCode) Interlocked.Increment(ref _warmed);
                else logger.LogWarning("Warming {Path} ({Encoding}) answered {Status}", path, encoding, (int)response.StatusCode);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Warming {Path} ({Encoding}) failed", path, encoding);
            }
        }
    }

    /// <summary>Middleware: this process's own warm request is taken as coming in with the public address's scheme (the cache keys by it).</summary>
    public Task ApplySchemeAsync(HttpContext http, Func<Task> next)
    {
        if (options.Value.PublicUrl is { Length: > 0 } url && IsOwn(http.Request))
            http.Request.Scheme = new Uri(url).Scheme;
        return next();
    }

    /// <summary>Whether <paramref name="request"/> is this process's own warm request (its random token; never believed from anyone else).</summary>
    public bool IsOwn(HttpRequest request) =>
        request.Headers[Header] is [{ } token]
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(token), System.Text.Encoding.ASCII.GetBytes(_token));

    public void Dispose() => _http.Dispose();
}
