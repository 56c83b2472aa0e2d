using System.Text.RegularExpressions;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Builders;

namespace BudgetPortal.Domain.Tests.Disclosures;

public sealed partial class DisclosureTests
{
    private static readonly DateTimeOffset PublishedAt = new(2025, 2, 14, 10, 0, 0, TimeSpan.FromHours(8));

    private static BudgetTable Table3(decimal total) =>
        new(TableKind.Expenditure, [new TableRow(RowKind.Total).Set("total", total).Set("basic", total)]);

    /// <summary>Every way of changing a disclosure's content.</summary>
    private static readonly Dictionary<string, Action<Disclosure>> Edits = new()
    {
        ["SetTable"] = d => d.SetTable(Table3(1.00m), null),
        ["SetNotes"] = d => d.SetNotes([new NoteSection("12.5", "(五) 其他需说明的事项", ["本部门无其他需说明事项。"])]),
        ["SetOverview"] = d => d.SetOverview(new Overview { Functions = ["（一）……"] }),
        ["SetSignOff"] = d => d.SetSignOff(new SignOff { Name = DisclosureBuilder.DepartmentName, Text = "2025 年 2月 14 日" }, null),
        ["SetSource"] = d => d.SetSource("other.txt", hasCover: true),
        ["SetPerformanceSheets"] = d => d.SetPerformanceSheets([new PerformanceSheet(SheetKind.Project, 2025, "机关运行补助经费", [])]),
    };

    public static TheoryData<string> EditNames => [.. Edits.Keys];

    [Theory]
    [MemberData(nameof(EditNames))]
    public void DraftAcceptsEdits(string edit)
    {
        var disclosure = new DisclosureBuilder().Build();

        Edits[edit](disclosure);

        Assert.False(disclosure.IsPublished);
    }

    [Theory]
    [MemberData(nameof(EditNames))]
    public void PublishedDisclosureRejectsEditsInChinese(string edit)
    {
        var disclosure = new DisclosureBuilder().Build();
        disclosure.Publish(PublishedAt, ConsistencyChecks.Run(disclosure));

        var e = Assert.Throws<DomainException>(() => Edits[edit](disclosure));

        Assert.Matches(Chinese(), e.Message);
        Assert.Contains("已发布", e.Message);
    }

    [Fact]
    public void PublishingFreezesTheTables()
    {
        var disclosure = new DisclosureBuilder().Build();
        disclosure.SetTable(Table3(179.66m), null);
        disclosure.Publish(PublishedAt, ConsistencyChecks.Run(disclosure));

        Assert.Throws<DomainException>(() => disclosure.SetTable(Table3(1.00m), null));

        Assert.Equal(179.66m, disclosure.Table(TableKind.Expenditure).Total!.Amount("total"));
    }

    [Fact]
    public void PublishingRecordsTheTime()
    {
        var disclosure = new DisclosureBuilder().Build();

        disclosure.Publish(PublishedAt, ConsistencyChecks.Run(disclosure));

        Assert.True(disclosure.IsPublished);
        Assert.Equal(PublishedAt, disclosure.PublishedAt);
    }

    [Fact]
    public void PublishingTwiceIsRejected()
    {
        var disclosure = new DisclosureBuilder().Build();
        disclosure.Publish(PublishedAt, ConsistencyChecks.Run(disclosure));

        Assert.Throws<DomainException>(() => disclosure.Publish(PublishedAt.AddDays(1), ConsistencyChecks.Run(disclosure)));
        Assert.Equal(PublishedAt, disclosure.PublishedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void CorrectionVersionNeedsAReason(string? reason)
    {
        var disclosure = new DisclosureBuilder().AsVersion(2).Build();

        var e = Assert.Throws<DomainException>(() => disclosure.Publish(PublishedAt, ConsistencyChecks.Run(disclosure), reason));

        Assert.Contains("更正原因", e.Message);
        Assert.False(disclosure.IsPublished);
    }

    [Fact]
    public void CorrectionVersionPublishesWithItsReason()
    {
        var disclosure = new DisclosureBuilder().AsVersion(2).Build();

        disclosure.Publish(PublishedAt, ConsistencyChecks.Run(disclosure), " 十二(四) 涉及预算金额应为 318.10 万元。 ");

        Assert.True(disclosure.IsPublished);
        Assert.Equal("十二(四) 涉及预算金额应为 318.10 万元。", disclosure.CorrectionReason);
    }

    [Fact]
    public void FirstVersionPublishesWithoutAReason()
    {
        var disclosure = new DisclosureBuilder().Build();

        disclosure.Publish(PublishedAt, ConsistencyChecks.Run(disclosure));

        Assert.Null(disclosure.CorrectionReason);
    }

    [Theory]
    [InlineData(1999, 1)]
    [InlineData(2101, 1)]
    [InlineData(2025, 0)]
    public void YearAndVersionMustBeValid(int year, int version) =>
        Assert.Throws<DomainException>(() => new DisclosureBuilder().ForYear(year).AsVersion(version).Build());

    [Fact]
    public void SetTableRejectsAColumnTheSchemaDoesNotHave()
    {
        var disclosure = new DisclosureBuilder().Build();
        var table = new BudgetTable(TableKind.Expenditure, [new TableRow(RowKind.Category, "201", "一般公共服务支出").Set("income", 1m)]);

        var e = Assert.Throws<DomainException>(() => disclosure.SetTable(table, null));

        Assert.Contains("表3", e.Message);
        Assert.Contains("income", e.Message);
    }

    [Fact]
    public void SetTableRejectsAFixedLineTheSchemaDoesNotHave()
    {
        var disclosure = new DisclosureBuilder().Build();
        var table = new BudgetTable(TableKind.ThreePublicExpenses, [new TableRow(RowKind.Fixed, key: "meetings").Set("total", 1m)]);

        var e = Assert.Throws<DomainException>(() => disclosure.SetTable(table, null));

        Assert.Contains("表10", e.Message);
        Assert.Contains("meetings", e.Message);
    }

    [Fact]
    public void SetNotesRejectsADuplicateSection()
    {
        var disclosure = new DisclosureBuilder().Build();
        var section = () => new NoteSection("5.2", "（二）一般公共预算当年拨款结构情况", []);

        var e = Assert.Throws<DomainException>(() => disclosure.SetNotes([section(), section()]));

        Assert.Contains("五(二)", e.Message);
    }

    [Fact]
    public void NotesAreKeptInPrintedOrder()
    {
        var disclosure = new DisclosureBuilder().Build();

        disclosure.SetNotes([new NoteSection("12.1", "(一) 单位运行经费情况", []), new NoteSection("5.1", "（一）…", []),
            new NoteSection("10", "十、…", []), new NoteSection("2", "二、…", [])]);

        Assert.Equal(new[] { "2", "5.1", "10", "12.1" }, disclosure.Notes.Select(n => n.Key));
    }

    [Fact]
    public void ATableNeverSetReadsAsEmpty() =>
        Assert.True(new DisclosureBuilder().Build().Table(TableKind.StateCapital).IsEmpty);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
