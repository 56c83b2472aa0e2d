using System.Text;
using System.Text.RegularExpressions;

namespace BudgetPortal.Domain.Notes;

/// <summary>
/// Compares published note paragraphs with drafted ones sentence by sentence. A sentence ends at
/// 。 or ； or at the end of a paragraph (a paragraph ending with ： runs on into the next: 其中：).
/// Before splitting, both sides are normalised for what is layout and typing, not content:
/// <list type="bullet">
/// <item>all whitespace is removed (transcriptions join wrapped lines with nothing; published spacing is irregular);</item>
/// <item>half-width punctuation reads as full-width (<c>, ; : ( ) %</c> → <c>，；：（）％</c> and back for %),
/// and the dashes - – — － as one;</item>
/// <item><c>。主要原因是</c> reads as <c>，主要原因是</c> (2024 documents use both within one note);</item>
/// <item>a whole-number percentage reads with two decimals (<c>增长 25%</c> = <c>增长 25.00%</c>).</item>
/// </list>
/// Everything else, numbers above all, must match exactly.
/// </summary>
public static partial class NoteComparison
{
    /// <summary>Every drafted section against the disclosure's published paragraphs of the same key.</summary>
    public static IReadOnlyList<SentenceDifference> Compare(INoteSource disclosure, DraftedNotes drafted) =>
        drafted.Keys.SelectMany(key => Compare(key, disclosure.Note(key)?.Paragraphs ?? [], drafted[key])).ToList();

    /// <summary>The sentences that differ, paired by position after aligning the equal ones.</summary>
    public static IReadOnlyList<SentenceDifference> Compare(string sectionKey, IEnumerable<string> published, IEnumerable<string> drafted)
    {
        var p = Sentences(published);
        var d = Sentences(drafted);
        var differences = new List<SentenceDifference>();
        foreach (var (i, j) in Align(p, d))
        {
            var left = i is { } a ? p[a] : null;
            var right = j is { } b ? d[b] : null;
            if (left != right) differences.Add(new SentenceDifference(sectionKey, i ?? j ?? 0, left, right));
        }
        return differences;
    }

    /// <summary>The normalised sentences of a list of paragraphs.</summary>
    public static IReadOnlyList<string> Sentences(IEnumerable<string> paragraphs)
    {
        var text = new StringBuilder();
        foreach (var paragraph in paragraphs.Select(Normalize).Where(p => p.Length > 0))
        {
            text.Append(paragraph);
            if (!paragraph.EndsWith('：')) text.Append('\n');
        }
        return text.ToString().Split(['。', '；', '\n'], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A paragraph with the normalisations of this class applied.</summary>
    public static string Normalize(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) continue;
            s.Append(c switch
            {
                ',' => '，',
                ';' => '；',
                ':' => '：',
                '(' => '（',
                ')' => '）',
                '％' => '%',
                '–' or '—' or '－' => '-',
                _ => c,
            });
        }
        var normalised = s.ToString().Replace("。主要原因是", "，主要原因是", StringComparison.Ordinal);
        return WholePercent().Replace(normalised, "$1.00%");
    }

    /// <summary>The numbers of a sentence as printed: 2025, 179.66, 308.101.</summary>
    public static IReadOnlyList<string> Numbers(string? sentence) =>
        sentence is null ? [] : Number().Matches(sentence).Select(m => m.Value).ToList();

    /// <summary>A sentence with every number replaced by #.</summary>
    public static string BlankNumbers(string sentence) => Number().Replace(sentence, "#");

    /// <summary>
    /// Pairs equal sentences in order (longest common subsequence) and pairs the rest by position
    /// between them; a sentence with no counterpart is paired with null.
    /// </summary>
    private static List<(int? Published, int? Drafted)> Align(IReadOnlyList<string> p, IReadOnlyList<string> d)
    {
        var lcs = new int[p.Count + 1, d.Count + 1];
        for (var i = p.Count - 1; i >= 0; i--)
            for (var j = d.Count - 1; j >= 0; j--)
                lcs[i, j] = p[i] == d[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var pairs = new List<(int?, int?)>();
        var gapP = new List<int>();
        var gapD = new List<int>();
        void FlushGap()
        {
            for (var k = 0; k < Math.Max(gapP.Count, gapD.Count); k++)
                pairs.Add((k < gapP.Count ? gapP[k] : null, k < gapD.Count ? gapD[k] : null));
            gapP.Clear();
            gapD.Clear();
        }
        int x = 0, y = 0;
        while (x < p.Count && y < d.Count)
        {
            if (p[x] == d[y]) { FlushGap(); pairs.Add((x++, y++)); }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) gapP.Add(x++);
            else gapD.Add(y++);
        }
        while (x < p.Count) gapP.Add(x++);
        while (y < d.Count) gapD.Add(y++);
        FlushGap();
        return pairs;
    }

    [GeneratedRegex(@"(?<![\d.])(\d+)%")]
    private static partial Regex WholePercent();

    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex Number();
}

/// <summary>
/// A published sentence and the drafted one in its place (either may be missing), normalised as
/// <see cref="NoteComparison"/> describes.
/// </summary>
public sealed record SentenceDifference(string SectionKey, int Position, string? Published, string? Drafted)
{
    /// <summary>The numbers that differ, position by position (published, drafted).</summary>
    public IReadOnlyList<(string Published, string Drafted)> NumberChanges
    {
        get
        {
            var p = NoteComparison.Numbers(Published);
            var d = NoteComparison.Numbers(Drafted);
            return Enumerable.Range(0, Math.Max(p.Count, d.Count))
                .Select(i => (i < p.Count ? p[i] : "", i < d.Count ? d[i] : ""))
                .Where(pair => pair.Item1 != pair.Item2)
                .ToList();
        }
    }

    /// <summary>Both sentences exist and are the same once their numbers are blanked out.</summary>
    public bool OnlyNumbersDiffer =>
        Published is not null && Drafted is not null
        && NoteComparison.BlankNumbers(Published) == NoteComparison.BlankNumbers(Drafted);

    public override string ToString() =>
        $"{NoteKeys.Label(SectionKey)}: 公开“{Published}” ≠ 生成“{Drafted}”";
}
