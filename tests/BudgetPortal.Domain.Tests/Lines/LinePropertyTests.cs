using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Builders;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Outcome = BudgetPortal.Domain.Disclosures.Outcome;

namespace BudgetPortal.Domain.Tests.Lines;

/// <summary>A budget as lines, printed one per line when a property fails.</summary>
public sealed record LineSet(IReadOnlyList<BudgetLine> Lines)
{
    public override string ToString() => $"{Lines.Count} 行：\n" + string.Join("\n", Lines);
}

/// <summary>
/// Random budgets over the 2025 catalogs (<see cref="LineCatalogs"/>): any 项, any 款 with a kind of spending
/// it allows, every source of money (mostly 一般公共预算, as real budgets are), amounts from 0.01 to
/// 100,000.00 万元, a few project names shared between 项 and sources. A failing set shrinks by dropping lines.
/// </summary>
public static class LineSets
{
    private static readonly string[] Items =
        [.. LineCatalogs.For2025.Functional.Current.Where(c => c.Code.Length == 7).Select(c => c.Code)];

    private static readonly string[] Economic =
        [.. LineCatalogs.For2025.Economic.Current.Where(c => c.Code.Length == 5).Select(c => c.Code)];

    private static readonly string[] Projects = ["机构运行补助经费", "信息化建设运行维护费", "考核业务经费", "援疆工作经费"];

    private static Gen<LineSpending> SpendingFor(string economic) => economic[..3] switch
    {
        "301" or "303" => Gen.Elements(LineSpending.Personnel, LineSpending.Personnel, LineSpending.Project),
        "302" => Gen.Elements(LineSpending.Public, LineSpending.Public, LineSpending.Project),
        _ => Gen.Constant(LineSpending.Project),
    };

    public static Gen<BudgetLine> Line { get; } =
        from item in Gen.Elements(Items)
        from economic in Gen.Elements(Economic)
        from spending in SpendingFor(economic)
        from source in Gen.Frequency((5, Gen.Constant(MoneySource.GeneralBudget)), (4, Gen.Elements(Enum.GetValues<MoneySource>())))
        from cents in Gen.Frequency((6, Gen.Choose(1, 10_000_000)), (2, Gen.Choose(1, 10_000)), (1, Gen.Choose(1, 10)))
        from project in Gen.Elements(Projects)
        select new BudgetLine(item, economic, spending, source, cents / 100m, spending == LineSpending.Project ? project : null);

    public static Arbitrary<LineSet> Budgets() =>
        Arb.From(Gen.ListOf(Line).Select(lines => new LineSet([.. lines])),
            set => Enumerable.Range(0, set.Lines.Count).Select(i => new LineSet([.. set.Lines.Where((_, j) => j != i)])));
}

/// <summary>
/// Tables derived from lines cannot disagree: on any line set, every table rule of docs/checks.md (A–I, M)
/// finds no error and no rounding gap, the tables state what the lines say, and computing them again from
/// their own leaves changes nothing.
/// </summary>
public sealed class LinePropertyTests
{
    private static readonly YearCatalogs Catalogs = LineCatalogs.For2025;

    /// <summary>The rules about the tables (A–I) and their codes (M); J–N read notes and performance sheets.</summary>
    public static bool IsTableRule(string rule) => rule[0] is >= 'A' and <= 'I' or 'M';

    private static Disclosure WithLines(LineSet set)
    {
        var disclosure = new DisclosureBuilder().Build();
        disclosure.SetLines(set.Lines.Select(l => l.Copy()), Catalogs);
        return disclosure;
    }

    [Property(Arbitrary = [typeof(LineSets)], MaxTest = 300)]
    public void EveryTableRuleHoldsOnTheDerivedTables(LineSet set)
    {
        var report = ConsistencyChecks.Run(WithLines(set), Catalogs);
        var failures = report.Failures.Where(f => IsTableRule(f.Rule) && f.Severity is Severity.Error or Severity.Rounding).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => $"{f.Rule} {f.Location}: {f.Message}")));
    }

    /// <summary>Not vacuous: on a budget with every source of money and every use, each table rule compares figures, and all agree.</summary>
    [Fact]
    public void EveryTableRuleComparesFiguresOfABudgetWithEverySourceAndUse()
    {
        var lines = Enum.GetValues<MoneySource>().SelectMany((source, i) => new[]
        {
            new BudgetLine(i % 2 == 0 ? "2013150" : "2080505", "30101", LineSpending.Personnel, source, 10m + i),
            new BudgetLine("2013150", "30217", LineSpending.Public, source, 1m + i / 100m),
            new BudgetLine(i % 3 == 0 ? "2013299" : "2101102", i % 2 == 0 ? "31013" : "30231", LineSpending.Project, source, 5m, $"项目{i % 4}"),
        }).ToList();

        var report = ConsistencyChecks.Run(WithLines(new LineSet(lines)), Catalogs);

        var compared = 0;
        foreach (var rule in ConsistencyChecks.Rules.Where(r => IsTableRule(r.Id) && r.Severity == Severity.Error))
        {
            var results = report.Results.Where(r => r.Rule == rule.Id).ToList();
            Assert.True(results.Count > 0, $"{rule.Id} compared nothing");
            Assert.All(results, r => Assert.True(r.Outcome == Outcome.Pass, $"{r.Rule} {r.Location}: {r.Message}"));
            compared += results.Count;
        }
        Assert.True(compared > 300, $"only {compared} comparisons");
    }

    [Property(Arbitrary = [typeof(LineSets)], MaxTest = 100)]
    public void TheTablesStateWhatTheLinesSay(LineSet set)
    {
        var t = LineDerivation.Derive(set.Lines, 2025, Catalogs, DisclosureBuilder.DepartmentName).ToDictionary(x => x.Kind);
        decimal Sum(Func<BudgetLine, bool> which) => set.Lines.Where(which).Sum(l => l.Amount);
        static bool Current(BudgetLine l) => l.SourceInfo.IsCurrentFiscal;
        static bool General(BudgetLine l) => Current(l) && l.SourceInfo.Budget == Budget.General;

        Assert.Equal(Sum(_ => true), t[TableKind.IncomeAndExpenditure].MainTotal);
        Assert.Equal(Sum(_ => true), t[TableKind.IncomeAndExpenditure].TotalOf(ColumnKeys.Income));
        Assert.Equal(Sum(l => l.IsBasic), t[TableKind.Expenditure].TotalOf(ColumnKeys.Basic));
        Assert.Equal(Sum(Current), t[TableKind.FiscalAppropriation].MainTotal);
        Assert.Equal(Sum(General), t[TableKind.GeneralBudget].MainTotal);
        Assert.Equal(Sum(l => General(l) && l.IsBasic), t[TableKind.GeneralBudgetBasic].MainTotal);
        Assert.Equal(Sum(l => General(l) && !l.IsBasic), t[TableKind.GeneralBudgetProjects].MainTotal);
        Assert.Equal(Sum(l => Current(l) && l.SourceInfo.Budget == Budget.GovFund), t[TableKind.GovernmentFund].MainTotal);
        Assert.Equal(Sum(l => Current(l) && l.SourceInfo.Budget == Budget.StateCapital), t[TableKind.StateCapital].MainTotal);
        Assert.Equal(Sum(l => l.SourceInfo.Carryover != Carryover.None), t[TableKind.Carryover].MainTotal);
        foreach (var (economic, line) in TableSchemas.ThreePublicItems)
            Assert.Equal(Sum(l => Current(l) && l.EconomicCode == economic), t[TableKind.ThreePublicExpenses].FixedOf(line, ColumnKeys.Total));
        foreach (var item in set.Lines.GroupBy(l => l.FunctionalCode))
            Assert.Equal(item.Sum(l => l.Amount), t[TableKind.Income].CellOf(item.Key, ColumnKeys.Total));
        foreach (var project in set.Lines.Where(l => General(l) && !l.IsBasic).GroupBy(l => (l.FunctionalCode, l.Project)))
            Assert.Equal(project.Sum(l => l.Amount),
                t[TableKind.GeneralBudgetProjects].OfKind(RowKind.Project).Single(r => (r.Code, r.Project) == project.Key).Amount(ColumnKeys.Total));
        // A table is empty exactly when no line reaches it, and then prints its sentence.
        foreach (var table in t.Values)
            Assert.Equal(table.Rows.Count == 0 && TableSchemas.For(table.Kind, 2025).EmptySentence is not null, table.EmptyText is not null);
    }

    [Property(Arbitrary = [typeof(LineSets)], MaxTest = 100)]
    public void ComputingADerivedTableAgainChangesNothing(LineSet set)
    {
        foreach (var table in LineDerivation.Derive(set.Lines, 2025, Catalogs, DisclosureBuilder.DepartmentName))
        {
            var again = table.Copy();
            TableSchemas.For(table.Kind, 2025).Fill(again);
            Assert.Equal(Cells(table), Cells(again));
            // No blank row: every printed row has money (zero lines are not printed, as the seeds print them).
            Assert.All(table.Rows, r => Assert.NotEmpty(r.Cells));
        }
    }

    private static List<string> Cells(BudgetTable table) =>
        [.. table.Rows.SelectMany(r => r.Cells.Select(c => $"{RowId.Across(r)} {c.Column} {c.Amount}"))];
}
