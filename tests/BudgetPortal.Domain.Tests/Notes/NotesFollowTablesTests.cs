using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Disclosures;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Notes;

/// <summary>The sections drafted by the portal follow every table save; typed wording and imported text stay.</summary>
public sealed class NotesFollowTablesTests
{
    /// <summary>A table with the same rows and amounts as <paramref name="table"/> (a new instance, as a form save makes).</summary>
    private static BudgetTable Copy(BudgetTable table) =>
        new(table.Kind, table.Rows.Select(r =>
        {
            var row = new TableRow(r.Kind, r.Code, r.Name, r.Key, r.Project);
            foreach (var cell in r.Cells) row.Set(cell.Column, cell.Amount);
            return row;
        }));

    private static IReadOnlyList<CheckResult> NoteFailures(Disclosure d) =>
        ConsistencyChecks.Run(d).Failures.Where(f => f.Location.StartsWith("说明", StringComparison.Ordinal)).ToList();

    [Fact]
    public void ADraftedSectionFollowsATableSave()
    {
        var (previous, next) = NextYearTests.Started();
        var table3 = previous.Table(TableKind.Expenditure);

        next.SetTable(Copy(table3), null);

        var note = next.Note("3")!;
        Assert.Equal(table3.Total!.Amount("total"), note.Number("total"));
        Assert.Equal(table3.Total!.Amount("basic"), note.Line("basic")!.Amount);
        Assert.Equal(0m, note.Line("basic")!.Change);
        Assert.Contains($"支出预算 {NoteFormat.Amount(table3.Total!.Amount("total"))} 万元", note.Paragraphs[0]);
        Assert.DoesNotContain(NoteFailures(next), f => f.Rule == "J4");
    }

    [Fact]
    public void SectionsNeverOpenedHaveNoFindingOnceEveryTableIsEntered()
    {
        var (previous, next) = NextYearTests.Started();
        Assert.NotEmpty(NoteFailures(WithTable3Only(previous)));

        foreach (var table in previous.Tables) next.SetTable(Copy(table), null);

        var failures = NoteFailures(next).Where(f => f.Severity == Severity.Error).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => $"[{f.Rule}] {f.Message}")));
        Assert.Equal(previous.Table(TableKind.IncomeAndExpenditure).Total!.Amount("income"), next.Note("1")!.Number("total"));
        Assert.True(next.Note("5.3")!.Lines.Count > 0);
    }

    /// <summary>Last year's disclosure with only 表3 entered and its notes drafted before: the notes are stale.</summary>
    private static Disclosure WithTable3Only(Disclosure previous)
    {
        var d = new Disclosure(previous.Department, previous.FiscalYear + 1);
        d.SetNotes([new NoteSection("3", "三、", [], [new NoteLine("basic") { Amount = 0m }])]);
        d.SetTable(Copy(previous.Table(TableKind.Expenditure)), null);
        return d;
    }

    [Fact]
    public void AnItemTakenOutOfTable5LeavesTheNotesWhenLastYearHadNone()
    {
        var (previous, next) = NextYearTests.Started();
        var table5 = previous.Table(TableKind.GeneralBudget);
        var extra = new TableRow(RowKind.Item, "2013102", "一般行政管理事务").Set("total", 3m).Set("project", 3m);
        next.SetTable(new BudgetTable(TableKind.GeneralBudget, Copy(table5).Rows.Append(extra)), null);
        Assert.NotNull(next.Note("5.3")!.Line("2013102"));

        next.SetTable(Copy(table5), null);

        Assert.Null(next.Note("5.3")!.Line("2013102"));
        Assert.Equal(table5.OfKind(RowKind.Item).Select(r => r.Code), next.Note("5.3")!.Lines.Select(l => l.Key));
    }

    [Fact]
    public void TypedWordingIsKeptWhenTheTablesChange()
    {
        var (previous, next) = NextYearTests.Started();
        var typed = next.Note("3")!;
        next.SetNotes(next.Notes.Where(n => n.Key != "3").Append(new NoteSection("3", typed.Heading, [],
            [new NoteLine("basic") { Reason = "人员经费增加" }, new NoteLine("project")], isDrafted: true)));

        next.SetTable(Copy(previous.Table(TableKind.Expenditure)), null);

        Assert.Equal("人员经费增加", next.Note("3")!.Line("basic")!.Reason);
        Assert.Contains("主要原因是人员经费增加", next.Note("3")!.Paragraphs[1]);
        Assert.Equal(typed.Heading, next.Note("3")!.Heading);
    }

    [Fact]
    public void AnImportedSectionKeepsItsTextWhenTheTablesChange()
    {
        var imported = SeedFiles.Get("000").Load();
        var before = imported.Note("3")!.Paragraphs.ToList();
        Assert.False(imported.Note("3")!.IsDrafted);

        imported.SetTable(new BudgetTable(TableKind.Expenditure, [new TableRow(RowKind.Total).Set("total", 1m).Set("basic", 1m)]), null);

        Assert.Equal(before, imported.Note("3")!.Paragraphs);
        Assert.Contains(NoteFailures(imported), f => f.Rule == "J4");
    }

    [Fact]
    public void ANewSignOffNameRenamesTheDraftedNotesAndTheirStandardHeadings()
    {
        var (_, next) = NextYearTests.Started();

        next.SetSignOff(new SignOff { Name = "改名后的服务中心" }, null);

        Assert.Equal("三、 关于改名后的服务中心 2026 年支出预算情况说明", next.Note("3")!.Heading);
        Assert.StartsWith("改名后的服务中心 2026 年支出预算", next.Note("3")!.Paragraphs[0]);
    }

    [Fact]
    public void ACorrectionKeepsWhichSectionsAreDrafted()
    {
        var (_, next) = NextYearTests.Started();
        next.SetNotes(next.Notes.Append(new NoteSection("12.5", "(五) 其他需说明的事项", ["本部门无其他需说明事项。"])));
        next.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(next));

        var correction = next.StartCorrection("更正表3");

        Assert.True(correction.Note("3")!.IsDrafted);
        Assert.False(correction.Note("12.5")!.IsDrafted);
    }

    [Fact]
    public void OnlyASectionThePortalDraftsCanBeMarkedDrafted() =>
        Assert.Throws<DomainException>(() => new NoteSection("12.5", "", [], isDrafted: true));
}
