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
