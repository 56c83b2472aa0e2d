using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Printing;

/// <summary>Printing settings (section Printing).</summary>
public sealed class PrintingOptions
{
    /// <summary>
    /// The Chromium that prints; Playwright never downloads a browser here. Unset: Debian's
    /// chromium-headless-shell (the same Chromium without the desktop browser around it: it prints
    /// the largest seed in about half the time, and a one-page document in a fifth), else Debian's
    /// chromium.
    /// </summary>
    public string? ChromiumPath { get; set; }

    public static readonly string[] DefaultChromiumPaths = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];

    public string ResolvedChromiumPath => ChromiumPath is { Length: > 0 } path ? path
        : DefaultChromiumPaths.FirstOrDefault(File.Exists) ?? DefaultChromiumPaths[^1];
    /// <summary>Pages printing at once; each holds a renderer (tens of MB).</summary>
    public int MaxConcurrentPages { get; set; } = 2;
    /// <summary>How long one print (load, paginate, print, and print again if the 目录 was wrong) may take.</summary>
    public int TimeoutSeconds { get; set; } = 60;
    /// <summary>Where Chromium reaches this portal's print view; empty: the address Kestrel listens on.</summary>
    public string? BaseUrl { get; set; }
}

/// <summary>The browser could not print: missing, crashed or timed out. Nothing was stored.</summary>
public sealed class PrintFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One headless Chromium kept running for the life of the portal and shared by every print, at
/// most MaxConcurrentPages pages at once. A page that printed well is kept open for the next print
/// (opening one starts a renderer: ≈ 150 ms); a page whose print failed or timed out is closed. A
/// browser that has died (crash, killed) is noticed and launched again on the next print.
/// </summary>
public sealed class ChromiumBrowser(IOptions<PrintingOptions> options, ILogger<ChromiumBrowser> logger) : IAsyncDisposable
{
    /// <summary>The arguments that work as root on these machines (docs/decisions/0004-pdf-printing.md).</summary>
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        // Glyph advances on screen as in print (unhinted), so the pagination measured before printing holds.
        "--font-render-hinting=none",
    ];

    private readonly PrintingOptions _options = options.Value;
    private readonly SemaphoreSlim _pages = new(Math.Max(1, options.Value.MaxConcurrentPages));
    private readonly SemaphoreSlim _launch = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly System.Collections.Concurrent.ConcurrentBag<IPage> _idle = [];

    public TimeSpan Timeout => TimeSpan.FromSeconds(_options.TimeoutSeconds);

    /// <summary>Runs work on a page of the shared browser (kept for the next print if the work succeeded).</summary>
    public async Task<T> WithPageAsync<T>(Func<IPage, Task<T>> work, CancellationToken ct)
    {
        if (!await _pages.WaitAsync(Timeout, ct))
            throw new PrintFailedException("等待打印超时：同时打印的文件过多。");
        try
        {
            var browser = await BrowserAsync(ct);
            var page = await IdlePageAsync(browser);
            if (page is null)
            {
                try
                {
                    page = await browser.NewPageAsync();
                }
                catch (PlaywrightException e)
                {
                    // The browser died between prints: launch it again once.
                    logger.LogWarning(e, "Chromium did not open a page; launching it again");
                    await RestartAsync(browser);
                    page = await (await BrowserAsync(ct)).NewPageAsync();
                }
                page.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
            }
            var reusable = false;
            try
            {
                var result = await work(page).WaitAsync(Timeout, ct);
                reusable = true;
                return result;
            }
            finally
            {
                if (reusable && !page.IsClosed) _idle.Add(page);
                else
                {
                    try { await page.CloseAsync(); } catch (PlaywrightException) { }
                }
            }
        }
        catch (TimeoutException e)
        {
            throw new PrintFailedException($"打印超时（超过 {_options.TimeoutSeconds} 秒）。", e);
        }
        catch (PlaywrightException e)
        {
            throw new PrintFailedException("浏览器打印失败：" + e.Message, e);
        }
        finally
        {
            _pages.Release();
        }
    }

    /// <summary>A page kept from an earlier print in this browser, or null.</summary>
    private async Task<IPage?> IdlePageAsync(IBrowser browser)
    {
        while (_idle.TryTake(out var page))
        {
            if (!page.IsClosed && ReferenceEquals(page.Context.Browser, browser) && browser.IsConnected) return page;
            try { await page.CloseAsync(); } catch (PlaywrightException) { }
        }
        return null;
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } ready) return ready;
        await _launch.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } launched) return launched;
            var executable = _options.ResolvedChromiumPath;
            if (!File.Exists(executable))
                throw new PrintFailedException($"找不到 Chromium 浏览器（{executable}）：请安装 chromium-headless-shell（apt-get install chromium-headless-shell）。");
            _playwright ??= await Playwright.CreateAsync();
            var started = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = executable,
                    Headless = true,
                    Args = Args,
                    ChromiumSandbox = false,
                    Timeout = (float)Timeout.TotalMilliseconds,
                });
            }
            catch (PlaywrightException e)
            {
                throw new PrintFailedException($"无法启动 Chromium 浏览器（{executable}）：{e.Message}", e);
            }
            _browser.Disconnected += (_, _) => logger.LogWarning("Chromium disconnected; it will be launched again on the next print");
            logger.LogInformation("Chromium {Version} launched in {Elapsed} ms", _browser.Version, started.ElapsedMilliseconds);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task RestartAsync(IBrowser dead)
    {
        await _launch.WaitAsync();
        try
        {
            if (!ReferenceEquals(_browser, dead)) return;
            _browser = null;
            try { await dead.CloseAsync(); } catch (PlaywrightException) { }
        }
        finally
        {
            _launch.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            try { await _browser.CloseAsync(); } catch (PlaywrightException) { }
        }
        _playwright?.Dispose();
    }
}
