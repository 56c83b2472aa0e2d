using System.Net;
using System.Text.Json;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

[Collection(PortalCollection.Name)]
public sealed class NotFoundAndHealthTests(PortalFixture portal)
{
    private const bool Page = true, Data = false;

    /// <summary>
    /// Everything that does not exist is 404: a page with the Chinese 404 page, a data route (API, CSV,
    /// workbook, data package) with its status alone.
    /// </summary>
    [Theory]
    [InlineData("/departments/no-such-department", Page)]
    [InlineData("/departments/jjxz/1999", Page)]
    [InlineData("/departments/no-such-department/2025", Page)]
    [InlineData("/departments/jjxz/1999/checks", Page)]
    [InlineData("/departments/nobody/trend", Page)]
    [InlineData("/departments/dkyj/2025/versions", Page)]
    [InlineData("/departments/nobody/2024/versions", Page)]
    [InlineData("/departments/dkyj/2024/versions?v=7", Page)]
    [InlineData("/compare/1999", Page)]
    [InlineData("/no/such/page", Page)]
    [InlineData("/api/v1/disclosures/jjxz/1999/checks", Data)]
    [InlineData("/departments/jjxz/1999/tables/1.csv", Data)]
    [InlineData("/departments/jjxz/2025/tables/12.csv", Data)]
    [InlineData("/departments/jjxz/1999.xlsx", Data)]
    [InlineData("/downloads/1999.zip", Data)]
    public async Task WhatDoesNotExistIs404(string path, bool page)
    {
        using var response = await portal.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        if (!page) return;
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在（404）", html);
        Assert.Contains("lang=\"zh-CN\"", html);
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
