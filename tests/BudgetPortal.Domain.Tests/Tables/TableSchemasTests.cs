using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Tests.Tables;

public sealed class TableSchemasTests
{
    public static TheoryData<TableKind, int> EveryTableOfBothLayouts
    {
        get
        {
            var data = new TheoryData<TableKind, int>();
            foreach (var kind in TableSchemas.All)
            foreach (var year in new[] { 2024, 2025 })
                data.Add(kind, year);
            return data;
        }
    }

    /// <summary>Every table's flat headers (CSV, data package) tell its columns apart, one name per printed column.</summary>
    [Theory]
    [MemberData(nameof(EveryTableOfBothLayouts))]
    public void EveryColumnHasItsOwnName(TableKind kind, int year)
    {
        var schema = TableSchemas.For(kind, year);

        Assert.Equal(schema.LabelColumnCount + schema.Columns.Count, schema.ColumnNames.Count);
        Assert.All(schema.ColumnNames, n => Assert.False(string.IsNullOrWhiteSpace(n), $"表{schema.Number}: a column without a name"));
        Assert.Equal(schema.ColumnNames.Count, schema.ColumnNames.Distinct().Count());
    }

    /// <summary>The two sides of 表1 and 表4 name their columns by side, as printed (收入 | 支出), left to right.</summary>
    [Theory]
    [InlineData(TableKind.IncomeAndExpenditure, 2025, new[] { "收入/项目", "收入/预算数", "支出/功能分类", "支出/预算数" })]
    [InlineData(TableKind.IncomeAndExpenditure, 2024, new[] { "收入/项目", "收入/预算数", "支出/支出功能分类", "支出/预算数" })]
    [InlineData(TableKind.FiscalAppropriation, 2025, new[] { "财政拨款收入/项目", "财政拨款收入/合计", "财政拨款支出/功能分类", "财政拨款支出/合计",
        "财政拨款支出/一般公共预算", "财政拨款支出/政府性基金预算", "财政拨款支出/国有资本经营预算" })]
    public void TwoSidedTablesNameTheirColumnsBySide(TableKind kind, int year, string[] names) =>
        Assert.Equal(names, TableSchemas.For(kind, year).ColumnNames);

    /// <summary>A group over every amount column (支出预算) or every label column (科目) names none of them.</summary>
    [Fact]
    public void AGroupOverAllAmountsOrAllLabelsIsLeftOut() =>
        Assert.Equal(["功能分类科目编码/类", "功能分类科目编码/款", "功能分类科目编码/项", "功能分类科目名称", "合计", "基本支出", "项目支出"],
            TableSchemas.For(TableKind.Expenditure, 2025).ColumnNames);

    /// <summary>234 抗疫特别国债安排的支出 is printed in the 2024 layout only: 30 类, then 29.</summary>
    [Theory]
    [InlineData(TableKind.IncomeAndExpenditure, 2024, 30)]
    [InlineData(TableKind.FiscalAppropriation, 2024, 30)]
    [InlineData(TableKind.IncomeAndExpenditure, 2025, 29)]
    [InlineData(TableKind.FiscalAppropriation, 2025, 29)]
    public void LayoutPrintsItsYearsCategories(TableKind kind, int year, int count)
    {
        var categories = TableSchemas.For(kind, year).ExpenditureCategories;

        Assert.Equal(count, categories.Count);
        Assert.Equal(year == 2024, categories.Any(c => c is { Key: "234", Label: "抗疫特别国债安排的支出" }));
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    public void CategoryListIsInCodeOrderAndNeverPrints218_225_226_228(int year)
    {
        var codes = TableSchemas.CategoryList(year).Select(c => c.Key).ToList();

        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Empty(codes.Intersect(new[] { "218", "225", "226", "228" }));
    }

    [Fact]
    public void FiscalYearsBefore2025UseThe2024Layout() =>
        Assert.Same(TableSchemas.For(TableKind.IncomeAndExpenditure, 2024), TableSchemas.For(TableKind.IncomeAndExpenditure, 2023));

    [Theory]
    [InlineData(2024, "商品服务支出")]
    [InlineData(2025, "商品和服务支出")]
    public void Table7NamesColumn3AsPrintedThatYear(int year, string header)
    {
        var schema = TableSchemas.For(TableKind.GeneralBudgetProjects, year);

        Assert.Equal(header, schema.Column("goodsServices").Header);
        Assert.Contains(schema.HeaderRows.SelectMany(r => r), h => h.Text == header);
    }

    [Theory]
    [InlineData(TableKind.IncomeAndExpenditure, 2024, "支出功能分类")]
    [InlineData(TableKind.IncomeAndExpenditure, 2025, "功能分类")]
    [InlineData(TableKind.FiscalAppropriation, 2024, "支出功能分类")]
    [InlineData(TableKind.FiscalAppropriation, 2025, "功能分类")]
    public void TwoSidedTablesNameTheExpenditureSideAsPrintedThatYear(TableKind kind, int year, string header) =>
        Assert.Equal(header, TableSchemas.For(kind, year).HeaderRows[1][2].Text);

    [Theory]
    [InlineData(2024, "2、基金预算拨款", "基金预算拨款")]
    [InlineData(2025, "2.政府性基金预算拨款", "政府性基金预算拨款")]
    public void Table1HasThe25IncomeLinesAsPrintedThatYear(int year, string govFund, string fiscalCarryoverGovFund)
    {
        var schema = TableSchemas.For(TableKind.IncomeAndExpenditure, year);

        Assert.Equal(25, schema.FixedRows.Count);
        Assert.Equal(govFund, schema.FixedLabel("govFund"));
        Assert.Equal(fiscalCarryoverGovFund, schema.FixedLabel("fiscalCarryoverGovFund"));
    }

    /// <summary>Domain spec §2: the ※ 1 2 3 … rows as printed (表1 and 表4 print none).</summary>
    [Theory]
    [InlineData(TableKind.IncomeAndExpenditure, null)]
    [InlineData(TableKind.Income, "※ ※ ※ ※ 1 2 3 4 5 6 7 8 9 10 11 12")]
    [InlineData(TableKind.Expenditure, "※ ※ ※ ※ 1 2 3")]
    [InlineData(TableKind.FiscalAppropriation, null)]
    [InlineData(TableKind.GeneralBudget, "※ ※ ※ ※ 1 2 3")]
    [InlineData(TableKind.GeneralBudgetBasic, "※ ※ ※ 1 2 3")]
    [InlineData(TableKind.GeneralBudgetProjects, "※ ※ ※ ※ ※ 1 2 3 4 5 6 7 8 9 10 11")]
    [InlineData(TableKind.GovernmentFund, "※ ※ ※ ※ 1 2 3 4")]
    [InlineData(TableKind.StateCapital, "※ ※ ※ ※ 1 2 3 4")]
    [InlineData(TableKind.ThreePublicExpenses, "※ 1 2 3 4")]
    [InlineData(TableKind.Carryover, "※ 1 2 3 4 5 6 7 8 9")]
    public void NumberingRowIsAsPrinted(TableKind kind, string? printed)
    {
        foreach (var year in new[] { 2024, 2025 })
            Assert.Equal(printed?.Split(' '), TableSchemas.For(kind, year).NumberingRow);
    }

    [Theory]
    [MemberData(nameof(EveryTableOfBothLayouts))]
    public void NumberingRowCoversTheLabelsAndNumbersTheColumns(TableKind kind, int year)
    {
        var schema = TableSchemas.For(kind, year);
        if (schema.NumberingRow is not { } numbering)
        {
            Assert.All(schema.Columns, c => Assert.Null(c.Number));
            return;
        }

        Assert.Equal(Enumerable.Repeat("※", schema.LabelColumnCount), numbering.Take(schema.LabelColumnCount));
        Assert.Equal(schema.Columns.Select(c => c.Number), numbering.Skip(schema.LabelColumnCount));
    }

    /// <summary>
    /// Laid out like an HTML table (each cell in the next free slot, spanning its columns and rows),
    /// every header row is exactly as wide as the label columns plus the numeric columns, with no gap,
    /// no overlap and no cell spanning below the last header row.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryTableOfBothLayouts))]
    public void HeaderRowsSpanExactlyTheLabelAndNumericColumns(TableKind kind, int year)
    {
        var schema = TableSchemas.For(kind, year);
        var width = schema.LabelColumnCount + schema.Columns.Count;
        var rows = schema.HeaderRows.Count;
        var occupied = new bool[rows, width];

        for (var r = 0; r < rows; r++)
        {
            var c = 0;
            foreach (var cell in schema.HeaderRows[r])
            {
                while (c < width && occupied[r, c]) c++;
                Assert.True(c + cell.ColSpan <= width, $"表{schema.Number} ({year}) header row {r + 1}: “{cell.Text}” runs past column {width}.");
                Assert.True(r + cell.RowSpan <= rows, $"表{schema.Number} ({year}) “{cell.Text}” spans below the header.");
                for (var dr = 0; dr < cell.RowSpan; dr++)
                for (var dc = 0; dc < cell.ColSpan; dc++)
                {
                    Assert.False(occupied[r + dr, c + dc], $"表{schema.Number} ({year}) “{cell.Text}” overlaps another header cell.");
                    occupied[r + dr, c + dc] = true;
                }
                c += cell.ColSpan;
            }
            for (var col = 0; col < width; col++)
                Assert.True(occupied[r, col], $"表{schema.Number} ({year}) header row {r + 1} leaves column {col + 1} of {width} empty.");
        }
    }

    [Fact]
    public void UnknownColumnIsRejectedNamingTheTable()
    {
        var e = Assert.Throws<DomainException>(() => TableSchemas.For(TableKind.Expenditure, 2025).Column("bogus"));

        Assert.Contains("表3", e.Message);
    }
}
