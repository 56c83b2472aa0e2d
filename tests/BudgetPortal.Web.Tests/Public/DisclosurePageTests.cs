using System.Globalization;
using AngleSharp.Dom;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Tests.Infrastructure;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>The public disclosure page shows every figure of the seed documents in its table, row and column.</summary>
[Collection(PortalCollection.Name)]
public sealed class DisclosurePageTests(PortalFixture portal)
{
    public static TheoryData<string> Seeds => Repo.SeedNames();

    private static string Path(DisclosureDocument doc) => $"/departments/{doc.Department.Code}/{doc.FiscalYear}";

    /// <summary>The data-row identity the page gives a seed row (see PrintedTable.RowId).</summary>
    private static List<(string RowId, RowDoc Row)> RowIds(TableDoc table)
    {
        var result = new List<(string, RowDoc)>();
        var project = 0;
        foreach (var row in table.Rows)
        {
            var kind = row.Kind ?? (row.Key is not null ? "fixed" : "code");
            var id = kind switch
            {
                "total" => "total",
                "fixed" => $"fixed:{row.Key}",
                "department" => "department",
                "project" => $"project:{++project}",
                _ => $"code:{row.Code}",
            };
            result.Add((id, row));
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task EveryTableCellOfTheSeedAppearsInItsTableRowAndColumn(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        var page = await portal.GetPageAsync(Path(doc));
        var checkedCells = 0;
        foreach (var (number, table) in doc.Tables)
        {
            var section = page.QuerySelector($"#table-{number}");
            Assert.NotNull(section);
            foreach (var (rowId, row) in RowIds(table))
            {
                foreach (var (column, amount) in row.Cells)
                {
                    var cell = section.QuerySelector($"td[data-row='{rowId}'][data-column='{column}']");
                    Assert.True(cell is not null, $"{seed} 表{number} {rowId} {column}: no cell on the page");
                    Assert.Equal(amount.ToString("0.00", CultureInfo.InvariantCulture), cell.TextContent.Trim());
                    checkedCells++;
                }
            }
        }
        Assert.True(checkedCells > 100, $"only {checkedCells} cells checked");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task CellsWithoutAFigureAreBlankNeverZero(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        var page = await portal.GetPageAsync(Path(doc));
        var stated = doc.Tables
            .SelectMany(t => RowIds(t.Value).SelectMany(r => r.Row.Cells.Keys.Select(c => $"{t.Key}|{r.RowId}|{c}")))
            .ToHashSet();
        var blanks = 0;
        foreach (var cell in page.QuerySelectorAll("table.printed td.num"))
        {
            var table = cell.Closest("table")!.GetAttribute("data-table");
            var key = $"{table}|{cell.GetAttribute("data-row")}|{cell.GetAttribute("data-column")}";
            var text = cell.TextContent.Trim();
            Assert.NotEqual("0.00", text);
            if (!stated.Contains(key))
            {
                Assert.True(text == "", $"{seed} {key} shows “{text}” but the seed has no figure there");
                blanks++;
            }
        }
        Assert.True(blanks > 50, "a page of budget tables has many blank cells");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task EmptyTablesPrintTheirSentence(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        var page = await portal.GetPageAsync(Path(doc));
        foreach (var (number, table) in doc.Tables.Where(t => t.Value.EmptyText is not null))
        {
            var sentence = page.QuerySelector($"#table-{number} .empty-table");
            Assert.NotNull(sentence);
            Assert.Equal(table.EmptyText, sentence.TextContent.Trim());
            Assert.DoesNotContain(page.QuerySelectorAll($"#table-{number} td.num"), c => c.TextContent.Trim() != "");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task NotesOverviewSheetsAndSignOffAreShownAsPublished(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        var page = await portal.GetPageAsync(Path(doc));
        var part3 = page.QuerySelector("#part-3")!.TextContent;
        foreach (var note in doc.Notes)
        {
            Assert.Contains(note.Heading, part3);
            foreach (var p in note.Paragraphs) Assert.Contains(p, part3);
        }
        var part1 = page.QuerySelector("#part-1")!.TextContent;
        foreach (var p in doc.Overview.Functions.Concat(doc.Overview.StructureText)) Assert.Contains(p, part1);

        var sheets = page.QuerySelectorAll(".performance-sheet");
        Assert.Equal((doc.Performance.Department is null ? 0 : 1) + doc.Performance.Projects.Count, sheets.Length);
        var sheetRows = sheets.Select(s => s.QuerySelectorAll("tbody.indicators tr").Length - 1).ToList();
        var expectedRows = new[] { doc.Performance.Department?.Indicators.Count }.Where(c => c is not null).Select(c => c!.Value)
            .Concat(doc.Performance.Projects.Select(p => p.Indicators.Count)).ToList();
        Assert.Equal(expectedRows, sheetRows);
        var sheetText = string.Concat(sheets.Select(s => s.TextContent));
        foreach (var i in doc.Performance.Projects.SelectMany(p => p.Indicators).Concat(doc.Performance.Department?.Indicators ?? []))
        {
            Assert.Contains(i.Level3, sheetText);
            Assert.Contains(i.Value, sheetText);
        }

        var signOff = page.QuerySelector(".sign-off")!.TextContent;
        Assert.Contains(doc.SignOff.Name, signOff);
        Assert.Contains(doc.SignOff.Text, signOff);
    }

    [Fact]
    public async Task TheGlossaryOfTheYearIsShown()
    {
        var page2025 = await portal.GetPageAsync("/departments/jjxz/2025");
        var page2024 = await portal.GetPageAsync("/departments/gbkhpj/2024");
        Assert.Equal(8, page2025.QuerySelectorAll(".glossary dt").Length);
        Assert.Contains("新能源汽车充电费", page2025.QuerySelector(".glossary")!.TextContent);
        Assert.DoesNotContain("新能源汽车充电费", page2024.QuerySelector(".glossary")!.TextContent);
    }

    [Fact]
    public async Task TheTwentyTwentyFourLayoutPrintsCategory234AndItsHeaderWords()
    {
        var page2024 = await portal.GetPageAsync("/departments/dkyj/2024");
        var page2025 = await portal.GetPageAsync("/departments/jjxz/2025");
        Assert.Contains("234 抗疫特别国债安排的支出", page2024.QuerySelector("#table-1")!.TextContent);
        Assert.DoesNotContain("234 抗疫特别国债安排的支出", page2025.QuerySelector("#table-1")!.TextContent);
        Assert.Contains("支出功能分类", page2024.QuerySelector("#table-1 thead")!.TextContent);
        Assert.Contains("商品服务支出", page2024.QuerySelector("#table-7 thead")!.TextContent);
        Assert.Contains("商品和服务支出", page2025.QuerySelector("#table-7 thead")!.TextContent);
    }

    [Fact]
    public async Task TablesHaveProperHeaderMarkupAndTheNumberingRow()
    {
        var page = await portal.GetPageAsync("/departments/zbjllc/2025");
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        var table2 = page.QuerySelector("#table-2 table")!;
        Assert.All(table2.QuerySelectorAll("thead th"), th => Assert.Contains(th.GetAttribute("scope"), new[] { "col", "colgroup" }));
        var numbering = table2.QuerySelectorAll("tr.numbering td").Select(td => td.TextContent).ToList();
        Assert.Equal(["※", "※", "※", "※", .. Enumerable.Range(1, 12).Select(i => i.ToString())], numbering);
        Assert.All(table2.QuerySelectorAll("tbody th"), th => Assert.Equal("row", th.GetAttribute("scope")));
        // The table of contents links to every table and every part.
        foreach (var anchor in new[] { "#part-1", "#part-2", "#part-3", "#part-4" }.Concat(Enumerable.Range(1, 11).Select(n => $"#table-{n}")))
            Assert.NotNull(page.QuerySelector($".toc a[href='{anchor}']"));
    }
}
