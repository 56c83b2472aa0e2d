using BudgetPortal.Web.Tests.Infrastructure;
using System.Text;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Web.Classification;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BudgetPortal.Web.Tests.Classification;

/// <summary>The ministry's files as they come: .xlsx with 类/款/项 columns and numbers for codes, CSV in GB18030 or quoted.</summary>
public sealed class CatalogFileTests
{
    static CatalogFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Workbook(params string[][] rows) => TestWorkbook.OneSheet("功能分类", rows);

    [Fact]
    public void AWorkbookWithLeiKuanXiangColumnsIsReadByItsExcelRows()
    {
        var content = Workbook(
            ["2026年支出功能分类科目"],
            [],
            ["科目编码", "", "", "科目名称"],
            ["类", "款", "项", ""],
            ["201", "", "", "一般公共服务支出"],
            ["", "13", "", "　　商贸事务"],
            ["", "", "50", "　　　　事业运行"],
            ["", "", "1", "　　　　行政运行"]);
        var sheet = CatalogFile.Read(ClassificationScheme.Functional, "2026.xlsx", content);
        Assert.True(sheet.IsValid, string.Join("\n", sheet.Errors));
        Assert.Equal([(5, "201", "一般公共服务支出"), (6, "20113", "商贸事务"), (7, "2011350", "事业运行"), (8, "2011301", "行政运行")],
            sheet.Lines.Select(l => (l.Line, l.Code, l.Name)));
    }

    [Fact]
    public void AWorkbookLongerThanTheLimitIsRefused()
    {
        var rows = new[] { new[] { "编码", "名称" } }.Concat(Enumerable.Range(0, 41_000).Select(_ => new[] { "201", "一般公共服务支出" })).ToArray();
        var sheet = CatalogFile.Read(ClassificationScheme.Functional, "big.xlsx", Workbook(rows));
        Assert.Contains("超过 20,000 行的上限", Assert.Single(sheet.Errors));
    }

    [Fact]
    public void AGb18030CsvWithQuotedFieldsIsRead()
    {
        var csv = "编码,名称\r\n201,一般公共服务支出\r\n20113,\"商贸事务\"\r\n2011350,\"事业运行（含\"\"其他\"\"，试点）\"\r\n";
        var sheet = CatalogFile.Read(ClassificationScheme.Functional, "目录.csv", Encoding.GetEncoding("GB18030").GetBytes(csv));
        Assert.True(sheet.IsValid, string.Join("\n", sheet.Errors));
        Assert.Equal("事业运行（含\"其他\"，试点）", sheet.Lines[2].Name);
    }

    [Fact]
    public void WhatIsNotACatalogFileIsRefusedInChinese()
    {
        Assert.Contains("不是有效的 Excel 工作簿", Assert.Single(CatalogFile.Read(ClassificationScheme.Functional, "a.xlsx", [1, 2, 3]).Errors));
        Assert.Contains("另存为 .xlsx 或 CSV", Assert.Single(CatalogFile.Read(ClassificationScheme.Functional, "a.xls", [1, 2, 3]).Errors));
        Assert.Contains("是空的", Assert.Single(CatalogFile.Read(ClassificationScheme.Functional, "a.csv", []).Errors));
        var big = new byte[CatalogFile.MaxBytes + 1];
        Assert.Contains("超过 5 MB 的上限", Assert.Single(CatalogFile.Read(ClassificationScheme.Functional, "a.csv", big).Errors));
    }
}
