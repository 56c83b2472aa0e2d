using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>Every figure of every table is in the downloads, and their totals equal the tables'.</summary>
[Collection(PortalCollection.Name)]
public sealed class DownloadTests(PortalFixture portal)
{
    public static TheoryData<string> Seeds => Repo.SeedNames();

    /// <summary>The amounts a seed states in a table, as the two-decimal strings the downloads print.</summary>
    private static List<decimal> Amounts(DisclosureDocument doc, string table) =>
        doc.Tables[table].Rows.SelectMany(r => r.Cells.Values).ToList();

    /// <summary>RFC 4180 with quoted fields.</summary>
    public static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }

    private static List<decimal> NumbersIn(IEnumerable<IEnumerable<string>> rows) =>
        rows.SelectMany(r => r).Where(v => System.Text.RegularExpressions.Regex.IsMatch(v, @"^-?\d+\.\d{2,}$"))
            .Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToList();

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task EveryTableCsvHoldsExactlyTheTablesFigures(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        for (var n = 1; n <= 11; n++)
        {
            using var response = await portal.Http.GetAsync($"/departments/{doc.Department.Code}/{doc.FiscalYear}/tables/{n}.csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            Assert.Contains("filename*=UTF-8''", response.Content.Headers.ContentDisposition!.ToString());
            var rows = ParseCsv(Encoding.UTF8.GetString(bytes[3..]));
            var header = rows[0];
            Assert.All(rows, r => Assert.Equal(header.Count, r.Count));
            // Every column named, each by its own name: a column can be read by its header.
            Assert.Equal(header.Count, header.Distinct().Count());
            Assert.DoesNotContain("", header);
            var expected = Amounts(doc, n.ToString(CultureInfo.InvariantCulture));
            var found = NumbersIn(rows.Skip(1));
            Assert.Equal(expected.Order(), found.Order());
            Assert.DoesNotContain("0.00", rows.SelectMany(r => r));
        }
    }

    [Fact]
    public void ACellASpreadsheetWouldRunAsAFormulaGoesOutAsText()
    {
        // OWASP's CSV injection list: = + - @ tab and carriage return at the start of a cell.
        var line = BudgetPortal.Web.Downloads.TableCsv.Line(
            ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "308.10", "一般公共服务支出", ""]);
        var cells = ParseCsv(line)[0];
        Assert.Equal(["'=HYPERLINK(\"http://evil.example\",\"x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "308.10", "一般公共服务支出", ""], cells);
    }

    [Fact]
    public async Task Table2CsvNamesItsColumnsByTheHeadersAboveThem()
    {
        var csv = await portal.Http.GetStringAsync("/departments/zbjllc/2025/tables/2.csv");
        var header = ParseCsv(csv.TrimStart('\uFEFF'))[0];
        Assert.Equal(16, header.Count);
        Assert.Equal("功能分类科目编码/类", header[0]);
        Assert.Equal("功能分类科目名称", header[3]);
        Assert.Equal("财政拨款（补助）/一般公共预算", header[6]);
        Assert.Equal("非财政拨款结转结余", header[15]);
    }

    [Fact]
    public async Task Table1CsvNamesEachSidesColumnsByTheSideAsPrinted()
    {
        var csv = await portal.Http.GetStringAsync("/departments/zbjllc/2025/tables/1.csv");
        var rows = ParseCsv(csv.TrimStart('\uFEFF'));
        Assert.Equal(["收入/项目", "收入/预算数", "支出/功能分类", "支出/预算数"], rows[0]);
        // The income line and its amount under 收入, the 类 and its amount under 支出, as the page prints them side by side.
        Assert.Equal("一、本年收入", rows[1][0]);
        Assert.Matches(@"^\d+\.\d{2}$", rows[1][1]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task TheWorkbookHasOneSheetPerTableWithTheTablesFiguresAsNumbers(string seed)
    {
        var doc = Repo.LoadSeed(seed);
        await using var stream = new MemoryStream(await portal.DownloadAsync($"/departments/{doc.Department.Code}/{doc.FiscalYear}.xlsx"));
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var part = workbook.WorkbookPart!;
        var sheets = part.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(Enumerable.Range(1, 11).Select(n => $"表{n}"), sheets.Select(s => s.Name!.Value));
        foreach (var sheet in sheets)
        {
            var n = sheet.Name!.Value![1..];
            var cells = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>().ToList();
            var numbers = cells.Where(c => c.DataType?.Value == CellValues.Number)
                .Select(c => decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Amounts(doc, n).Order(), numbers.Order());
            Assert.Equal($"表 {n}", cells.First(c => c.CellReference == "A1").InnerText);
        }
    }

    [Fact]
    public async Task TheYearPackageHasEveryDisclosureItsLinesAndAFiscalDataPackageDescriptor()
    {
        await using var stream = new MemoryStream(await portal.DownloadAsync("/downloads/2024.zip", "application/zip"));
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);

        var seeds = Repo.SeedDisclosureFiles.Select(f => Repo.LoadSeed(Path.GetFileName(f))).Where(d => d.FiscalYear == 2024).ToList();
        Assert.NotEmpty(seeds);
        using var descriptorReader = new StreamReader(zip.GetEntry("datapackage.json")!.Open());
        var descriptor = JsonDocument.Parse(await descriptorReader.ReadToEndAsync()).RootElement;
        Assert.Equal("fiscal-data-package", descriptor.GetProperty("profile").GetString());
        var paths = descriptor.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("path").GetString()!).ToList();
        Assert.All(paths, p => Assert.NotNull(zip.GetEntry(p)));
        // budget-lines.csv, each seed's eleven tables, and the 预算明细 of those kept as lines (BudgetLinesTests);
        // and the official PDF of those printed (none here: this portal prints only on request).
        Assert.Equal(1 + seeds.Count * 11, paths.Count(p => !p.EndsWith("/预算明细.csv", StringComparison.Ordinal) && !p.EndsWith(".pdf", StringComparison.Ordinal)));
        var resources = descriptor.GetProperty("resources").EnumerateArray().ToList();
        var amount = descriptor.GetProperty("resources")[0].GetProperty("schema").GetProperty("fields").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "amount");
        Assert.Equal("value", amount.GetProperty("columnType").GetString());

        using var linesReader = new StreamReader(zip.GetEntry("budget-lines.csv")!.Open(), Encoding.UTF8);
        var lines = ParseCsv((await linesReader.ReadToEndAsync()).TrimStart('\uFEFF'));
        var columns = lines[0];
        int Col(string name) => columns.IndexOf(name);
        foreach (var seed in seeds)
        {
            foreach (var (table, _) in seed.Tables)
            {
                var expected = Amounts(seed, table);
                var found = lines.Skip(1)
                    .Where(l => l[Col("department_code")] == seed.Department.Code && l[Col("table")] == table)
                    .Select(l => decimal.Parse(l[Col("amount")], CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(expected.Order(), found.Order());
            }
            // The department's folder is named by its name, not by its code.
            var t3Path = resources.Single(r => r.GetProperty("name").GetString() == $"{seed.Department.Code}-table-3").GetProperty("path").GetString()!;
            Assert.Equal($"{(string.IsNullOrEmpty(seed.SignOff.Name) ? seed.Department.Name : seed.SignOff.Name)}/表3.csv", t3Path);
            using var t3 = new StreamReader(zip.GetEntry(t3Path)!.Open(), Encoding.UTF8);
            var printed = ParseCsv((await t3.ReadToEndAsync()).TrimStart('\uFEFF'));
            Assert.Equal(Amounts(seed, "3").Order(), NumbersIn(printed.Skip(1)).Order());
        }
    }

    [Fact]
    public async Task TheDisclosurePageLinksEveryTablesCsvAndTheWorkbook()
    {
        var page = await portal.GetPageAsync("/departments/gbkhpj/2024");
        for (var n = 1; n <= 11; n++)
            Assert.NotNull(page.QuerySelector($"#table-{n} a[href='/departments/gbkhpj/2024/tables/{n}.csv']"));
        Assert.NotNull(page.QuerySelector("a[href='/departments/gbkhpj/2024.xlsx']"));
        Assert.NotNull(page.QuerySelector("a[href='/downloads/2024.zip']"));
    }
}
