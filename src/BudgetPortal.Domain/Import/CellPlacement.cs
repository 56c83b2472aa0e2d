using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// A row as read from the text before its values have columns: the values in printed order, and
/// their columns when the extraction kept them (tab-separated text, or x positions of a laid-out PDF).
/// </summary>
public sealed class RawRow
{
    public string? Code { get; set; }
    public string Label { get; set; } = "";
    public List<decimal> Values { get; } = [];
    /// <summary>The column index of each value, when the text says it; null when blank cells were dropped.</summary>
    public List<int>? Columns { get; set; }
    public List<SourceLine> Lines { get; } = [];
    public int? Parent { get; set; }
    public string Describe => $"{(Code is null ? "" : ClassificationCode.Printed(Code) + " ")}{Label}".Trim();
}

/// <summary>
/// Puts the values of rows whose blank cells were dropped into their columns. Each row has the
/// placements that keep the values in printed order, fill an allowed column, and satisfy the row's
/// own identity (合计 = 基本 + 项目 …); the rows form a tree (总计 → 类 → 款 → 项, or the fixed
/// sub-totals of 表10), and a parent's cells must be the sums of its children's within the
/// rounding tolerance. What is left ambiguous is decided by a preference and reported as such.
/// </summary>
public sealed class CellPlacement
{
    private const long MaxCombinations = 2_000_000;

    public required int ColumnCount { get; init; }
    public required Func<decimal?[], bool> RowHolds { get; init; }
    public Func<RawRow, int, bool> Allowed { get; init; } = (_, _) => true;
    /// <summary>Lower is preferred: how usual a value is in this column for this row.</summary>
    public Func<RawRow, int, int> Preference { get; init; } = (_, c) => c;
    /// <summary>
    /// Whether a placement the sums cannot decide may take the preferred columns (reported as such):
    /// only where the preference is a convention of the table (表7's usual economic columns, 表11's
    /// 项目支出, 表6's 人员/公用 by code). Elsewhere the order of the columns says nothing, and an
    /// undecided row fails the table rather than guess a figure's column (issue 13).
    /// </summary>
    public bool MayPrefer { get; init; }
    public bool TreeSums { get; init; } = true;

    public sealed record Outcome(List<decimal?[]?> Cells, List<string> Inferred, List<string> Failures);

    public Outcome Place(IReadOnlyList<RawRow> rows)
    {
        var inferred = new List<string>();
        var failures = new List<string>();
        var candidates = rows.Select(Candidates).ToList();
        for (var i = 0; i < rows.Count; i++)
            if (candidates[i].Count == 0)
                failures.Add($"“{rows[i].Describe}”的 {rows[i].Values.Count} 个数值放不进任何一组列（{string.Join(" ", rows[i].Values)}）");
        var chosen = new decimal?[]?[rows.Count];
        if (failures.Count > 0) return new Outcome(chosen.ToList(), inferred, failures);

        var children = Enumerable.Range(0, rows.Count).ToLookup(i => TreeSums ? rows[i].Parent ?? -1 : -1);
        var feasible = new List<decimal?[]>?[rows.Count];
        List<decimal?[]> Feasible(int i)
        {
            if (feasible[i] is { } done) return done;
            var kids = children[i].ToList();
            feasible[i] = kids.Count == 0 || Settled(i) ? candidates[i]
                : candidates[i].Where(c => BestCombination(kids, c, Feasible, rows) is not null).ToList();
            return feasible[i]!;
        }

        // A row and all rows under it with one placement each are as printed: their sums are the
        // checks' business (a published error must import as printed), not the placement's.
        bool Settled(int i) => candidates[i].Count == 1 && children[i].All(Settled);

        // Roots: rows without a parent; each is placed on its own.
        foreach (var root in children[-1])
        {
            var options = Feasible(root);
            if (options.Count == 0)
            {
                failures.Add($"“{rows[root].Describe}”与其下各行的合计对不上，无法确定各数值所在的列");
                continue;
            }
            chosen[root] = Pick(rows[root], options, candidates[root].Count, inferred, failures);
            Descend(root);
        }

        void Descend(int parent)
        {
            var kids = children[parent].ToList();
            if (kids.Count == 0 || chosen[parent] is null) return;
            if (Settled(parent))
            {
                foreach (var k in kids) { chosen[k] = candidates[k][0]; Descend(k); }
                return;
            }
            var combo = BestCombination(kids, chosen[parent]!, Feasible, rows, out var count);
            if (combo is null)
            {
                failures.Add($"“{rows[parent].Describe}”的下级行合计对不上");
                return;
            }
            if (count > 1 && !MayPrefer && kids.Any(k => candidates[k].Count > 1))
            {
                failures.Add($"“{rows[parent].Describe}”的下级行有不止一种放法都对得上合计，无法确定各数值所在的列");
                return;
            }
            for (var k = 0; k < kids.Count; k++)
            {
                chosen[kids[k]] = combo[k];
                if (candidates[kids[k]].Count > 1)
                    inferred.Add(count == 1
                        ? $"“{rows[kids[k]].Describe}”：{Show(rows[kids[k]])} 的列由合计推断"
                        : $"“{rows[kids[k]].Describe}”：{Show(rows[kids[k]])} 的列无法由合计唯一确定，按最常见的列放置");
                Descend(kids[k]);
            }
        }
        return new Outcome(chosen.ToList(), inferred, failures);
    }

    private static string Show(RawRow r) => string.Join(" ", r.Values);

    private decimal?[] Pick(RawRow row, List<decimal?[]> options, int initial, List<string> inferred, List<string> undecided)
    {
        var best = options.OrderBy(o => Score(row, o)).First();
        if (options.Count > 1 && !MayPrefer)
        {
            undecided.Add($"“{row.Describe}”的 {Show(row)} 可以放在不止一组列中，合计无法确定");
            return best;
        }
        if (initial > 1)
            inferred.Add(options.Count == 1
                ? $"“{row.Describe}”：{Show(row)} 的列由合计推断"
                : $"“{row.Describe}”：{Show(row)} 的列无法由合计唯一确定，按最常见的列放置");
        return best;
    }

    private int Score(RawRow row, decimal?[] v)
    {
        var s = 0;
        for (var c = 0; c < v.Length; c++) if (v[c] is not null) s += Preference(row, c);
        return s;
    }

    private decimal?[][]? BestCombination(List<int> kids, decimal?[] parent, Func<int, List<decimal?[]>> feasible, IReadOnlyList<RawRow> rows) =>
        BestCombination(kids, parent, feasible, rows, out _);

    private decimal?[][]? BestCombination(List<int> kids, decimal?[] parent, Func<int, List<decimal?[]>> feasible,
        IReadOnlyList<RawRow> rows, out int count)
    {
        var sets = kids.Select(feasible).ToList();
        count = 0;
        if (sets.Any(s => s.Count == 0)) return null;
        long total = 1;
        foreach (var s in sets) { total *= s.Count; if (total > MaxCombinations) return null; }
        var index = new int[sets.Count];
        decimal?[][]? best = null;
        var bestScore = int.MaxValue;
        var found = 0;
        while (true)
        {
            var ok = true;
            for (var c = 0; c < ColumnCount && ok; c++)
            {
                decimal sum = 0; var parts = 0;
                for (var k = 0; k < sets.Count; k++)
                    if (sets[k][index[k]][c] is { } v) { sum += v; parts++; }
                ok = Rounding.Close(sum, parent[c] ?? 0m, parts);
            }
            if (ok)
            {
                found++;
                var score = 0;
                for (var k = 0; k < sets.Count; k++) score += Score(rows[kids[k]], sets[k][index[k]]);
                if (score < bestScore)
                {
                    bestScore = score;
                    best = sets.Select((s, k) => s[index[k]]).ToArray();
                }
            }
            var pos = 0;
            while (pos < sets.Count && ++index[pos] == sets[pos].Count) index[pos++] = 0;
            if (pos == sets.Count) break;
        }
        count = found;
        return best;
    }


    private List<decimal?[]> Candidates(RawRow row)
    {
        var n = row.Values.Count;
        var result = new List<decimal?[]>();
        if (row.Columns is { } known)
        {
            var v = new decimal?[ColumnCount];
            for (var i = 0; i < n; i++)
                if (known[i] >= 0 && known[i] < ColumnCount) v[known[i]] = row.Values[i];
            if (RowHolds(v)) result.Add(v);
            return result;
        }
        if (n > ColumnCount) return result;
        var pos = new int[n];
        var violating = new List<decimal?[]>();
        void Rec(int k, int from)
        {
            if (k == n)
            {
                var v = new decimal?[ColumnCount];
                for (var i = 0; i < n; i++) v[pos[i]] = row.Values[i];
                if (RowHolds(v)) result.Add(v);
                else violating.Add(v);
                return;
            }
            for (var c = from; c <= ColumnCount - (n - k); c++)
            {
                if (!Allowed(row, c)) continue;
                pos[k] = c;
                Rec(k + 1, c + 1);
            }
        }
        Rec(0, 0);
        // A row whose own sum is wrong as printed (a published error) still has one placement when
        // its values fill every column it can use: keep it, and let the checks report the error.
        if (result.Count == 0 && violating.Count == 1) result.Add(violating[0]);
        return result;
    }

    /// <summary>A sum identity for a row: the total column equals the sum of the part columns (blank = 0).</summary>
    public static bool SumHolds(decimal?[] v, int total, params int[] parts)
    {
        decimal sum = 0; var n = 0;
        foreach (var p in parts) if (v[p] is { } x) { sum += x; n++; }
        if (n == 0) return v[total] is null;
        return v[total] is { } t && Rounding.Close(sum, t, n);
    }
}
