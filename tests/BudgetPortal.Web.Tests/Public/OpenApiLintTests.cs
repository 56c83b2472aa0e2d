using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>
/// The generated OpenAPI document passes Redocly CLI's recommended rules with no error and no warning.
/// The linter is the project's pinned devDependency (src/BudgetPortal.Web/package.json; ./test.sh runs
/// npm ci), run offline on the document the portal serves.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OpenApiLintTests(PortalFixture portal)
{
    [Fact]
    public async Task TheDocumentPassesRedoclysRecommendedRulesWithoutAWarning()
    {
        var document = await portal.Http.GetStringAsync("/api/v1/openapi.json");
        var (exit, errors, warnings, problems) = await LintAsync(document);
        Assert.True(errors == 0 && warnings == 0, $"Redocly: {errors} errors, {warnings} warnings\n{string.Join("\n", problems)}");
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task TheLinterFindsWhatTheHandWrittenDocumentLacked()
    {
        // Without `security: []` and the licence — as the hand-written document was — the same linter
        // reports them: a pass above means the rules ran, not that nothing was checked.
        var document = JsonNode.Parse(await portal.Http.GetStringAsync("/api/v1/openapi.json"))!.AsObject();
        foreach (var operation in document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()))
            operation.Value!.AsObject().Remove("security");
        document["info"]!.AsObject().Remove("license");
        var (exit, errors, warnings, problems) = await LintAsync(document.ToJsonString());
        Assert.NotEqual(0, exit);
        Assert.True(errors > 0 && warnings > 0, string.Join("\n", problems));
        Assert.Contains(problems, p => p.StartsWith("security-defined", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("info-license", StringComparison.Ordinal));
    }

    private static async Task<(int Exit, int Errors, int Warnings, List<string> Problems)> LintAsync(string document)
    {
        var redocly = Path.Combine(Repo.Root, "src", "BudgetPortal.Web", "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: run `npm ci` in src/BudgetPortal.Web (./test.sh does)");
        var folder = Directory.CreateTempSubdirectory("bp-openapi-lint-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "openapi.json"), document);
            // The rules named here, so that no configuration elsewhere changes what is checked.
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "redocly.yaml"), "extends:\n  - recommended\n");
            var start = new ProcessStartInfo(redocly, ["lint", "openapi.json", "--format=json"])
            {
                WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true,
                Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var json = await output;
            Assert.True(json.TrimStart().StartsWith('{'), $"redocly wrote no report (exit {process.ExitCode}):\n{json}\n{await error}");
            var report = JsonDocument.Parse(json).RootElement;
            var totals = report.GetProperty("totals");
            var problems = report.GetProperty("problems").EnumerateArray()
                .Select(p => $"{p.GetProperty("ruleId").GetString()} ({p.GetProperty("severity").GetString()}): {p.GetProperty("message").GetString()} at " +
                    string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString())))
                .ToList();
            return (process.ExitCode, totals.GetProperty("errors").GetInt32(), totals.GetProperty("warnings").GetInt32(), problems);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
