using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Tables;

/// <summary>
/// The identities each schema states: they name real columns and rules, a table breaking any one of
/// them is reported by its rule, and computing fills exactly the derived cells from the leaves.
/// </summary>
public sealed class TableIdentitiesTests
{
    public static TheoryData<TableKind> Kinds => [.. TableSchemas.All];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryIdentityNamesColumnsOfItsTableAndARuleThatReportsIt(TableKind kind)
    {
        var schema = TableSchemas.For(kind, 2025);
        Assert.NotEmpty(schema.Identities);
        foreach (var identity in schema.Identities)
        {
            Assert.Contains(ConsistencyChecks.Rules, r => r.Id == identity.Rule);
            IEnumerable<string> columns = identity switch
            {
                RowSum s => [s.Column, .. s.Of],
                TreeSum t => t.Columns ?? [],
                TotalSum t => t.Columns ?? [],
                LineSum l => [l.Column],
                SidesEqual e => [e.LeftColumn, e.RightColumn],
                _ => throw new InvalidOperationException(identity.GetType().Name),
            };
            Assert.All(columns, c => Assert.True(schema.HasColumn(c), $"表{schema.Number} {identity.Rule}: no column {c}"));
            Assert.All(identity switch { LineSum l => [l.Line, .. l.Of], SidesEqual e => new[] { e.Left, e.Right }, _ => [] },
                id => Assert.True(id.IsTotal || schema.FixedRows.Any(f => f.Key == id.Value), $"表{schema.Number} {identity.Rule}: no line {id}"));
        }
    }

    /// <summary>Every relation of every identity in a seed: its cell moved by 1.00 makes its rule report an error.</summary>
    [Theory]
    [InlineData("000")]
    [InlineData("002")]
    [InlineData("003")]
    public void ATableBreakingAnyOfItsIdentitiesIsReported(string seed)
    {
        var disclosure = SeedFiles.Get(seed).Load();
        var checkedRelations = 0;
        foreach (var kind in TableSchemas.All)
        {
            var schema = disclosure.Schema(kind);
            var rows = disclosure.Table(kind).Rows;
            foreach (var relation in schema.Relations(rows.Select(RowShape.Of).ToList()).Where(r => r.Target.Row >= 0))
            {
                var row = rows[relation.Target.Row];
                var before = row[relation.Target.Column];
                Assert.Empty(Errors(disclosure, relation.Identity.Rule));
                row.Set(relation.Target.Column, (before ?? 0m) + 1m);
                var errors = Errors(disclosure, relation.Identity.Rule);
                row.Set(relation.Target.Column, before);
                Assert.True(errors.Count > 0, $"表{schema.Number} {relation.Identity.Rule} {relation.Row} {relation.Target.Column} broken but not reported");
                checkedRelations++;
            }
        }
        Assert.True(checkedRelations > 100, $"only {checkedRelations} relations checked");
    }

    private static List<CheckResult> Errors(Disclosure disclosure, string rule) =>
        ConsistencyChecks.Run(disclosure).Failures.Where(f => f.Rule == rule && f.Severity == Severity.Error).ToList();

    /// <summary>
    /// A seed table made exactly consistent (its derived cells computed from its leaves), then stripped of
    /// every derived cell: computing again gives back exactly the same cells, and touches no leaf.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void ComputingFillsExactlyTheDerivedCells(TableKind kind)
    {
        var disclosure = SeedFiles.Get(kind is TableKind.Carryover ? "003" : "000").Load();
        var schema = disclosure.Schema(kind);
        // The seeds print 表8 and 表9 empty: a small 政府性基金 tree instead.
        var table = kind is TableKind.GovernmentFund or TableKind.StateCapital
            ? new BudgetTable(kind,
            [
                new TableRow(RowKind.Total), new TableRow(RowKind.Category, "212"), new TableRow(RowKind.Class, "21208"),
                new TableRow(RowKind.Item, "2120801").Set("personnel", 1.25m).Set("project", 40m),
                new TableRow(RowKind.Item, "2120899").Set("public", 0.5m),
            ])
            : disclosure.Table(kind).Copy();
        schema.Fill(table);
        var expected = Cells(table);
        var derived = schema.Derivations(table.Rows.Select(RowShape.Of).ToList());
        Assert.NotEmpty(derived);

        var stripped = table.Copy();
        foreach (var d in derived) stripped.Rows[d.Target.Row].Set(d.Target.Column, null);
        var leaves = Cells(stripped);
        schema.Fill(stripped);

        Assert.Equal(expected, Cells(stripped));
        Assert.All(leaves, leaf => Assert.Contains(leaf, Cells(stripped)));
        Assert.DoesNotContain(derived, d => leaves.Any(l => l.Row == d.Target.Row && l.Column == d.Target.Column));
    }

    [Fact]
    public void FillingASeedTableChangesOnlyItsRoundingGaps()
    {
        // 000's 表6 prints 301 工资福利支出 as 131.81 人员经费 where its 款 add up to 131.82 (docs/checks.md, F5).
        var table = SeedFiles.Get("000").Load().Table(TableKind.GeneralBudgetBasic).Copy();
        var before = Cells(table);
        TableSchemas.For(TableKind.GeneralBudgetBasic, 2025).Fill(table);
        var changed = Cells(table).Except(before).ToList();

        Assert.Contains(changed, c => c.Code == "301" && c.Column == "personnel" && c.Amount == 131.82m);
        Assert.All(changed, c => Assert.True(Math.Abs(c.Amount - before.Single(b => b.Row == c.Row && b.Column == c.Column).Amount) <= 0.05m));
    }

    [Fact]
    public void DeriveBuildsTheTotalAndTheParentRowsFromTheLeaves()
    {
        var schema = TableSchemas.For(TableKind.Expenditure, 2025);
        var leaves = new BudgetTable(TableKind.Expenditure,
        [
            new TableRow(RowKind.Item, "2013150", "事业运行").Set("basic", 70m),
            new TableRow(RowKind.Item, "2013199", "其他组织事务支出").Set("basic", 5m).Set("project", 20m),
            new TableRow(RowKind.Item, "2080505", "机关事业单位基本养老保险缴费支出").Set("basic", 13.5m),
        ]);
        var names = new Dictionary<string, string> { ["201"] = "一般公共服务支出", ["20131"] = "党委办公厅（室）及相关机构事务", ["208"] = "社会保障和就业支出" };

        var table = schema.Derive(leaves, code => names.GetValueOrDefault(code));

        Assert.Equal(["Total", "201", "20131", "2013150", "2013199", "208", "20805", "2080505"],
            table.Rows.Select(r => r.Code ?? r.Kind.ToString()));
        Assert.Equal(108.5m, table.Total!["total"]);
        Assert.Equal(20m, table.ByCode("20131")!["project"]);
        Assert.Equal(75m, table.ByCode("20131")!["basic"]);
        Assert.Equal(95m, table.ByCode("201")!["total"]);
        Assert.Equal("一般公共服务支出", table.ByCode("201")!.Name);
        Assert.Null(table.ByCode("20805")!.Name);
        Assert.Equal(70m, table.ByCode("2013150")!["total"]);
        Assert.Single(leaves.Rows, r => r.Code == "2013150" && r["total"] is null); // the leaves are not changed
    }

    [Fact]
    public void IncomeLinesAndBothTotalsOfTable1AreComputedFromTheirLines()
    {
        var schema = TableSchemas.For(TableKind.IncomeAndExpenditure, 2025);
        var leaves = new BudgetTable(TableKind.IncomeAndExpenditure,
        [
            new TableRow(RowKind.Fixed, key: "generalBudgetOwn").Set("income", 150m),
            new TableRow(RowKind.Fixed, key: "generalBudgetTransfer").Set("income", 10m),
            new TableRow(RowKind.Fixed, key: "nonFiscalCarryoverUnitFunds").Set("income", 6.1m),
            new TableRow(RowKind.Category, "201", "一般公共服务支出").Set("expenditure", 140m),
            new TableRow(RowKind.Category, "208", "社会保障和就业支出").Set("expenditure", 26.1m),
        ]);

        var table = schema.Derive(leaves);

        Assert.Equal(160m, table.Fixed("generalBudget")!["income"]);
        Assert.Equal(160m, table.Fixed("currentYear")!["income"]);
        Assert.Equal(6.1m, table.Fixed("carryover")!["income"]);
        Assert.Equal(166.1m, table.Total!["income"]);
        Assert.Equal(166.1m, table.Total!["expenditure"]);
        Assert.Equal(166.1m, table.MainTotal);
        Assert.Equal(RowKind.Total, table.Rows[^1].Kind); // 收入总计 / 支出总计 is printed last
    }

    [Fact]
    public void Table4IncomeTotalIsCopiedFromItsFiscalLine()
    {
        var schema = TableSchemas.For(TableKind.FiscalAppropriation, 2025);
        var table = schema.Derive(new BudgetTable(TableKind.FiscalAppropriation,
        [
            new TableRow(RowKind.Fixed, key: "generalBudget").Set("income", 160m),
            new TableRow(RowKind.Category, "201", "一般公共服务支出").Set("generalBudget", 160m),
        ]));

        Assert.Equal(160m, table.Fixed("fiscal")!["income"]);
        Assert.Equal(160m, table.Total!["income"]);
        Assert.Equal(160m, table.ByCode("201")!["total"]);
        Assert.Equal(160m, table.Total!["total"]);
        Assert.Empty(ConsistencyChecksOn(TableKind.FiscalAppropriation, table, "D1"));
    }

    [Fact]
    public void ProjectsOfTable7SumIntoTheirNearestKuanTheDepartmentAndTheTotal()
    {
        var schema = TableSchemas.For(TableKind.GeneralBudgetProjects, 2025);
        var rows = new List<TableRow>
        {
            new(RowKind.Total), new(RowKind.Department, name: "某部门"), new(RowKind.Category, "201", "一般公共服务支出"),
            new(RowKind.Class, "20104", "发展与改革事务"),
            new TableRow(RowKind.Project, "2010499", "其他发展与改革事务支出", project: "甲").Set("goodsServices", 30m),
            new TableRow(RowKind.Project, "2010499", "其他发展与改革事务支出", project: "乙").Set("capital", 1.21m),
        };
        var table = new BudgetTable(TableKind.GeneralBudgetProjects, rows);

        schema.Fill(table);

        Assert.Equal(31.21m, table.ByCode("20104")!["total"]);
        Assert.Equal(1.21m, table.ByCode("201")!["capital"]);
        Assert.Equal(31.21m, table.OfKind(RowKind.Department).Single()["total"]);
        Assert.Equal(30m, table.Total!["goodsServices"]);
        Assert.Equal(30m, table.OfKind(RowKind.Project).First()["total"]);
    }

    [Fact]
    public void DeriveAddsTheCategoryAndClassAboveProjectsAndANamedDepartmentRow()
    {
        // As 表7 is published (seed 003): 总计, the department, 类, 款, then the projects carrying their 项.
        var schema = TableSchemas.For(TableKind.GeneralBudgetProjects, 2025);
        var names = new Dictionary<string, string> { ["201"] = "一般公共服务支出", ["20132"] = "组织事务", ["20131"] = "党委办公厅（室）及相关机构事务" };
        var leaves = new BudgetTable(TableKind.GeneralBudgetProjects,
        [
            new TableRow(RowKind.Project, "2013299", "其他组织事务支出", project: "考核业务经费").Set("goodsServices", 51.8m).Set("capital", 3.2m),
            new TableRow(RowKind.Project, "2013150", "事业运行", project: "运行保障").Set("goodsServices", 4m),
            new TableRow(RowKind.Project, "2013299", "其他组织事务支出", project: "信息化建设运行维护费").Set("goodsServices", 20m),
        ]);

        var table = schema.Derive(leaves, code => names.GetValueOrDefault(code), "某服务中心");

        Assert.Equal(["total", "department", "code:201", "code:20131", "project:2013150:运行保障", "code:20132",
                "project:2013299:考核业务经费", "project:2013299:信息化建设运行维护费"],
            table.Rows.Select(r => RowId.Across(r).ToString()));
        Assert.Equal("某服务中心", table.OfKind(RowKind.Department).Single().Name);
        Assert.Equal("组织事务", table.ByCode("20132")!.Name);
        Assert.Equal(75m, table.ByCode("20132")!["total"]);
        Assert.Equal(3.2m, table.ByCode("201")!["capital"]);
        Assert.Equal(79m, table.OfKind(RowKind.Department).Single()["total"]);
        Assert.Equal(79m, table.Total!["total"]);
        Assert.Empty(ConsistencyChecksOn(TableKind.GeneralBudgetProjects, table, "G1"));
    }

    [Fact]
    public void Table11FromItsProjectsHasTheNamedDepartmentRow()
    {
        var schema = TableSchemas.For(TableKind.Carryover, 2024);
        var table = schema.Derive(new BudgetTable(TableKind.Carryover,
            [new TableRow(RowKind.Project, project: "机构运行补助（自有资金）").Set("nonFiscalProject", 6.1m)]), department: "某服务中心");

        Assert.Equal([RowKind.Total, RowKind.Department, RowKind.Project], table.Rows.Select(r => r.Kind));
        Assert.Equal("某服务中心", table.Rows[1].Name);
        Assert.All(table.Rows, r => Assert.Equal(6.1m, r["total"]));
        Assert.All(table.Rows, r => Assert.Equal(6.1m, r["nonFiscal"]));
    }

    [Fact]
    public void ChildrenOfATreeAreFoundByCodeAsBefore()
    {
        // The 款 of a 类 and the 项 of a 款; a project belongs to the nearest row above its 项, to none when its 项 has a row.
        RowShape C(string code) => new(schema(code), null, code);
        static RowKind schema(string code) => code.Length switch { 3 => RowKind.Category, 5 => RowKind.Class, _ => RowKind.Item };
        RowShape P(string code) => new(RowKind.Project, null, code);
        var rows = new List<RowShape> { new(RowKind.Total, null, null), C("201"), C("20131"), P("2013199"), C("2013150"), P("2013150"), C("20132"), P("2013299"), P("2080505") };

        Assert.Equal([2, 6], TableArithmetic.Children(rows, 1));
        Assert.Equal([2, 6], TableArithmetic.Children(rows, 1, projects: true));
        Assert.Equal([4], TableArithmetic.Children(rows, 2));
        Assert.Equal([3, 4], TableArithmetic.Children(rows, 2, projects: true)); // not 2013150's project: its 项 has a row
        Assert.Equal([7], TableArithmetic.Children(rows, 6, projects: true));
        Assert.Empty(TableArithmetic.Children(rows, 4, projects: true));
        Assert.Empty(TableArithmetic.Children(rows, 0, projects: true));
        Assert.Empty(TableArithmetic.Children(rows, 8, projects: true)); // a project is no parent; 208 has no row, so 2080505's project has none
    }

    [Fact]
    public void Table10SumsItsLinesInEverySourceOfFunds()
    {
        var schema = TableSchemas.For(TableKind.ThreePublicExpenses, 2025);
        var table = new BudgetTable(TableKind.ThreePublicExpenses, schema.FixedRows.Select(f => new TableRow(RowKind.Fixed, key: f.Key)));
        table.Fixed("reception")!.Set("generalBudget", 2m);
        table.Fixed("vehicleOperation")!.Set("generalBudget", 3m).Set("govFund", 1m);

        schema.Fill(table);

        Assert.Equal(4m, table.Fixed("vehicles")!["total"]);
        Assert.Equal(3m, table.Fixed("vehicles")!["generalBudget"]);
        Assert.Equal(5m, table.Fixed("total")!["generalBudget"]);
        Assert.Equal(6m, table.Fixed("total")!["total"]);
    }

    [Fact]
    public void ALeafIsNeverDerived()
    {
        var schema = TableSchemas.For(TableKind.Expenditure, 2025);
        var rows = new[] { new RowShape(RowKind.Total, null, null), new RowShape(RowKind.Category, null, "201"), new RowShape(RowKind.Class, null, "20131") };

        Assert.True(schema.IsDerived(rows, 1, "basic"));   // 类 from its 款
        Assert.True(schema.IsDerived(rows, 2, "total"));   // 合计 = 基本 + 项目
        Assert.False(schema.IsDerived(rows, 2, "basic"));  // a 款 without 项 is a leaf
    }

    [Theory]
    [InlineData(1, "0.01")]
    [InlineData(2, "0.01")]
    [InlineData(3, "0.02")]
    [InlineData(11, "0.06")]
    [InlineData(0, "0.01")]
    public void RoundingToleranceIsACentPerTwoPrintedParts(int parts, string tolerance)
    {
        Assert.Equal(decimal.Parse(tolerance, System.Globalization.CultureInfo.InvariantCulture), Rounding.Tolerance(parts));
        Assert.True(Rounding.Close(10m, 10m + Rounding.Tolerance(parts), Math.Max(1, parts)));
        Assert.False(Rounding.Close(10m, 10.01m + Rounding.Tolerance(parts), Math.Max(1, parts)));
        Assert.False(Rounding.Close(0m, 0.01m, 0));
    }

    private static List<CheckResult> ConsistencyChecksOn(TableKind kind, BudgetTable table, string rule)
    {
        var schema = TableSchemas.For(kind, 2025);
        var log = new CheckLog(ConsistencyChecks.Rule(rule));
        var rows = table.Rows;
        foreach (var r in schema.Relations(table, rule))
        {
            decimal At(CellAt c) => c.Row < 0 ? 0m : rows[c.Row].Amount(c.Column);
            log.Sum(rule, rule, At(r.Target), r.Identity.Parts, r.Parts.Select(At));
        }
        return log.Results.Where(x => x.Outcome == Outcome.Fail).ToList();
    }

    private sealed record Cell(int Row, string? Code, string Column, decimal Amount);

    private static List<Cell> Cells(BudgetTable table) =>
        table.Rows.SelectMany((r, i) => r.Cells.Select(c => new Cell(i, r.Code ?? r.Key ?? r.Kind.ToString(), c.Column, c.Amount))).ToList();
}
