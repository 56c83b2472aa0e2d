using BudgetPortal.Domain.Compliance;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Compliance;

/// <summary>The checklist read off a disclosure: each item on the seeds and on a seed with that part taken away.</summary>
public sealed class DisclosureChecklistTests
{
    private static Disclosure Seed(string id = "003") => SeedFiles.Get(id).Load();

    private static IReadOnlyList<ChecklistItem> Failed(Disclosure d) => DisclosureChecklist.Failures(d).Select(f => f.Item).ToList();

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void ASeedFailsOnlyWhatItReallyLacks(string seed)
    {
        var d = Seed(seed);
        var failures = DisclosureChecklist.Failures(d);
        // Every seed is a complete published document: its parts, sections and empty-table sentences are there.
        foreach (var item in new[] { ChecklistItem.EmptyTablesExplained, ChecklistItem.ThreePublicSection, ChecklistItem.RunningCostsSection,
                     ChecklistItem.ProcurementSection, ChecklistItem.AssetsSection, ChecklistItem.CorrectionReasons })
            Assert.DoesNotContain(failures, f => f.Item == item);
        // Every seed publishes a sheet for each project of 表7 (002's sheet adds 项目 to the project's name).
        Assert.DoesNotContain(failures, f => f.Item == ChecklistItem.ProjectTargets);
        Assert.NotEmpty(d.ProjectSheets);
        Assert.DoesNotContain(failures, f => f.Item == ChecklistItem.PartsPresent);
    }

    [Fact]
    public void AMissingTableOverviewNotesOrDepartmentSheetFailsPartsPresent()
    {
        var d = Seed();
        Assert.DoesNotContain(ChecklistItem.PartsPresent, Failed(d));
        d.SetPerformanceSheets(d.ProjectSheets.ToList());
        d.SetNotes([]);
        d.SetOverview(new Overview());
        var finding = Assert.Single(DisclosureChecklist.Failures(d), f => f.Item == ChecklistItem.PartsPresent);
        Assert.Equal("缺少部门概况、情况说明、部门整体绩效目标表", finding.Detail);

        var bare = new Disclosure(new Department("bare", "空白局"), 2025);
        Assert.Contains("表1、表2、表3", Assert.Single(DisclosureChecklist.Failures(bare), f => f.Item == ChecklistItem.PartsPresent).Detail);
    }

    [Fact]
    public void AnEmptyTableWithoutItsSentenceFailsAndWithItPasses()
    {
        var d = Seed();
        d.SetTable(new BudgetTable(TableKind.StateCapital, [], "某局 2025 年没有使用国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表。"), null);
        Assert.DoesNotContain(ChecklistItem.EmptyTablesExplained, Failed(d));
        d.SetTable(new BudgetTable(TableKind.StateCapital, []), null);
        var finding = Assert.Single(DisclosureChecklist.Failures(d), f => f.Item == ChecklistItem.EmptyTablesExplained);
        Assert.Equal("表9为空表，没有说明", finding.Detail);
    }

    [Theory]
    [InlineData("10", ChecklistItem.ThreePublicSection, "“三公”经费")]
    [InlineData("12.1", ChecklistItem.RunningCostsSection, "单位运行经费情况")]
    [InlineData("12.2", ChecklistItem.ProcurementSection, "政府采购情况")]
    [InlineData("12.3", ChecklistItem.AssetsSection, "国有资产占用使用情况")]
    public void ANoteSectionLeftOutFailsItsItemOnly(string key, ChecklistItem item, string named)
    {
        var d = Seed();
        Assert.DoesNotContain(item, Failed(d));
        d.SetNotes(d.Notes.Where(n => n.Key != key).ToList());
        var failed = Failed(d);
        Assert.Contains(item, failed);
        Assert.Contains(named, DisclosureChecklist.Failures(d).Single(f => f.Item == item).Detail);
        Assert.Single(failed, i => i is ChecklistItem.ThreePublicSection or ChecklistItem.RunningCostsSection or ChecklistItem.ProcurementSection or ChecklistItem.AssetsSection);
    }

    [Fact]
    public void AProjectOfTable7WithoutItsSheetFailsProjectTargets()
    {
        var d = Seed();
        var projects = d.Table(TableKind.GeneralBudgetProjects).OfKind(RowKind.Project).Select(r => r.Project!).Distinct().ToList();
        Assert.NotEmpty(projects);
        // Keep only the department sheet and the sheets of all projects but the first.
        var kept = d.PerformanceSheets.Where(s => s.Kind == SheetKind.Department || s.Name != projects[0]).ToList();
        d.SetPerformanceSheets(kept);
        var finding = Assert.Single(DisclosureChecklist.Failures(d), f => f.Item == ChecklistItem.ProjectTargets);
        Assert.Contains($"“{TextLimits.Preview(projects[0])}”", finding.Detail);
        Assert.Contains($"表7的 {projects.Count} 个项目中", finding.Detail);
        Assert.Contains("有 1 个没有", finding.Detail);
    }

    [Fact]
    public void ACorrectionWithoutItsReasonFailsAndOneWithItsReasonPasses()
    {
        var original = Seed();
        original.Publish(DateTimeOffset.UtcNow, new CheckReport([]));
        var corrected = original.StartCorrection("表3 一个项目的金额抄错");
        Assert.DoesNotContain(ChecklistItem.CorrectionReasons, Failed(corrected));
        // An imported second version that says nothing of why.
        var unexplained = new Disclosure(new Department("imp", "导入局"), 2025, version: 2);
        Assert.Equal("第 2 版更正了上一版，没有说明原因", DisclosureChecklist.Failures(unexplained).Single(f => f.Item == ChecklistItem.CorrectionReasons).Detail);
        Assert.DoesNotContain(ChecklistItem.CorrectionReasons, Failed(original));
    }
}
