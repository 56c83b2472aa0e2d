using System.Text.RegularExpressions;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// A line of the extracted text: its number in the source (for the report), the text with the
/// extraction's residue removed (markdown `- ` and `**`, stray `*` before numbers, leading and
/// trailing spaces), and its cells when the extraction kept them tab-separated (seed 001).
/// </summary>
public sealed record SourceLine(int Number, string Text, IReadOnlyList<string>? Cells)
{
    public bool Tabbed => Cells is not null;

    /// <summary>The line was printed indented (two spaces or a full-width space): a paragraph's first line.</summary>
    public bool Indented { get; init; }
    public override string ToString() => $"{Number}: {Text}";
}

/// <summary>
/// Splits extracted text into cleaned lines; blank lines, page breaks and the page's furniture are
/// dropped wherever they fall: page numbers (`- 14 -`, `第 14 页 共 30 页`, and bare numbers that
/// count up page after page), and a running header repeated on the pages.
/// </summary>
public static partial class SourceText
{
    public static IReadOnlyList<SourceLine> Lines(string text)
    {
        var lines = RawLines(text, out var marks);
        return WithoutPageFurniture(lines, marks);
    }

    private static List<SourceLine> RawLines(string text, out int pageMarks)
    {
        pageMarks = 0;
        var result = new List<SourceLine>();
        var raw = text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\f', '\n').Split('\n');
        for (var i = 0; i < raw.Length; i++)
        {
            var line = raw[i];
            if (line.Contains('\t'))
            {
                var cells = line.Split('\t').Select(Clean).ToList();
                if (cells.All(c => c.Length == 0)) continue;
                result.Add(new SourceLine(i + 1, string.Join(' ', cells.Where(c => c.Length > 0)), cells));
                continue;
            }
            // A page number in a form no text takes (`- 14 -`), dropped before Clean reads its dash as a list's.
            if (PageMark().IsMatch(line.Trim())) { pageMarks++; continue; }
            var clean = Clean(line);
            if (clean.Length == 0) continue;
            result.Add(new SourceLine(i + 1, clean, null) { Indented = line.StartsWith("  ", StringComparison.Ordinal) || line.StartsWith('\u3000') });
        }
        return result;
    }

    /// <summary>
    /// Drops the lines a page adds: page numbers in a form no text takes (`- 14 -`, `第 14 页`, `14/30`),
    /// bare numbers that count up from page to page (at least two, a page or more apart: a sheet's
    /// weight alone on its line does not; none where the pages are numbered in another form), and a running header (a line naming the 部门预算 that
    /// stands three times or more).
    /// </summary>
    private static List<SourceLine> WithoutPageFurniture(List<SourceLine> lines, int pageMarks)
    {
        var drop = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
            if (!lines[i].Tabbed && PageMark().IsMatch(lines[i].Text)) drop.Add(i);
        // The longest chain of bare numbers counting up by 1–3, each at least 12 lines a step after the one before.
        var bare = Enumerable.Range(0, lines.Count).Where(i => !lines[i].Tabbed && PageNumber().IsMatch(lines[i].Text)).ToList();
        var value = bare.Select(i => int.Parse(lines[i].Text, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var length = new int[bare.Count];
        var before = new int[bare.Count];
        for (var k = 0; k < bare.Count; k++)
        {
            length[k] = 1;
            before[k] = -1;
            for (var j = 0; j < k; j++)
            {
                var step = value[k] - value[j];
                if (step is >= 1 and <= 3 && bare[k] - bare[j] >= 12 * step && length[j] + 1 > length[k]) { length[k] = length[j] + 1; before[k] = j; }
            }
        }
        // A text whose pages are numbered in a form of their own (`- 14 -`, `第 14 页`) has no bare page
        // numbers: its bare numbers are cells (上年完成值 3, a weight alone on its line), never dropped.
        if (bare.Count > 0 && length.Max() >= 2 && pageMarks + drop.Count < 2)
            foreach (var k in Regular(bare, value, before, Array.IndexOf(length, length.Max()))) drop.Add(bare[k]);
        foreach (var g in Enumerable.Range(0, lines.Count).Where(i => !lines[i].Tabbed && RunningHeader().IsMatch(lines[i].Text))
                     .GroupBy(i => lines[i].Text.Replace(" ", "")).Where(g => g.Count() >= 3))
            drop.UnionWith(g);
        return drop.Count == 0 ? lines : lines.Where((_, i) => !drop.Contains(i)).ToList();
    }

    /// <summary>
    /// The chain ending at <paramref name="last"/>, each page number inside it the one of its value that
    /// stands where pages are the same length: a cell of the same value (上年完成值 30, a value's wrapped
    /// `30`) a page after the number before it is no page number when the real one stands at the page's end.
    /// </summary>
    private static List<int> Regular(List<int> bare, List<int> value, int[] before, int last)
    {
        var chain = new List<int>();
        for (var k = last; k >= 0; k = before[k]) chain.Add(k);
        chain.Reverse();
        for (var c = 1; c + 1 < chain.Count; c++)
        {
            int p = chain[c - 1], n = chain[c + 1];
            var expected = bare[p] + (bare[n] - bare[p]) * (double)(value[chain[c]] - value[p]) / (value[n] - value[p]);
            var best = chain[c];
            for (var k = 0; k < bare.Count; k++)
                if (value[k] == value[best] && bare[k] - bare[p] >= 12 * (value[k] - value[p]) && bare[n] - bare[k] >= 12 * (value[n] - value[k])
                    && Math.Abs(bare[k] - expected) < Math.Abs(bare[best] - expected))
                    best = k;
            chain[c] = best;
        }
        return chain;
    }

    /// <summary>Removes markdown residue and the stray `*` extraction puts before a number.</summary>
    public static string Clean(string s)
    {
        s = s.Trim();
        if (s.StartsWith("- ", StringComparison.Ordinal)) s = s[2..].TrimStart();
        s = s.Replace("**", "");
        s = StrayStar().Replace(s, "$1");
        return s.Trim();
    }

    /// <summary>A page number on a line of its own.</summary>
    public static bool IsPageNumber(string s) => PageNumber().IsMatch(s);

    [GeneratedRegex(@"(^|\s)\*(?=\d)")]
    private static partial Regex StrayStar();

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^(-\s*\d{1,3}\s*-|第\s*\d{1,3}\s*页(\s*[，,]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})$")]
    private static partial Regex PageMark();

    [GeneratedRegex(@"^(?!第[一二三四]部分|编制部门|表\s*\d).{2,40}\d{4}\s*年\s*部门预算(公开)?$")]
    private static partial Regex RunningHeader();
}
