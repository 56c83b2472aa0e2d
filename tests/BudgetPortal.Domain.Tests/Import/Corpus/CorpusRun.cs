using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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
public sealed partial class CorpusRun
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

    /// <summary>
    /// The text the portal prints for a disclosure (`pdftotext -layout` of its PDF), as the import's
    /// layout reader gives it back line by line — a paragraph on one line (indented), a table row with its
    /// name put together — cut into units and re-typeset like a seed's text: the corpus's second layout.
    /// </summary>
    public static VariantGenerator.Source PrintedSource(string id, string layoutText, DisclosureDocument truth)
    {
        if (!LayoutText.IsLayout(layoutText)) throw new InvalidDataException($"{id}: not the laid-out text of a printed PDF.");
        var raw = layoutText.Replace('\f', '\n').Split('\n').Select(l => Regex.Replace(l.Trim(), @"\s+", " ")).ToList();
        var text = new StringBuilder();
        var table = 0;
        foreach (var l in LayoutText.Lines(layoutText))
        {
            // A sheet's indicator rows come as cells: typeset again from the transcription, as a seed's.
            // Columns are set apart by one space, as in the seeds' text (the 目录's page numbers keep theirs otherwise).
            text.AppendLine(l.Tabbed ? string.Join(' ', l.Cells!.Where(c => c.Length > 0)) : Regex.Replace(l.Text, @"\s{2,}", " "));
            if (TableTitle().Match(l.Text) is { Success: true } m) table = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (table > 0 && l.Text.StartsWith("编制部门", StringComparison.Ordinal))
            {
                // The layout reader keeps no column header (it reads positions); a text without positions needs it, as the seeds print it.
                foreach (var h in Header(raw, table)) text.AppendLine(h);
                table = 0;
            }
        }
        return VariantGenerator.Parse(id, text.ToString(), truth);
    }

    /// <summary>Table N's column header as printed: the lines after its 编制部门 line up to its ※ row or its first 一、 row, spaces collapsed.</summary>
    private static IEnumerable<string> Header(List<string> raw, int table)
    {
        var title = raw.FindIndex(l => TableTitle().Match(l) is { Success: true } m && m.Groups[1].Value == table.ToString(CultureInfo.InvariantCulture));
        var unit = title < 0 ? -1 : raw.FindIndex(title, l => l.StartsWith("编制部门", StringComparison.Ordinal));
        if (unit < 0) yield break;
        for (var i = unit + 1; i < raw.Count && !raw[i].StartsWith('※') && !raw[i].StartsWith("一、", StringComparison.Ordinal); i++)
            if (raw[i].Length > 0) yield return raw[i];
    }

    [GeneratedRegex(@"^表\s*(\d{1,2})$")]
    private static partial Regex TableTitle();

    /// <summary>
    /// The seed a printed text is of (the department and year of its 第一部分 heading), as the id the
    /// corpus names its variants by: the seed's number and `p` (`003p`).
    /// </summary>
    public static VariantGenerator.Source PrintedSource(string repoRoot, string layoutText)
    {
        var folder = Path.Combine(repoRoot, "seeds", "disclosures");
        var flat = new string(layoutText.Where(c => !char.IsWhiteSpace(c)).ToArray());
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var truth = DisclosureDocument.Parse(File.ReadAllText(file));
            if (flat.Contains($"第一部分{truth.FiscalYear}年{truth.Department.Name}部门概况", StringComparison.Ordinal))
                return PrintedSource(Path.GetFileName(file)[..3] + "p", layoutText, truth);
        }
        throw new InvalidDataException("The printed text is of no seed.");
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
