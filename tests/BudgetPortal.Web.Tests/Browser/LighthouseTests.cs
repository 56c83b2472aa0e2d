using System.Diagnostics;
using System.Text.Json;
using BudgetPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BudgetPortal.Web.Tests.Browser;

/// <summary>
/// Lighthouse (the project's pinned devDependency, src/BudgetPortal.Web/package.json; ./test.sh runs npm ci)
/// audits the five public pages of issue 18 as a phone (its default form factor) in Debian's Chromium:
/// accessibility, SEO and best practices 100 (a meta description, a favicon, no console error, readable links,
/// targets large enough to touch…). One run per page, with only those three categories: the performance
/// category's trace is the slow part, and its score moves with the machine's load; it is measured by hand
/// instead (docs/benchmarks.md, "Lighthouse").
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class LighthouseTests(PortalFixture portal, ITestOutputHelper output)
{
    public static TheoryData<string> Pages =>
        ["/", "/departments/zbjllc", "/departments/zbjllc/2025", "/departments/zbjllc/2025/checks", "/compare/2025"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task APublicPageScoresFullMarksForAccessibilitySeoAndBestPracticesOnAPhone(string path)
    {
        var clock = Stopwatch.StartNew();
        var report = await RunAsync(new Uri(portal.BaseAddress, path));
        output.WriteLine($"lighthouse {path}: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal("mobile", report.GetProperty("configSettings").GetProperty("formFactor").GetString());
        var categories = report.GetProperty("categories");
        foreach (var category in new[] { "accessibility", "seo", "best-practices" })
        {
            var score = categories.GetProperty(category).GetProperty("score").GetDouble();
            Assert.True(score == 1, $"{path}: {category} {score * 100:0}; failing audits: {Failing(report, categories.GetProperty(category))}");
        }
    }

    /// <summary>The audits of a category that scored below 1, with what Lighthouse says of them.</summary>
    private static string Failing(JsonElement report, JsonElement category)
    {
        var audits = report.GetProperty("audits");
        return string.Join("; ", category.GetProperty("auditRefs").EnumerateArray()
            .Select(r => audits.GetProperty(r.GetProperty("id").GetString()!))
            .Where(a => a.GetProperty("score").ValueKind == JsonValueKind.Number && a.GetProperty("score").GetDouble() < 1)
            .Select(a => $"{a.GetProperty("id").GetString()} ({a.GetProperty("title").GetString()}) {(a.TryGetProperty("details", out var d) ? d.ToString()[..Math.Min(400, d.ToString().Length)] : "")}"));
    }

    private static async Task<JsonElement> RunAsync(Uri url)
    {
        var lighthouse = Path.Combine(Repo.Root, "src", "BudgetPortal.Web", "node_modules", ".bin", "lighthouse");
        Assert.True(File.Exists(lighthouse), $"{lighthouse} is missing: run `npm ci` in src/BudgetPortal.Web (./test.sh does)");
        var folder = Directory.CreateTempSubdirectory("bp-lighthouse-");
        try
        {
            var reportPath = Path.Combine(folder.FullName, "report.json");
            var start = new ProcessStartInfo(lighthouse,
            [
                url.ToString(), "--quiet", "--output=json", $"--output-path={reportPath}", "--only-categories=accessibility,seo,best-practices",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run",
            ])
            {
                WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true,
                // Debian's Chromium, as the portal's printer and the browser tests use; chrome-launcher's profile in the temporary folder.
                Environment = { ["CHROME_PATH"] = "/usr/bin/chromium", ["TMPDIR"] = folder.FullName, ["NO_COLOR"] = "1" },
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
            Assert.True(process.ExitCode == 0 && File.Exists(reportPath), $"lighthouse exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath));
            Assert.False(report.RootElement.TryGetProperty("runtimeError", out var error), $"lighthouse could not load {url}: {error}");
            return report.RootElement.Clone();
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { } // Chromium may still be closing its profile
        }
    }
}
