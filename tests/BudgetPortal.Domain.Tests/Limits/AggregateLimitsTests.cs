using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Builders;

namespace BudgetPortal.Domain.Tests.Limits;

/// <summary>
/// The aggregate refuses what the database could not store or the pages could not sum: an amount past
/// the ceiling or with a third decimal, a text past its column, NUL — on every way in, with a message
/// naming the table, row and column (or the field), and nothing changed.
/// </summary>
public sealed class AggregateLimitsTests
{
    private const decimal Overflowing = 79228162514264337593543950335m;

    private static BudgetTable Table3(decimal total) =>
        new(TableKind.Expenditure, [new TableRow(RowKind.Total).Set("total", total).Set("basic", total)]);

    [Theory]
    [InlineData("79228162514264337593543950335", "超出上限")]
    [InlineData("75.004", "最多两位小数")]
    [InlineData("1000000000.00", "超出上限")]
    [InlineData("-1", "不能为负数")]
    public void SetTableRefusesAnAmountOutsideTheLimitsNamingTableRowAndColumn(string amount, string why)
    {
        var disclosure = new DisclosureBuilder().Build();
        var before = disclosure.Table(TableKind.Expenditure).Total?.Amount("total");

        var e = Assert.Throws<DomainException>(() => disclosure.SetTable(Table3(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)), null));

        Assert.Contains("表3“总计”行“合计”列", e.Message);
        Assert.Contains(why, e.Message);
        Assert.Equal(before, disclosure.Table(TableKind.Expenditure).Total?.Amount("total"));
    }

    [Fact]
    public void SetTableAcceptsTheCeilingWithTwoDecimals()
    {
        var disclosure = new DisclosureBuilder().Build();

        disclosure.SetTable(Table3(AmountLimits.Maximum), null);

        Assert.Equal(AmountLimits.Maximum, disclosure.Table(TableKind.Expenditure).Total!.Amount("total"));
    }

    [Fact]
    public void ADocumentWithAThirdDecimalIsRefusedNamingItsPlace()
    {
        // The JSON/text import path: the document is applied to a draft through the aggregate.
        var disclosure = new DisclosureBuilder().Build();
        var doc = disclosure.ToDocument();
        doc.Tables["3"].Rows = [new RowDoc { Kind = "total", Cells = new() { ["total"] = 75.004m, ["basic"] = 75.004m } }];
        var target = new Disclosure(disclosure.Department, disclosure.FiscalYear, 2);

        var e = Assert.Throws<DomainException>(() => doc.ApplyTo(target, null));

        Assert.Contains("表3“总计”行", e.Message);
        Assert.Contains("75.004", e.Message);
    }

    [Theory]
    [InlineData(75.004, "最多两位小数")]
    [InlineData(1_000_000_000, "超出上限")]
    public void APerformanceSheetsFundsAreBoundedLikeTheTables(double funds, string why)
    {
        var disclosure = new DisclosureBuilder().Build();
        var sheet = new PerformanceSheet(SheetKind.Project, 2025, "机关运行补助经费", []) { FundsTotal = (decimal)funds };

        var e = Assert.Throws<DomainException>(() => disclosure.SetPerformanceSheets([sheet]));

        Assert.Contains("项目支出绩效目标表“机关运行补助经费”的年度预算总额", e.Message);
        Assert.Contains(why, e.Message);
        Assert.Empty(disclosure.ProjectSheets);
    }

    [Fact]
    public void ANoteFigureQuotedFromTheTextKeepsItsPrintedDecimalsButNotAnOverflowingValue()
    {
        // Seed 001 prints 308.101 万元 in 十二(四): a quotation is kept as printed; only its range is bounded.
        var disclosure = new DisclosureBuilder().Build();
        disclosure.SetNotes([new NoteSection("12.4", "(四) 预算绩效情况", [], figures: [new NoteFigure("overallAmount", 308.101m)])]);
        Assert.Equal(308.101m, disclosure.Note("12.4")!.Number("overallAmount"));

        var e = Assert.Throws<DomainException>(() =>
            disclosure.SetNotes([new NoteSection("12.4", "(四) 预算绩效情况", [], figures: [new NoteFigure("overallAmount", Overflowing)])]));
        Assert.Contains("情况说明十二(四)的数据项“overallAmount”", e.Message);
        Assert.Equal(308.101m, disclosure.Note("12.4")!.Number("overallAmount"));
    }

    [Theory]
    [InlineData("name", TextLimits.RowName, "科目名称最多 300 个字")]
    [InlineData("project", TextLimits.RowProject, "项目名称最多 300 个字")]
    [InlineData("key", TextLimits.RowKey, "行标识最多 64 个字")]
    public void ARowRefusesATextLongerThanItsColumn(string field, int limit, string message)
    {
        var text = new string('长', limit + 1);
        var fits = new string('长', limit);

        var e = Assert.Throws<DomainException>(() => Row(field, text));
        Assert.Contains(message, e.Message);
        Assert.Contains($"现有 {limit + 1} 个", e.Message);
        Row(field, fits);

        static TableRow Row(string field, string text) => field switch
        {
            "name" => new TableRow(RowKind.Item, "2010101", text),
            "project" => new TableRow(RowKind.Project, "2010101", "行政运行", project: text),
            _ => new TableRow(RowKind.Fixed, key: text),
        };
    }

    [Fact]
    public void AnEmptyTablesSentenceIsLimitedTo500()
    {
        var e = Assert.Throws<DomainException>(() => new BudgetTable(TableKind.StateCapital, [], new string('空', TextLimits.EmptyText + 1)));
        Assert.Contains("表9的空表说明最多 500 个字", e.Message);
    }

    [Fact]
    public void SheetUnitSignOffAndCommentsAreLimitedToTheirColumns()
    {
        var disclosure = new DisclosureBuilder().Build();
        var sheet = new PerformanceSheet(SheetKind.Project, 2025, "机关运行补助经费", []) { Unit = new string('单', TextLimits.SheetUnit + 1) };
        Assert.Contains("的预算单位最多 300 个字", Assert.Throws<DomainException>(() => disclosure.SetPerformanceSheets([sheet])).Message);

        var signOff = new SignOff { Name = DisclosureBuilder.DepartmentName, Text = new string('日', TextLimits.SignOffText + 1) };
        Assert.Contains("落款日期行最多 100 个字", Assert.Throws<DomainException>(() => disclosure.SetSignOff(signOff, null)).Message);
        Assert.NotEqual(signOff.Text, disclosure.SignOff.Text);
    }

    [Fact]
    public void NulIsRefusedInTextsOfTheAggregate()
    {
        var disclosure = new DisclosureBuilder().Build();
        Assert.Contains("空字符", Assert.Throws<DomainException>(() => new TableRow(RowKind.Item, "2010101", "行政\0运行")).Message);
        Assert.Contains("空字符", Assert.Throws<DomainException>(() =>
            disclosure.SetNotes([new NoteSection("12.5", "(五) 其他需说明的事项", ["本部门\0无其他需说明事项。"])])).Message);
    }

    [Fact]
    public void AFrozenCheckKeepsItsLocationWithinItsColumn()
    {
        // A 表7 project name may have 300 characters; the location quoting it with its table is longer.
        var location = $"表7“{new string('项', 300)}”行“合计”列";

        var frozen = new PublishedCheck(0, new CheckResult("G1", Severity.Error, Outcome.Pass, "…", location));

        Assert.Equal(TextLimits.CheckLocation, frozen.Location.Length);
        Assert.StartsWith("表7“项项", frozen.Location);
    }

    [Fact]
    public void ADepartmentNameWithNulIsRefused() =>
        Assert.Contains("空字符", Assert.Throws<DomainException>(() => new Department("nul-dept", "部门\0名称")).Message);

    [Fact]
    public void TheAuditLogClipsWhatWasAttemptedInsteadOfRefusingIt()
    {
        var entry = new AuditEntry(DateTimeOffset.UtcNow, new string('a', 300) + "\0", AuditAction.LoginFailed, null, new string('x', 3000));

        Assert.Equal(TextLimits.UserName, entry.UserName.Length);
        Assert.DoesNotContain('\0', entry.UserName);
        Assert.Equal(TextLimits.AuditDetail, entry.Detail.Length);
    }

    [Fact]
    public void ChecksOfADraftHoldingAnOverflowingAmountFailInsteadOfThrowing()
    {
        // A draft stored before the limit existed: its figures reach the checks only through the database,
        // which materialises rows without the aggregate; the checks must not throw OverflowException.
        var disclosure = new DisclosureBuilder().Build();
        disclosure.SetTable(new BudgetTable(TableKind.Expenditure,
            [new TableRow(RowKind.Total).Set("total", 2m).Set("basic", 1m).Set("project", 1m)]), null);
        var basic = disclosure.Table(TableKind.Expenditure).Total!.Cells.Single(c => c.Column == "basic");
        typeof(TableCell).GetProperty(nameof(TableCell.Amount))!.SetValue(basic, Overflowing);
        var one = 1m;
        Assert.Throws<OverflowException>(() => Overflowing + one);   // what C1 (基本 + 项目) computes

        var report = ConsistencyChecks.Run(disclosure);

        Assert.Contains(report.Results, r => r.Outcome == Outcome.Fail && r.Message.Contains("超出上限") && r.Message.Contains("表3“总计”行“基本支出”列"));
    }
}
