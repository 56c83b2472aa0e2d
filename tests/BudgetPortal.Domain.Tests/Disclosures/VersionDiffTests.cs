using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Disclosures;

public sealed class VersionDiffTests
{
    [Fact]
    public void AVersionEqualToTheOneBeforeHasNoChanges() =>
        Assert.True(VersionDiff.Between(SeedFiles.Get("001").Load(), SeedFiles.Get("001").Load()).IsEmpty);

    [Fact]
    public void AChangedCellIsReportedWithItsRowColumnAndBothFigures()
    {
        var doc = SeedFiles.Get("000").Document;
        doc.Tables["3"].Rows.First(r => r.Code == "2013150").Cells["basic"] = 131.20m;
        var diff = VersionDiff.Between(SeedFiles.Get("000").Load(), SeedFile.LoadInto(doc));
        var change = Assert.Single(diff.Cells);
        Assert.Equal((3, "201 31 50 事业运行", "基本支出", 131.10m, 131.20m), (change.Table, change.Row, change.Column, change.Before, change.After));
        Assert.Empty(diff.Texts);
    }

    [Fact]
    public void ARemovedRowShowsItsCellsGoingBlank()
    {
        var doc = SeedFiles.Get("003").Document;
        doc.Tables["11"].Rows.RemoveAll(r => r.Kind == "project");
        var diff = VersionDiff.Between(SeedFiles.Get("003").Load(), SeedFile.LoadInto(doc));
        Assert.All(diff.Cells.Where(c => c.Row.StartsWith("项目", StringComparison.Ordinal)), c => Assert.Null(c.After));
        Assert.Equal(3, diff.Cells.Count(c => c.Table == 11));
    }

    [Fact]
    public void AChangedParagraphIsReportedWithItsSection()
    {
        var doc = SeedFiles.Get("002").Document;
        doc.Notes.First(n => n.Key == "2").Paragraphs[1] = "改过的一段。";
        var text = Assert.Single(VersionDiff.Between(SeedFiles.Get("002").Load(), SeedFile.LoadInto(doc)).Texts);
        Assert.Equal("情况说明二 第 2 段", text.Part);
        Assert.Equal("改过的一段。", text.After);
    }
}

public sealed class DocumentCopyTests
{
    [Fact]
    public void EditingADocumentMadeFromADisclosureLeavesTheDisclosureAlone()
    {
        var disclosure = SeedFiles.Get("000").Load();
        var doc = disclosure.ToDocument();
        doc.Notes[1].Paragraphs[0] += "改";
        doc.Overview.Functions[0] += "改";
        doc.Overview.InternalUnits.Add("新科室");
        Assert.DoesNotContain("改", disclosure.Notes[1].Paragraphs[0]);
        Assert.DoesNotContain("改", disclosure.Overview.Functions[0]);
        Assert.DoesNotContain("新科室", disclosure.Overview.InternalUnits);
    }
}
