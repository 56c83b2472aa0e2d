using System.Net;
using System.Text.Json;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>Under /api every failure is RFC 7807 problem details in Chinese, never an HTML page (docs/api.md).</summary>
[Collection(PortalCollection.Name)]
public sealed class ApiProblemTests(PortalFixture portal)
{
    [Theory]
    [InlineData("GET", "/api/v1/disclosures/jjxz/1999", 404, "没有找到")]
    [InlineData("GET", "/api/v1/classification/2025/nonsense", 404, "分类")]
    [InlineData("GET", "/api/v1/no-such-thing", 404, "没有这个接口地址")]
    [InlineData("POST", "/api/v1/departments", 405, "GET")]
    [InlineData("DELETE", "/api/v1/disclosures/jjxz/2025", 405, "GET")]
    [InlineData("GET", "/api/v1/disclosures/jjxz/99999999999", 404, "没有这个接口地址")]
    [InlineData("GET", "/api/v1/classification/2025/functional?q=%00", 400, "空字符")]
    public async Task FailuresAreProblemDetailsInChinese(string method, string path, int status, string detailContains)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        // A browser asks for HTML first: the API still answers JSON.
        request.Headers.Add("Accept", "text/html,application/xhtml+xml");
        using var response = await portal.Http.SendAsync(request);
        var problem = await AssertProblemAsync(response, status);
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task APageOutsideTheApiStillGetsTheHtmlPage()
    {
        using var response = await portal.Http.GetAsync("/departments/jjxz/1999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("页面不存在（404）", await response.Content.ReadAsStringAsync());
        // The /api page itself is a page for people.
        using var page = await portal.Http.GetAsync("/api");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", root.GetProperty("title").GetString()!);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", root.GetProperty("detail").GetString()!);
        return root;
    }
}
