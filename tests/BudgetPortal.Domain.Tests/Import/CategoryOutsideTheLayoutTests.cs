using BudgetPortal.Domain.Import;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Import;

/// <summary>表1's 类 are read whatever the department: a 类 the layout does not list is read as printed and reported, never refused.</summary>
public sealed class CategoryOutsideTheLayoutTests
{
    [Fact]
    public void ACategoryTheLayoutDoesNotListIsReadAsPrinted()
    {
        const string printed = "3.国有资本经营预算拨款 208 社会保障和就业支出 20.25";
        var seed = SeedFiles.Get("000");
        Assert.Contains(printed, seed.SourceText);

        var result = DisclosureImporter.Import(seed.SourceText.Replace(printed, "3.国有资本经营预算拨款 218 新设的类支出 20.25"), "000-218", SeedImportTests.Catalog);

        Assert.True(result.Succeeded, result.Report.ToText());
        var row = result.Document!.Tables["1"].Rows.Single(r => r.Code == "218");
        Assert.Equal("新设的类支出", row.Name);
        Assert.Equal(20.25m, row.Cells["expenditure"]);
        Assert.Contains("科目编码 218 不在", result.Report.ToText());
    }

    [Fact]
    public void ANameOtherThanTheCatalogsIsReadAndReported()
    {
        const string printed = "3.国有资本经营预算拨款 208 社会保障和就业支出 20.25";
        var seed = SeedFiles.Get("000");

        var result = DisclosureImporter.Import(seed.SourceText.Replace(printed, "3.国有资本经营预算拨款 208 社会保障支出 20.25"), "000-name", SeedImportTests.Catalog);

        Assert.True(result.Succeeded, result.Report.ToText());
        Assert.Contains("208 的名称印为“社会保障支出”，标准为“社会保障和就业支出”", result.Report.ToText());
    }
}
