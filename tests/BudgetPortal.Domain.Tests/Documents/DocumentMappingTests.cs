using System.Globalization;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Builders;
using BudgetPortal.Domain.Tests.Seeds;
using static BudgetPortal.Domain.Tests.Builders.DocumentBuilder;

namespace BudgetPortal.Domain.Tests.Documents;

public sealed class DocumentMappingTests
{
    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void RoundTripKeepsEveryCellNoteLineAndFigure(string seed)
    {
        var first = SeedFiles.Get(seed).Load();

        var json = first.ToDocument().ToJson();
        var second = SeedFile.LoadInto(DisclosureDocument.Parse(json));

        Assert.Equal(Tables(first), Tables(second));
        Assert.Equal(Notes(first), Notes(second));
        Assert.Equal(Sheets(first), Sheets(second));
        Assert.Equal(json, second.ToDocument().ToJson());
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void LoadingKeepsEveryRowAndCellOfTheFile(string seed)
    {
        var file = SeedFiles.Get(seed);
        var doc = file.Document;

        var tables = Tables(file.Load());

        var fromFile = doc.Tables.SelectMany(t => t.Value.Rows.Select(r => Cells(r.Cells.Select(c => (c.Key, c.Value)))));
        var loaded = tables.Where(l => l.Contains(" cells=")).Select(l => l[(l.IndexOf(" cells=", StringComparison.Ordinal) + 7)..]);
        Assert.Equal(fromFile.Order(StringComparer.Ordinal), loaded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UnknownColumnNamesTheTableAndTheRowPosition()
    {
        var doc = new DocumentBuilder().WithTable("3",
            TotalRow(("total", 179.66m)),
            Row("201", "一般公共服务支出", cells: ("expenditure", 141.10m))).Build();

        var e = Assert.Throws<DomainException>(() => doc.ApplyTo(new DisclosureBuilder().Build(), null));

        Assert.Contains("表3第 2 行", e.Message);
        Assert.Contains("expenditure", e.Message);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("0")]
    [InlineData("表3")]
    public void UnknownTableNumberIsRejected(string number)
    {
        var doc = new DocumentBuilder().WithTable(number, TotalRow(("total", 1.00m))).Build();

        var e = Assert.Throws<DomainException>(() => doc.ApplyTo(new DisclosureBuilder().Build(), null));

        Assert.Contains($"表“{number}”不存在", e.Message);
    }

    [Fact]
    public void UnknownRowKindNamesTheTableAndTheRowPosition()
    {
        var doc = new DocumentBuilder().WithTable("7", TotalRow(("total", 10.00m)), Row(kind: "subtotal", cells: ("total", 10.00m))).Build();

        var e = Assert.Throws<DomainException>(() => doc.ApplyTo(new DisclosureBuilder().Build(), null));

        Assert.Contains("表7第 2 行", e.Message);
    }

    [Fact]
    public void DocumentOfAnotherYearIsRejected()
    {
        var doc = new DocumentBuilder().ForYear(2024).Build();

        Assert.Throws<DomainException>(() => doc.ApplyTo(new DisclosureBuilder().ForYear(2025).Build(), null));
    }

    [Fact]
    public void RowKindIsInferredFromTheCodeLengthAndTheTable()
    {
        var doc = new DocumentBuilder()
            .WithTable("1", Row(key: "currentYear", cells: ("income", 1m)), Row("201", cells: ("expenditure", 1m)))
            .WithTable("3", Row("201"), Row("20131"), Row("2013150"))
            .WithTable("6", Row("301"), Row("30101"))
            .Build();
        var disclosure = new DisclosureBuilder().Build();

        doc.ApplyTo(disclosure, null);

        Assert.Equal([RowKind.Fixed, RowKind.Category], disclosure.Table(TableKind.IncomeAndExpenditure).Rows.Select(r => r.Kind));
        Assert.Equal([RowKind.Category, RowKind.Class, RowKind.Item], disclosure.Table(TableKind.Expenditure).Rows.Select(r => r.Kind));
        Assert.Equal([RowKind.EconomicCategory, RowKind.EconomicClass], disclosure.Table(TableKind.GeneralBudgetBasic).Rows.Select(r => r.Kind));
    }

    [Fact]
    public void ZeroWrittenInTheFileIsNotStoredAsACell()
    {
        var doc = new DocumentBuilder().WithTable("3", TotalRow(("total", 10.00m), ("basic", 0m), ("project", 10.00m))).Build();
        var disclosure = new DisclosureBuilder().Build();

        doc.ApplyTo(disclosure, null);

        Assert.Equal(new[] { "total", "project" }, disclosure.Table(TableKind.Expenditure).Total!.Cells.Select(c => c.Column));
    }

    [Theory]
    [InlineData("{\"format\": \"budgetportal-disclosure/2\"}")]
    [InlineData("{\"format\": \"budgetportal-disclosure/1\", \"fiscalYear\": }")]
    public void ParseRejectsAnotherFormatAndInvalidJson(string json) =>
        Assert.Throws<DomainException>(() => DisclosureDocument.Parse(json));

    // ---- comparable forms of a disclosure (amounts with their printed scale) ----

    private static List<string> Tables(Disclosure d) =>
        TableSchemas.All.SelectMany(kind =>
        {
            var table = d.Table(kind);
            return table.Rows.Select(r =>
                    $"表{table.Number} {r.Kind} code={r.Code} key={r.Key} name={r.Name} project={r.Project} cells={Cells(r.Cells.Select(c => (c.Column, c.Amount)))}")
                .Prepend($"表{table.Number} emptyText={table.EmptyText}");
        }).ToList();

    private static List<string> Notes(Disclosure d) =>
        d.Notes.SelectMany(n => n.Lines.Select(l =>
                    $"{n.Key} line {l.Key} label={l.Label} amount={A(l.Amount)} share={A(l.Share)} change={A(l.Change)} " +
                    $"pct={A(l.ChangePercent)} reason={l.Reason} purpose={l.Purpose} policy={l.PolicyBasis} unit={l.Unit} " +
                    $"allocation={l.Allocation} period={l.Period}")
                .Concat(n.Figures.Select(f => $"{n.Key} figure {f.Key} number={A(f.Number)} text={f.Text} list={f.IsList}"))
                .Prepend($"{n.Key} {n.Heading} ¶ {string.Join(" ¶ ", n.Paragraphs)}"))
            .ToList();

    private static List<string> Sheets(Disclosure d) =>
        d.PerformanceSheets.SelectMany(s => s.Indicators.Select(i =>
                    $"{s.Name} {i.Level1}/{i.Level2}/{i.Level3} value={i.Value} basis={i.Basis} last={i.LastYear} " +
                    $"weight={A(i.Weight)} scoring={i.Scoring} evidence={i.Evidence}")
                .Prepend($"{s.Kind} {s.Year} {s.Name} unit={s.Unit} contact={s.Contact} phone={s.Phone} goal={s.Goal} " +
                         $"funds={A(s.FundsSuperior)}/{A(s.FundsLocal)}/{A(s.FundsTotal)}/{A(s.FundsFiscal)}/{A(s.FundsOther)}"))
            .ToList();

    private static string Cells(IEnumerable<(string Column, decimal Amount)> cells) =>
        string.Join(",", cells.OrderBy(c => c.Column, StringComparer.Ordinal).Select(c => $"{c.Column}={A(c.Amount)}"));

    private static string A(decimal? amount) => amount?.ToString(CultureInfo.InvariantCulture) ?? "∅";
}
