using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tests.Builders;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Notes;

/// <summary>
/// The lines and figures stored beside drafted paragraphs, computed from the tables and last year's
/// figures, equal those transcribed from seed 000 (whose notes have no published errors); the changes
/// are those worked by hand against last year's figures; 十二(二)(三) and the structure sentences
/// composed from their figures read as published.
/// </summary>
public sealed class NoteStructureTests
{
    private static string NoSpace(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// A line without its change: with last year's figures read from the seed's own lines (amount −
    /// change) the change would equal the printed one by construction (<see cref="ChangesAreAgainstLastYearsFigures"/>
    /// checks it). The percentage stays: it is recomputed and must match the printed one.
    /// </summary>
    private static string Describe(NoteLine l) =>
        $"{l.Key}|{l.Label}|{l.Amount:0.00}|{l.Share:0.00}|{l.ChangePercent:0.00}|{l.Reason}|{l.Purpose}|{l.PolicyBasis}|{l.Unit}|{l.Allocation}|{l.Period}";

    private static string Describe(NoteFigure f) => $"{f.Key}|{f.Number:0.00}|{f.Text}";

    [Theory]
    [InlineData("1")] [InlineData("2")] [InlineData("3")] [InlineData("4")] [InlineData("5.1")] [InlineData("5.2")] [InlineData("5.3")]
    [InlineData("6")] [InlineData("7")] [InlineData("10")] [InlineData("11")] [InlineData("12.1")] [InlineData("12.4")]
    public void DraftedSectionsLinesAndFiguresEqualSeed000(string key)
    {
        var d = SeedFiles.Get("000").Load();
        var (lines, figures) = new NoteStructure(d, PriorYearFigures.FromNoteLines(d)).Section(key);
        var published = d.Note(key)!;
        Assert.Equal(published.Lines.Select(Describe), lines.Select(Describe));
        Assert.Equal(published.Figures.Select(Describe).Order(), figures.Select(Describe).Order());
    }

    [Fact]
    public void ChangesAreAgainstLastYearsFigures()
    {
        // Seed 000's tables: 表1 一般公共预算 179.66; 表3 基本 169.66, 项目 10.00; 表5 the same; 表5 项
        // 2013150 131.10; 表10 运行费 2.50; 表6 公用经费 37.85. Last year's figures are made up here.
        var d = SeedFiles.Get("000").Load();
        var prior = new PriorYearFigures
        {
            FiscalYear = 2024,
            Income = new Dictionary<string, decimal> { ["generalBudget"] = 150.00m },
            Basic = 160.00m, Project = 20.00m, GeneralBudgetBasic = 169.66m, GeneralBudgetProject = 0m,
            Items = [new("2013150", 120.00m), new("2299999", 5.00m, "其他支出（类）其他支出（款）其他支出（项）")],
            VehicleOperation = 2.00m, OperatingExpenses = 40.00m,
        };
        var structure = new NoteStructure(d, prior);
        IEnumerable<string> Changes(string key) => structure.Section(key).Lines.Select(l => $"{l.Key} {l.Change:0.00} {l.ChangePercent:0.00}");

        Assert.Equal(["generalBudget 29.66 19.77"], Changes("2"));                     // 29.66 / 150 = 19.773
        Assert.Equal(["basic 9.66 6.04", "project -10.00 50.00"], Changes("3"));        // 9.66 / 160 = 6.0375
        Assert.Equal(["basic 0.00 0.00", "project 10.00 100.00"], Changes("5.1"));
        var items = Changes("5.3").ToList();
        Assert.Equal("2013150 11.10 9.25", items[0]);                                  // 11.10 / 120 = 9.25
        Assert.Equal("2013199 10.00 100.00", items[1]);                                // new this year
        Assert.Equal("2299999 -5.00 100.00", items[^1]);                               // last year only
        Assert.Equal(["total 0.50 25.00", "overseas 0.00 0.00", "vehiclePurchase 0.00 0.00", "vehicleOperation 0.50 25.00", "reception 0.00 0.00"],
            Changes("10"));
        Assert.Equal(["operating -2.15 5.38"], Changes("12.1"));                       // 2.15 / 40 = 5.375
    }

    [Theory]
    [InlineData(null, "住房保障支出")]
    [InlineData("住房保障（改名）支出", "住房保障（改名）支出")]
    public void ACategoryReadWithoutItsNameIsStoredUnderItsNameInTheYearsCatalogElseTheLayouts(string? inCatalog, string expected)
    {
        var d = new BudgetFiguresBuilder().WithIncome("generalBudget", 20.00m)
            .WithItem("2210201", category: null, "住房改革支出", "住房公积金", basic: 20.00m).Build();
        if (inCatalog is not null)
            d.NameCategoriesFrom(new ClassificationCatalog(ClassificationScheme.Functional, d.FiscalYear,
                [new ClassificationCode(ClassificationScheme.Functional, d.FiscalYear, "221", inCatalog)], []));
        var structure = new NoteStructure(d, new PriorYearFigures { FiscalYear = d.FiscalYear - 1 });
        Assert.Equal(expected, structure.Section("1").Figures.Single(f => f.Key == "expenditureCategories").Text);
        Assert.Equal(expected, Assert.Single(structure.Section("4").Lines).Label);
        Assert.Equal(expected, Assert.Single(structure.Section("5.2").Lines).Label);
    }

    /// <summary>
    /// Every change that drafts the notes again takes the year's catalog as its parameter: a table saved, the
    /// sign-off renamed, the lines saved and the notes drafted all name a 类 read without its name the same way.
    /// </summary>
    [Fact]
    public void EverySavePathNamesACategoryByTheCatalogItIsGiven()
    {
        var d = new BudgetFiguresBuilder().WithIncome("generalBudget", 20.00m)
            .WithItem("2210201", category: null, "住房改革支出", "住房公积金", basic: 20.00m).Build();
        var catalog = new ClassificationCatalog(ClassificationScheme.Functional, d.FiscalYear,
            [new ClassificationCode(ClassificationScheme.Functional, d.FiscalYear, "221", "住房保障（改名）支出")], []);
        var prior = new PriorYearFigures { FiscalYear = d.FiscalYear - 1 };
        string Named() => Assert.Single(d.Note("5.2")!.Lines).Label!;

        d.DraftNotes(prior, catalog);
        Assert.Equal("住房保障（改名）支出", Named());
        d.DraftNotes(prior, null);
        Assert.Equal("住房保障支出", Named());
        d.SetTable(d.Table(BudgetPortal.Domain.Tables.TableKind.GeneralBudget), catalog);
        Assert.Equal("住房保障（改名）支出", Named());
        d.SetTable(d.Table(BudgetPortal.Domain.Tables.TableKind.GeneralBudget), null);
        Assert.Equal("住房保障支出", Named());
        d.SetSignOff(new SignOff { Name = "改名后的单位" }, catalog);
        Assert.Equal("住房保障（改名）支出", Named());
    }

    [Fact]
    public void TypedPriorYearAmountsReplaceOnlyTheirSection()
    {
        var d = SeedFiles.Get("000").Load();
        var prior = PriorYearFigures.FromNoteLines(d);
        var typed = prior.WithSection("3", new Dictionary<string, decimal> { ["basic"] = 100m });
        Assert.Equal(100m, typed.Basic);
        Assert.Equal(prior.Project, typed.Project);
        Assert.Equal(prior.GeneralBudgetBasic, typed.GeneralBudgetBasic);
        var (lines, _) = new NoteStructure(d, typed).Section("3");
        Assert.Equal((69.66m, 69.66m), (lines[0].Change!.Value, lines[0].ChangePercent!.Value));
    }

    [Theory]
    [InlineData("000")]
    [InlineData("003")]
    public void ProcurementAndAssetsComposedFromTheirFiguresReadAsPublished(string seed)
    {
        var d = SeedFiles.Get(seed).Load();
        foreach (var (key, compose) in new (string, Func<string, int, IReadOnlyDictionary<string, decimal>, (List<string>, List<NoteFigure>)>)[]
                 { ("12.2", NoteStructure.Procurement), ("12.3", NoteStructure.Assets) })
        {
            var note = d.Note(key)!;
            var typed = note.Figures.Where(f => f.Number is not null).ToDictionary(f => f.Key, f => f.Number!.Value);
            var (paragraphs, figures) = compose(d.DepartmentName, d.FiscalYear, typed);
            // 003 prints its 截至 … 总体情况为 without the colon of the template: the only difference.
            Assert.Equal(note.Paragraphs.Select(p => NoSpace(p).TrimEnd('：')), paragraphs.Select(p => NoSpace(p).TrimEnd('：')));
            Assert.Equal(note.Figures.Select(Describe).Order(), figures.Select(Describe).Order());
        }
    }

    [Fact]
    public void StructureSentencesFollowTheFigures()
    {
        var d = SeedFiles.Get("001").Load();
        Assert.Equal(d.Overview.StructureText.Select(NoSpace), StructureSentences.Compose(d.DepartmentName, d.Overview).Select(NoSpace));
    }
}
