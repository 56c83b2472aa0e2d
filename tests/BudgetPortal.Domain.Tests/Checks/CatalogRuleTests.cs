using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tests.Classification;
using BudgetPortal.Domain.Tests.Seeds;
using Outcome = BudgetPortal.Domain.Disclosures.Outcome;

namespace BudgetPortal.Domain.Tests.Checks;

/// <summary>M1, M2: a disclosure's codes against the year's catalogs — warnings, never blocking.</summary>
public sealed class CatalogRuleTests
{
    private static DisclosureDocument Seed000() => SeedFiles.Get("000").Document;

    [Fact]
    public void ACodeOutsideTheCatalogIsAWarningNamingTableCodeAndName()
    {
        var doc = Seed000();
        doc.Row(3, "2013150").Code = "2013198";
        var clean = ConsistencyChecks.Run(SeedFile.LoadInto(Seed000()), SeedCatalogs.For(2025));
        var report = ConsistencyChecks.Run(SeedFile.LoadInto(doc), SeedCatalogs.For(2025));

        var m1 = Assert.Single(report.Failures, f => f.Rule == "M1");
        Assert.Equal(Severity.Warning, m1.Severity);
        Assert.Equal("表3 201 31 98", m1.Location);
        Assert.Equal("科目编码 201 31 98（事业运行）不在 2025 年的功能分类目录中，请核对编码", m1.Message);
        Assert.DoesNotContain(clean.Failures, f => f.Rule == "M1");
        Assert.Contains(clean.Results, r => r.Rule == "M1" && r.Outcome == Outcome.Pass && r.Location == "表6 301 01");
    }

    [Fact]
    public void ACodeOnlyInLastYearsCatalogIsAWarningWhenItHasMoney()
    {
        // 234 抗疫特别国债安排的支出 is in the 2024 catalog, not in 2025's.
        var doc = Seed000();
        doc.Tables["5"].Rows.Add(new RowDoc { Code = "234", Name = "抗疫特别国债安排的支出" });
        var zero = ConsistencyChecks.Run(SeedFile.LoadInto(doc), SeedCatalogs.For(2025));
        Assert.Contains(zero.Results, r => r.Rule == "M2" && r.Outcome == Outcome.Pass && r.Location == "表5 234");
        Assert.DoesNotContain(zero.Failures, f => f.Rule is "M1" or "M2");

        doc.Row(5, "234").Cells["total"] = 1m;
        var report = ConsistencyChecks.Run(SeedFile.LoadInto(doc), SeedCatalogs.For(2025));
        var m2 = Assert.Single(report.Failures, f => f.Rule == "M2");
        Assert.Equal(Severity.Warning, m2.Severity);
        Assert.Equal("科目编码 234（抗疫特别国债安排的支出）只在上一年度（2024 年）的功能分类目录中，2025 年目录已没有这个科目，本年却有金额，请核对编码", m2.Message);
    }

    [Fact]
    public void CatalogWarningsDoNotBlockPublishing()
    {
        var doc = Seed000();
        doc.Row(6, "30101").Code = "30198";
        var report = ConsistencyChecks.Run(SeedFile.LoadInto(doc), SeedCatalogs.For(2025));
        Assert.Contains(report.Failures, f => f.Rule == "M1" && f.Message.Contains("经济分类目录"));
        Assert.Equal(ConsistencyChecks.Run(SeedFile.LoadInto(doc)).Errors, report.Errors);
    }

    [Fact]
    public void WithoutTheCatalogsTheCatalogRulesCompareNothing()
    {
        var report = ConsistencyChecks.Run(SeedFiles.Get("000").Load());
        Assert.DoesNotContain(report.Results, r => r.Rule is "M1" or "M2");
        var empty = new YearCatalogs(new ClassificationCatalog(ClassificationScheme.Functional, 2025, [], []),
            new ClassificationCatalog(ClassificationScheme.Economic, 2025, [], []));
        Assert.DoesNotContain(ConsistencyChecks.Run(SeedFiles.Get("000").Load(), empty).Results, r => r.Rule is "M1" or "M2");
    }
}
