using System.Net;
using System.Text.Json;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

[Collection(PortalCollection.Name)]
public sealed class NotFoundAndHealthTests(PortalFixture portal)
{
    [Theory]
    [InlineData("/departments/no-such-department")]
    [InlineData("/departments/jjxz/1999")]
    [InlineData("/departments/no-such-department/2025")]
    [InlineData("/departments/jjxz/1999/checks")]
    [InlineData("/departments/nobody/trend")]
    [InlineData("/departments/dkyj/2025/versions")]
    [InlineData("/departments/nobody/2024/versions")]
    [InlineData("/departments/dkyj/2024/versions?v=7")]
    [InlineData("/compare/1999")]
    [InlineData("/no/such/page")]
    public async Task MissingPagesGiveAChinese404Page(string path)
    {
        using var response = await portal.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在（404）", html);
        Assert.Contains("lang=\"zh-CN\"", html);
    }

    /// <summary>The data routes (API, CSV, workbook, data package) answer 404 without a page.</summary>
    [Theory]
    [InlineData("/api/v1/disclosures/jjxz/1999/checks")]
    [InlineData("/departments/jjxz/1999/tables/1.csv")]
    [InlineData("/departments/jjxz/2025/tables/12.csv")]
    [InlineData("/departments/jjxz/1999.xlsx")]
    [InlineData("/downloads/1999.zip")]
    public async Task MissingDataIs404(string path)
    {
        using var response = await portal.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/departments/jjxz/2025")]
    [InlineData("/api/v1/departments")]
    [InlineData("/account/login")]
    [InlineData("/no-such-page")]
    public async Task EveryAnswerCarriesTheSecurityHeaders(string path)
    {
        using var response = await portal.Http.GetAsync(path);
        string Header(string name) => response.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header("Referrer-Policy"));
        Assert.Equal(BudgetPortal.Web.Infrastructure.SecurityHeaders.Policy, Header("Content-Security-Policy"));
    }

    [Fact]
    public async Task HealthzReportsTheDatabaseHealthy()
    {
        using var response = await portal.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task HomeListsEverySeedDepartmentWithLinksToItsYears()
    {
        var page = await portal.GetPageAsync("/");
        foreach (var file in Repo.SeedDisclosureFiles)
        {
            var seed = Repo.LoadSeed(Path.GetFileName(file));
            Assert.NotNull(page.QuerySelector($"a[href='/departments/{seed.Department.Code}/{seed.FiscalYear}']"));
            Assert.Contains(seed.Department.Name, page.Body!.TextContent);
        }
        var department = await portal.GetPageAsync("/departments/zbjllc");
        Assert.Contains("318.10", department.Body!.TextContent);
    }
}
