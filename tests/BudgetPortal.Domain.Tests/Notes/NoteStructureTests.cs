using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Notes;

/// <summary>
/// The lines and figures stored beside drafted paragraphs, computed from the tables and last year's
/// figures, equal those transcribed from seed 000 (whose notes have no published errors); 十二(二)(三)
/// and the structure sentences composed from their figures read as published.
/// </summary>
public sealed class NoteStructureTests
{
    private static string NoSpace(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static string Describe(NoteLine l) =>
        $"{l.Key}|{l.Label}|{l.Amount:0.00}|{l.Share:0.00}|{l.Change:0.00}|{l.ChangePercent:0.00}|{l.Reason}|{l.Purpose}|{l.PolicyBasis}|{l.Unit}|{l.Allocation}|{l.Period}";

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
