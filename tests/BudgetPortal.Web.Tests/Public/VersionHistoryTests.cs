using System.Text.Json;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>A portal where 002 has been corrected once: version 2 changes 表10's 公务接待费 and one note paragraph.</summary>
public sealed class CorrectedPortalFixture : PortalFixture
{
    public const string Reason = "更正公务接待费";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = NewDbContext();
        var v1 = await db.Disclosures.AsSplitQuery().Include(d => d.Department)
            .Include(d => d.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells)
            .Include(d => d.Notes).ThenInclude(n => n.Lines).Include(d => d.Notes).ThenInclude(n => n.Figures)
            .Include(d => d.PerformanceSheets).ThenInclude(s => s.Indicators)
            .SingleAsync(d => d.Department.Code == "dkyj" && d.FiscalYear == 2024);
        var doc = v1.ToDocument();
        foreach (var row in doc.Tables["10"].Rows.Where(r => r.Key is "reception" or "total"))
        {
            row.Cells["total"] += 0.10m;
            row.Cells["generalBudget"] += 0.10m;
        }
        doc.Notes.First(n => n.Key == "10").Paragraphs[0] += "（已更正）";
        await using var tx = await db.Database.BeginTransactionAsync();
        var v2 = new Disclosure(v1.Department, 2024, version: 2);
        doc.ApplyTo(v2);
        db.Disclosures.Add(v2);
        await db.SaveChangesAsync();
        v2.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(v2), Reason);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        await PublishedContent.InvalidateAsync(Services.GetRequiredService<IOutputCacheStore>());
    }
}

public sealed class VersionHistoryTests(CorrectedPortalFixture portal) : IClassFixture<CorrectedPortalFixture>
{
    [Fact]
    public async Task TheDisclosurePageShowsTheLatestVersionItsReasonAndLinksToTheHistory()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024");
        var version = page.QuerySelector(".version")!.TextContent;
        Assert.Contains("第 2 版", version);
        Assert.Contains(CorrectedPortalFixture.Reason, version);
        Assert.NotNull(page.QuerySelector("a[href='/departments/dkyj/2024/versions']"));
        Assert.Equal("1.60", page.QuerySelector("#table-10 td[data-row='fixed:reception'][data-column='total']")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheHistoryListsEveryVersionWithItsDateAndReason()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024/versions");
        var rows = page.QuerySelectorAll("table.versions tbody tr");
        Assert.Equal(["2", "1"], rows.Select(r => r.GetAttribute("data-version")));
        Assert.Contains(CorrectedPortalFixture.Reason, rows[0].TextContent);
        Assert.Contains("首次发布", rows[1].TextContent);
        Assert.Contains("2024 年 2 月 23 日", rows[1].TextContent);
    }

    [Fact]
    public async Task TheChangesOfACorrectionAreShownTableByTable()
    {
        var page = await portal.GetPageAsync("/departments/dkyj/2024/versions?v=2");
        var changes = page.QuerySelectorAll("table.cell-changes");
        var table10 = Assert.Single(changes);
        Assert.Equal("10", table10.GetAttribute("data-table"));
        var cells = table10.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(cells, c => c.Contains("公务接待费") && c.Contains("1.50") && c.Contains("1.60"));
        Assert.Equal(4, cells.Count); // 合计 and 公务接待费, each in 合计 and 一般公共预算
        var texts = page.QuerySelector("table.text-changes")!.TextContent;
        Assert.Contains("情况说明十 第 1 段", texts);
        Assert.Contains("（已更正）", texts);
    }

    [Fact]
    public async Task TheApiGivesTheLatestVersion()
    {
        var json = JsonDocument.Parse(await portal.Http.GetStringAsync("/api/v1/disclosures/dkyj/2024")).RootElement;
        Assert.Equal(2, json.GetProperty("version").GetInt32());
        Assert.Equal(CorrectedPortalFixture.Reason, json.GetProperty("correctionReason").GetString());
    }
}
