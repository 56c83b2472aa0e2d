using System.Globalization;
using System.Text;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Import;

namespace BudgetPortal.Domain.Tests.Import.Corpus;

/// <summary>A variant imported and scored.</summary>
public sealed record VariantResult(Variant Variant, IReadOnlyList<PartScore> Parts, ImportResult Import)
{
    public bool Complete => Parts.All(p => p.Outcome == PartOutcome.Exact);
    public IEnumerable<PartScore> WrongFigures => Parts.Where(p => p.Outcome == PartOutcome.WrongFigure);
}

/// <summary>
/// Generates variants of the seeds, imports each and scores it (the sample in the test suite, the
/// whole corpus in `BudgetPortal.Benchmarks corpus`): the share of variants imported completely, and
/// per part how many came out exact, flagged, different or with a wrong figure.
/// </summary>
public sealed class CorpusRun
{
    /// <summary>The seeds whose text can be read (002's extraction scrambled its columns: not a source of variants).</summary>
    public static readonly string[] Seeds = ["000", "001", "003"];

    private readonly List<VariantResult> _results = [];
    public IReadOnlyList<VariantResult> Results => _results;

    public static VariantGenerator.Source Source(string repoRoot, string seed)
    {
        var folder = Path.Combine(repoRoot, "seeds", "disclosures");
        var text = File.ReadAllText(Directory.GetFiles(folder, $"{seed}_*.txt").Single());
        var truth = DisclosureDocument.Parse(File.ReadAllText(Directory.GetFiles(folder, $"{seed}_*.json").Single()));
        return VariantGenerator.Parse(seed, text, truth);
    }

    public VariantResult Run(VariantGenerator.Source source, int number, ImportCatalog catalog)
    {
        var variant = VariantGenerator.Make(source, number);
        var import = DisclosureImporter.Import(variant.Text, $"{variant.Seed}-v{number}", catalog);
        var result = new VariantResult(variant, VariantScore.Score(import, variant.Truth), import);
        _results.Add(result);
        return result;
    }

    /// <summary>The shares as docs/benchmarks.md shows them: per seed, and per part over all seeds.</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        string Pct(int n, int of) => of == 0 ? "—" : (100.0 * n / of).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        sb.AppendLine("| seed | variants | imported completely | with a wrong figure | parts flagged for an officer | parts different, not flagged |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var g in _results.GroupBy(r => r.Variant.Seed).Append(_results.GroupBy(_ => "all").Single()))
        {
            var list = g.ToList();
            sb.AppendLine($"| {g.Key} | {list.Count} | {Pct(list.Count(r => r.Complete), list.Count)} | {list.Count(r => r.WrongFigures.Any())} | "
                          + $"{list.Sum(r => r.Parts.Count(p => p.Outcome == PartOutcome.Flagged))} | {list.Sum(r => r.Parts.Count(p => p.Outcome == PartOutcome.Differs))} |");
        }
        sb.AppendLine();
        sb.AppendLine("| part | exact | flagged | different | wrong figure |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var g in _results.SelectMany(r => r.Parts).GroupBy(p => p.Part))
        {
            var n = g.Count();
            sb.AppendLine($"| {g.Key} | {Pct(g.Count(p => p.Outcome == PartOutcome.Exact), n)} | {g.Count(p => p.Outcome == PartOutcome.Flagged)} | "
                          + $"{g.Count(p => p.Outcome == PartOutcome.Differs)} | {g.Count(p => p.Outcome == PartOutcome.WrongFigure)} |");
        }
        return sb.ToString();
    }

    /// <summary>The variants not imported completely: seed, number, what was varied, and each part's first differences.</summary>
    public string Failures(int max = 20)
    {
        var sb = new StringBuilder();
        foreach (var r in _results.Where(r => !r.Complete).Take(max))
        {
            sb.AppendLine($"{r.Variant.Seed} #{r.Variant.Number}（{r.Variant.Description}）");
            foreach (var p in r.Parts.Where(p => p.Outcome != PartOutcome.Exact))
            {
                sb.AppendLine($"  {p.Part}: {p.Outcome}");
                foreach (var d in p.Differences.Take(3)) sb.AppendLine($"    {d}");
                foreach (var n in r.Import.Report.Unreadable.Where(n => n.Part == p.Part).Take(1)) sb.AppendLine($"    报告：{n.Message}");
            }
        }
        return sb.ToString();
    }
}
