using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Classification;
using BudgetPortal.Domain.Tests.Seeds;
using Xunit.Abstractions;

namespace BudgetPortal.Domain.Tests.Lines;

/// <summary>
/// seeds/lines/NNN_*.csv: each seed's budget kept as lines (the line template's columns), made by
/// <see cref="LineSplit"/> from the seed's tables. The lines derive the seed's eleven published tables cell by
/// cell except exactly the cells listed here: printed sums that are not the sums of their printed parts (each
/// figure rounded on its own), which no set of lines can produce, and the figures that repeat them. They are
/// the rounding gaps the checks report on the published seeds (docs/checks.md).
/// </summary>
public sealed class SeedLinesTests(ITestOutputHelper output)
{
    /// <summary>Set to 1 to write the seeds' line files anew from the split (then read them by eye before committing).</summary>
    private const string WriteVariable = "BUDGET_WRITE_SEED_LINES";

    private static string LinesPath(SeedFile seed) => Path.Combine(SeedFiles.RepoRoot, "seeds", "lines", seed.Name + ".csv");

    private static IReadOnlyList<IReadOnlyList<string>> ReadGrid(string path) =>
        Csv.Grid(Csv.Parse(File.ReadAllText(path), LineSheet.MaxLines * 2, LineSheet.MaxCellLength));

    private static IReadOnlyList<BudgetLine> ReadLines(SeedFile seed)
    {
        var sheet = LineSheet.Read(ReadGrid(LinesPath(seed)));
        Assert.True(sheet.IsValid, string.Join(Environment.NewLine, sheet.Errors));
        return sheet.Lines;
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void EachSeedsLineFileIsTheSplitOfItsTables(string id)
    {
        var seed = SeedFiles.Get(id);
        var disclosure = seed.Load();
        var catalogs = SeedCatalogs.For(disclosure.FiscalYear);
        var split = LineSplit.Split(disclosure.Tables, disclosure.FiscalYear, catalogs, disclosure.DepartmentName);
        var grid = LineSheet.Write(split.Lines, catalogs);
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(LinesPath(seed))!);
            File.WriteAllText(LinesPath(seed), Csv.Write(grid), Csv.Utf8WithBom);
        }
        foreach (var choice in split.Choices) output.WriteLine(choice);

        var file = ReadGrid(LinesPath(seed));
        Assert.Equal(grid.Count, file.Count);
        for (var i = 0; i < grid.Count; i++)
            Assert.Equal(grid[i], file[i]);
        Assert.True(grid.Count > 20, $"only {grid.Count - 1} lines");
    }

    public static TheoryData<string, string[]> CellsNoLinesProduce => new()
    {
        // F5: 301 and 302 are printed 0.01 off the sums of their 款; 总计's 人员/公用经费 repeat the printed 类.
        {
            "000",
            [
                "表6 总计 人员经费 131.81 → 131.82", "表6 总计 公用经费 37.85 → 37.84",
                "表6 301 工资福利支出 合计 131.81 → 131.82", "表6 301 工资福利支出 人员经费 131.81 → 131.82",
                "表6 302 商品和服务支出 合计 37.85 → 37.84", "表6 302 商品和服务支出 公用经费 37.85 → 37.84",
            ]
        },
        // B2: 210 11 is printed 7.32, its 项 add up to 7.33 (and the 类 210 and 表1/表4 repeat 7.32); F5: the 款 of
        // 表6 add up to 145.11, 0.01 more than 表5's 基本支出 145.10, so one 款 gives 0.01.
        {
            "001",
            [
                "表1 210 卫生健康支出 预算数 7.32 → 7.33",
                "表2 210 卫生健康支出 总计 7.32 → 7.33", "表2 210 卫生健康支出 财政拨款(补助)小计 7.32 → 7.33", "表2 210 卫生健康支出 一般公共预算 7.32 → 7.33",
                "表2 210 11 行政事业单位医疗 总计 7.32 → 7.33", "表2 210 11 行政事业单位医疗 财政拨款(补助)小计 7.32 → 7.33", "表2 210 11 行政事业单位医疗 一般公共预算 7.32 → 7.33",
                "表3 210 卫生健康支出 合计 7.32 → 7.33", "表3 210 卫生健康支出 基本支出 7.32 → 7.33",
                "表3 210 11 行政事业单位医疗 合计 7.32 → 7.33", "表3 210 11 行政事业单位医疗 基本支出 7.32 → 7.33",
                "表4 210 卫生健康支出 合计 7.32 → 7.33", "表4 210 卫生健康支出 一般公共预算 7.32 → 7.33",
                "表5 210 卫生健康支出 合计 7.32 → 7.33", "表5 210 卫生健康支出 基本支出 7.32 → 7.33",
                "表5 210 11 行政事业单位医疗 合计 7.32 → 7.33", "表5 210 11 行政事业单位医疗 基本支出 7.32 → 7.33",
                "表6 总计 人员经费 126.71 → 126.72", "表6 总计 公用经费 18.39 → 18.38",
                "表6 301 工资福利支出 合计 125.98 → 125.99", "表6 301 工资福利支出 人员经费 125.98 → 125.99",
                "表6 301 01 基本工资 合计 31.70 → 31.69", "表6 301 01 基本工资 人员经费 31.70 → 31.69",
                "表6 302 商品和服务支出 合计 18.39 → 18.38", "表6 302 商品和服务支出 公用经费 18.39 → 18.38",
            ]
        },
        // B2: 210 11 is printed 7.12 and so are 210 and every total above it, but its 项 add up to 7.13: the
        // smallest change is one 项 (the one not paired with an economic 款 by rule F8) 0.01 lower.
        {
            "002",
            [
                "表2 210 11 99 其他行政事业单位医疗支出 总计 0.05 → 0.04", "表2 210 11 99 其他行政事业单位医疗支出 财政拨款(补助)小计 0.05 → 0.04",
                "表2 210 11 99 其他行政事业单位医疗支出 一般公共预算 0.05 → 0.04",
                "表3 210 11 99 其他行政事业单位医疗支出 合计 0.05 → 0.04", "表3 210 11 99 其他行政事业单位医疗支出 基本支出 0.05 → 0.04",
                "表5 210 11 99 其他行政事业单位医疗支出 合计 0.05 → 0.04", "表5 210 11 99 其他行政事业单位医疗支出 基本支出 0.05 → 0.04",
            ]
        },
        // A3, B1, C3, D3, E4: the 总计 (300.16, of it 294.06 一般公共预算) is printed 0.01 above the sum of its 类 and
        // 项, and the income lines repeat it; F5: 表6's 款 add up to 219.03, 0.02 short of the 项's 219.05.
        {
            "003",
            [
                "表1 一、本年收入 预算数 294.06 → 294.05", "表1 1、一般公共预算拨款 预算数 294.06 → 294.05", "表1 其中：一般财力 预算数 294.06 → 294.05",
                "表1 收入总计 预算数 300.16 → 300.15", "表1 支出总计 预算数 300.16 → 300.15",
                "表2 总计 总计 300.16 → 300.15", "表2 总计 财政拨款(补助)小计 294.06 → 294.05", "表2 总计 一般公共预算 294.06 → 294.05",
                "表3 总计 合计 300.16 → 300.15", "表3 总计 基本支出 219.06 → 219.05",
                "表4 一、财政拨款（补助） 合计 294.06 → 294.05", "表4 一般公共预算 合计 294.06 → 294.05",
                "表4 收入总计 合计 294.06 → 294.05", "表4 支出总计 合计 294.06 → 294.05", "表4 支出总计 一般公共预算 294.06 → 294.05",
                "表5 总计 合计 294.06 → 294.05", "表5 总计 基本支出 219.06 → 219.05",
                "表6 总计 合计 219.06 → 219.05", "表6 总计 公用经费 16.62 → 16.61",
                "表6 301 01 基本工资 合计 49.60 → 49.62", "表6 301 01 基本工资 人员经费 49.60 → 49.62",
                "表6 302 商品和服务支出 合计 16.62 → 16.61", "表6 302 商品和服务支出 公用经费 16.62 → 16.61",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(CellsNoLinesProduce))]
    public void TheLinesDeriveTheSeedsTablesButThePrintedSumsThatAreNotSums(string id, string[] cells)
    {
        var seed = SeedFiles.Get(id);
        var disclosure = seed.Load();
        var derived = LineDerivation.Derive(ReadLines(seed), disclosure.FiscalYear, SeedCatalogs.For(disclosure.FiscalYear), disclosure.DepartmentName);

        var differences = LineSplit.Compare(disclosure.Tables, derived, disclosure.FiscalYear);

        foreach (var d in differences) output.WriteLine(d.Message);
        Assert.Equal(cells, differences.Select(d => $"{d.Where} {Amounts.Format(d.Published)} → {Amounts.Format(d.FromLines)}"));
        // The rest agree, and there is a rest: every printed cell that is not listed.
        var printed = disclosure.Tables.Sum(t => t.Rows.Sum(r => r.Cells.Count));
        Assert.True(printed - cells.Length > 150, $"only {printed - cells.Length} cells agree");
        Assert.All(differences, d => Assert.True(Math.Abs(d.FromLines - d.Published) <= 0.02m, d.Message));
    }

    /// <summary>
    /// Why the cells above cannot be produced: every identity the published tables break (a sum and its parts
    /// as printed) has a cell among them, since derived tables keep every identity; and the rules of those
    /// identities are exactly the table rules the checks report on the published seed.
    /// </summary>
    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void EachIdentityThePublishedTablesBreakHasACellTheLinesCannotProduce(string id)
    {
        var seed = SeedFiles.Get(id);
        var disclosure = seed.Load();
        var derived = LineDerivation.Derive(ReadLines(seed), disclosure.FiscalYear, SeedCatalogs.For(disclosure.FiscalYear), disclosure.DepartmentName);
        var differing = LineSplit.Compare(disclosure.Tables, derived, disclosure.FiscalYear)
            .Select(d => (d.Table, d.Row, d.Column)).ToHashSet();

        var broken = BrokenRelations(disclosure).ToList();

        Assert.NotEmpty(broken);
        Assert.All(broken, b => Assert.True(b.Cells.Overlaps(differing), $"{b.Rule} {b.Where}: no cell of it differs"));
        var tableRules = broken.Select(b => b.Rule).ToHashSet();
        var reported = ConsistencyChecks.Run(disclosure).Failures.Select(f => f.Rule)
            .Where(rule => TableSchemas.ForYear(disclosure.FiscalYear).Any(s => s.Identities.Any(i => i.Rule == rule))).ToHashSet();
        Assert.Equal(reported.Order(), tableRules.Order());
    }

    /// <summary>
    /// A seed kept as its lines, its notes drafted from the derived tables as the portal drafts them (with the
    /// published wording), breaks no rule of the tables: they agree with each other by construction. Seed 000
    /// is then a document without check errors; the others keep only their errors outside the tables
    /// (001's performance sheet weighted 305).
    /// </summary>
    [Theory]
    [InlineData("000", new string[0])]
    [InlineData("001", new[] { "W1" })]
    [InlineData("002", new string[0])]
    [InlineData("003", new string[0])]
    public void ASeedKeptAsItsLinesBreaksNoRuleOfTheTables(string id, string[] errors)
    {
        var seed = SeedFiles.Get(id);
        var disclosure = seed.Load();
        var catalogs = SeedCatalogs.For(disclosure.FiscalYear);
        var prior = PriorYearFigures.FromNoteLines(disclosure);

        disclosure.SetLines(ReadLines(seed), catalogs);
        var drafter = new NoteDrafter(disclosure, prior);
        disclosure.SetNotes(disclosure.Notes.Select(n => NoteDrafter.DraftedKeys.Contains(n.Key) ? drafter.DraftedSection(n.Key, n.Heading) : n));
        var report = ConsistencyChecks.Run(disclosure, catalogs);

        foreach (var f in report.Failures) output.WriteLine($"{f.Rule} {f.Severity} {f.Location}: {f.Message}");
        Assert.True(disclosure.IsLineBased);
        var tableRules = ConsistencyChecks.Rules.Select(r => r.Id).Where(r => r[0] is >= 'A' and <= 'I' || r[0] == 'M').ToHashSet();
        Assert.True(tableRules.Count > 30);
        Assert.True(report.Results.Count(r => tableRules.Contains(r.Rule)) > 100, "too few comparisons of the tables");
        Assert.Empty(report.Failures.Where(f => tableRules.Contains(f.Rule)).Select(f => $"{f.Rule} {f.Message}"));
        Assert.Equal(errors, report.Failures.Where(f => f.Severity == Severity.Error).Select(f => f.Rule).Distinct());
    }

    private sealed record Broken(string Rule, string Where, HashSet<(TableKind, RowId, string)> Cells);

    private static IEnumerable<Broken> BrokenRelations(Disclosure disclosure)
    {
        foreach (var schema in TableSchemas.ForYear(disclosure.FiscalYear))
        {
            var rows = disclosure.Table(schema.Kind).Rows;
            foreach (var relation in schema.Relations(rows.Select(RowShape.Of).ToList()))
            {
                decimal At(CellAt cell) => cell.Row < 0 ? 0m : rows[cell.Row].Amount(cell.Column);
                var parts = relation.Identity is SidesEqual ? At(relation.Parts[0]) : relation.Parts.Sum(At);
                if (At(relation.Target) == parts) continue;
                var cells = relation.Parts.Prepend(relation.Target).Where(c => c.Row >= 0)
                    .Select(c => (schema.Kind, RowId.Across(rows[c.Row]), c.Column)).ToHashSet();
                yield return new Broken(relation.Identity.Rule, $"表{schema.Number} {relation.Row}", cells);
            }
        }
    }
}
