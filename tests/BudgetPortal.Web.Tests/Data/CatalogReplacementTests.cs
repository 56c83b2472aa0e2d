using BudgetPortal.Data;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Classification;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Data;

/// <summary>Replacing a year's catalog changes reference data only: disclosures keep their codes and names as text.</summary>
public sealed class CatalogReplacementTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task ReplacingTheCatalogOfTheSeedsYearLeavesEveryStoredRowAsItWas()
    {
        await using var db = seeded.NewDbContext();
        var rows = await db.TableRows.AsNoTracking().Where(r => r.Code != null)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Code, r.Name }).ToListAsync();
        Assert.True(rows.Count > 100);
        Assert.Contains(rows, r => r.Code == "2013150" && r.Name == "事业运行");
        var current = await db.CatalogItemsAsync(ClassificationScheme.Functional, 2025);

        // 2025's 功能分类 catalog becomes one 类 with one renamed 款 and 项: every code the seeds use but these is gone.
        var sheet = CatalogSheet.Read(ClassificationScheme.Functional,
            [["编码", "名称"], ["201", "一般公共服务支出"], ["20131", "党委办公厅及相关机构事务"], ["2013150", "事业运行（新名称）"]]);
        var audit = new AuditTrail(db, new HttpContextAccessor());
        Assert.True(await db.ReplaceCatalogAsync(audit, ClassificationScheme.Functional, 2025, sheet, CatalogQueries.Fingerprint(current)));

        await using var after = seeded.NewDbContext();
        Assert.Equal(3, await after.ClassificationCodes.CountAsync(c => c.Scheme == ClassificationScheme.Functional && c.Year == 2025));
        var rowsAfter = await after.TableRows.AsNoTracking().Where(r => r.Code != null)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Code, r.Name }).ToListAsync();
        Assert.Equal(rows, rowsAfter);
        // The catalog, not the disclosure, now names 201 31 50 differently; the other codes are known only from 2024's catalog (M2).
        var catalog = await after.YearCatalogsAsync(2025);
        Assert.Equal(CatalogStatus.PreviousYear, catalog.Functional.Entry("2013101").Status);
        Assert.Equal("事业运行（新名称）", catalog.Functional.NameOf("2013150"));

        // A preview taken before the replacement no longer describes the catalog: refused, nothing changes.
        Assert.False(await after.ReplaceCatalogAsync(new AuditTrail(after, new HttpContextAccessor()), ClassificationScheme.Functional, 2025, sheet,
            CatalogQueries.Fingerprint(current)));
        Assert.Equal(3, await after.ClassificationCodes.CountAsync(c => c.Scheme == ClassificationScheme.Functional && c.Year == 2025));
    }
}
