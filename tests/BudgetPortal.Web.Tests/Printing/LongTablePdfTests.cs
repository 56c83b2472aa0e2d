using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Printing;
using Microsoft.EntityFrameworkCore;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Printing;

/// <summary>A portal with a published disclosure whose 表3 is long enough to run onto several pages.</summary>
public sealed class LongTablePortalFixture : PortalFixture
{
    public const string Code = "long-table";
    public const int Items = 70;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var doc = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        doc.Department = new DepartmentDoc { Code = Code, Name = "长表测试单位" };
        doc.SignOff.Name = "长表测试单位";
        var rows = doc.Tables["3"].Rows;
        for (var i = 0; i < Items; i++)
            rows.Add(new RowDoc { Code = $"29999{i:00}", Name = $"测试项目第{i + 1}项", Cells = { ["total"] = 1.00m + i, ["basic"] = 1.00m + i } });
        await using var db = NewDbContext();
        var department = new Department(Code, "长表测试单位");
        db.Departments.Add(department);
        var disclosure = new Disclosure(department, doc.FiscalYear);
        doc.ApplyTo(disclosure, null);
        db.Disclosures.Add(disclosure);
        await db.SaveChangesAsync();
        disclosure.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(disclosure));
        await db.SaveChangesAsync();
        await PublishedContent.EverythingChangedAsync(Services.GetRequiredService<IOutputCacheStore>());
    }
}

public sealed class LongTablePdfTests(LongTablePortalFixture portal) : IClassFixture<LongTablePortalFixture>
{
    [Fact]
    public async Task EveryPageOfATableRepeatsTheDepartmentLineAndTheHeaderRows()
    {
        var pdf = await portal.Http.GetByteArrayAsync($"/departments/{LongTablePortalFixture.Code}/2025/tables/3.pdf");
        var pages = (await Poppler.PageTextsAsync(pdf)).Where(p => p.Trim().Length > 0).ToList();
        Assert.True(pages.Count >= 2, $"表3 with {LongTablePortalFixture.Items} more rows should run onto a second page, printed {pages.Count}");
        Assert.All(pages, page =>
        {
            Assert.Contains("编制部门：长表测试单位", page);
            Assert.Contains("单位：万元", page);
            Assert.Contains("功能分类科目名称", page);
            Assert.Contains("基本支出", page);
        });
        // The title is printed once, on the first page only.
        Assert.Single(pages, p => p.Contains("部门支出总体情况表"));
        // Every added row is printed, on some page.
        var all = string.Join("\n", pages);
        for (var i = 0; i < LongTablePortalFixture.Items; i++) Assert.Contains($"测试项目第{i + 1}项", all);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 0)]
    [InlineData(100, 8)]
    [InlineData(100, 16)]
    [InlineData(100, 24)]
    [InlineData(400, 0)]
    public async Task TheWholeDocumentIsPaginatedRightAroundATableRunningOntoSeveralPages(int extraHeaderHeight, int extraRows)
    {
        // js/print.js must count the header rows repeated on every page 表3 runs onto: a taller
        // header (an extra header row of the given height) makes every continuation page hold less,
        // and with more rows one of these tables ends just where that decides a page. A header taller
        // than a quarter of the page is not repeated at all.
        int id;
        await using (var db = portal.NewDbContext())
            id = await db.Disclosures.Where(d => d.Department.Code == LongTablePortalFixture.Code).Select(d => d.Id).SingleAsync();
        var printed = await PrintedContents.PrintViewAsync(portal, id, """
            ([height, rows]) => {
                const table = document.querySelector('#table-3 table');
                if (height > 0) {
                    const cell = table.tHead.insertRow().insertCell();
                    cell.colSpan = 99;
                    cell.style.height = height + 'px';
                    cell.textContent = '加高的表头行';
                }
                const body = table.tBodies[0];
                for (let i = 0; i < rows; i++) body.appendChild(body.rows[body.rows.length - 1].cloneNode(true));
            }
            """, new[] { extraHeaderHeight, extraRows });
        Assert.Equal(1, printed.Passes);
        Assert.Equal(PdfPigReader.PageCount(printed.Content), printed.PaginatedPages);
        var starts = PdfPigReader.ContentsTargets(printed.Content);
        Assert.True(starts["table-4"] - starts["table-3"] >= 2, $"表3 should take several pages: 表3 on {starts["table-3"]}, 表4 on {starts["table-4"]}");
    }
}
