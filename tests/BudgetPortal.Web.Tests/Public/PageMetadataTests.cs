using System.Net;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>What a browser and a search engine read before the page (issue 18): its icon and its description.</summary>
[Collection(PortalCollection.Name)]
public sealed class PageMetadataTests(PortalFixture portal)
{
    [Fact]
    public async Task TheFaviconIsARealIconServedFromTheSite()
    {
        using var response = await portal.Http.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var icon = await response.Content.ReadAsByteArrayAsync();
        // An ICO directory (reserved 0, type 1) with at least one image, each a PNG.
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, icon[..4]);
        Assert.True(BitConverter.ToUInt16(icon, 4) >= 1);
        var offset = BitConverter.ToInt32(icon, 6 + 12);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, icon[offset..(offset + 4)]);
        var page = await portal.GetPageAsync("/");
        Assert.Equal("/favicon.ico", page.QuerySelector("link[rel='icon']")!.GetAttribute("href"));
    }

    /// <summary>Each public page describes itself: the department, the year and what the page is.</summary>
    [Theory]
    [InlineData("/", "查找")]
    [InlineData("/departments/zbjllc", "昌吉回族自治州人民政府驻北京联络处", "2025 年")]
    [InlineData("/departments/zbjllc/2025", "昌吉回族自治州人民政府驻北京联络处 2025 年部门预算公开", "支出总计 318.10 万元")]
    [InlineData("/departments/zbjllc/2025/checks", "昌吉回族自治州人民政府驻北京联络处 2025 年", "数据核验", "3 个错误")]
    [InlineData("/compare/2025", "2025 年各部门预算比较")]
    [InlineData("/compare/2025/tables?d=jjxz&d=zbjllc&table=3", "2025 年", "表3", "部门之间的差额")]
    [InlineData("/departments/gbkhpj/trend", "历年对比", "比上年增减")]
    [InlineData("/departments/zbjllc/2025/versions", "2025 年", "版本历史")]
    [InlineData("/classification/2025", "2025 年政府收支分类科目")]
    [InlineData("/api", "数据接口")]
    public async Task APublicPageDescribesItselfSpecifically(string path, params string[] says)
    {
        var page = await portal.GetPageAsync(path);
        var descriptions = page.QuerySelectorAll("meta[name='description']").Select(m => m.GetAttribute("content")!).ToList();
        var description = Assert.Single(descriptions);
        foreach (var part in says) Assert.Contains(part, description);
        Assert.InRange(description.Length, 20, 160);
    }
}
