using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (never `playwright install`): one browser for the whole test
/// run, launched by the first class that needs it and closed when the run ends (a browser per class
/// cost a Chromium and a Playwright driver each, about a dozen per run). Each test class gets its own
/// contexts (a context is a fresh profile: its own cookies and storage), closed when the class is
/// done, or when each of its tests is (<see cref="CloseContextsAsync"/>).
/// </summary>
/// <remarks>
/// The headless shell is the same Chromium build (Blink and V8) without the desktop browser around it,
/// what Playwright itself runs for headless tests; it draws, screenshots and runs axe at a third of the
/// CPU of the full browser in headless mode (docs/benchmarks.md, "The test suite"). The portal prints
/// with it too (Printing:ChromiumPath).
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium-headless-shell";

    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);
    private readonly ConcurrentBag<IBrowserContext> _contexts = [];

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots are kept as test artifacts here (git-ignored).</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(
        Path.Combine(Infrastructure.Repo.Root, "TestResults", "screenshots")).FullName;

    public async Task InitializeAsync() => Browser = await Shared.Value;

    private static async Task<IBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        // xunit 2 has no fixture for the whole run: the browser and its driver end with the test process.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
            playwright.Dispose();
        };
        return browser;
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true, Locale = "zh-CN",
        });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Closes the contexts opened so far (a class's tests run one after another: the last test's).</summary>
    public async Task CloseContextsAsync()
    {
        while (_contexts.TryTake(out var context)) await context.CloseAsync();
    }

    public Task DisposeAsync() => CloseContextsAsync();
}
