using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Notes;

/// <summary>
/// How the notes print numbers (domain spec §6, §7): amounts in 万元 with two decimals, percentages
/// rounded half up (away from zero) to two decimals, and the change clause
/// <c>比上年预算{增加|减少} {|Δ|} 万元，{增长|下降} {p}%</c>.
/// </summary>
public static class NoteFormat
{
    /// <summary>Round half up to two decimals: 1.005 → 1.01 (never banker's rounding).</summary>
    public static decimal Round2(decimal value) => Amounts.Round(value);

    /// <summary>An amount in 万元 as the notes print it, a figure in a sentence: 179.66, 0.00.</summary>
    public static string Amount(decimal value) => Amounts.Format(value, AmountStyle.Figure);

    /// <summary>
    /// An amount in a list of components: 2024 documents print a zero there as <c>0</c>
    /// (说明十's 因公出国（境）费 0 万元, 十二(四)'s 涉及预算金额 0万元); 2025 prints <c>0.00</c>.
    /// </summary>
    public static string ListedAmount(decimal value, int fiscalYear) =>
        value == 0m && TableSchemas.LayoutYear(fiscalYear) <= 2024 ? "0" : Amount(value);

    /// <summary>A percentage with two decimals: 28.57.</summary>
    public static string Percent(decimal value) => Amounts.Format(value, AmountStyle.Figure);

    /// <summary>part / whole · 100, rounded half up; 0 when the whole is 0.</summary>
    public static decimal SharePercent(decimal part, decimal whole) => whole == 0m ? 0m : Round2(part / whole * 100m);

    /// <summary>
    /// |current − prior| / prior · 100, rounded half up. The prior year 0 gives 100.00 (0.00 when both
    /// are 0); the current year 0 gives 100.00 (a fall of all of it).
    /// </summary>
    public static decimal ChangePercent(decimal current, decimal prior)
    {
        if (prior == 0m) return current == 0m ? 0m : 100m;
        return Round2(Math.Abs(current - prior) / Math.Abs(prior) * 100m);
    }

    /// <summary><c>占 78.54%</c>.</summary>
    public static string Share(decimal part, decimal whole) => $"占 {Percent(SharePercent(part, whole))}%";

    /// <summary>
    /// <c>增加 16.34 万元，增长 10.00%</c> / <c>减少 9.59 万元，下降 48.95%</c>; no change reads
    /// <c>增加 0.00 万元，增长 0.00%</c> (never 持平).
    /// </summary>
    public static string Delta(decimal current, decimal prior) => DeltaText(current - prior, ChangePercent(current, prior));

    /// <summary><c>比上年预算增加 16.34 万元，增长 10.00%</c>.</summary>
    public static string Change(decimal current, decimal prior) => $"比上年预算{Delta(current, prior)}";

    /// <summary>The share of a note line (<see cref="NoteLine.Share"/>): <c>占 78.54%</c>.</summary>
    public static string Share(NoteLine line) => $"占 {Percent(line.Share ?? 0m)}%";

    /// <summary>The change of a note line (<see cref="NoteLine.Change"/>, signed, and its percentage): <c>增加 16.34 万元，增长 10.00%</c>.</summary>
    public static string Delta(NoteLine line) => DeltaText(line.Change ?? 0m, line.ChangePercent ?? 0m);

    /// <summary>The change of a note line: <c>比上年预算增加 16.34 万元，增长 10.00%</c>.</summary>
    public static string Change(NoteLine line) => $"比上年预算{Delta(line)}";

    private static string DeltaText(decimal change, decimal changePercent)
    {
        var (amountWord, percentWord) = change < 0m ? ("减少", "下降") : ("增加", "增长");
        return $"{amountWord} {Amount(Math.Abs(change))} 万元，{percentWord} {Percent(changePercent)}%";
    }

    /// <summary><c>，主要原因是{reason}</c>, or nothing when no reason has been written.</summary>
    public static string Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : $"，主要原因是{reason}";

    /// <summary><c>，主要用于{purpose}</c>, or nothing when no purpose has been written.</summary>
    public static string Purpose(string? purpose) => string.IsNullOrWhiteSpace(purpose) ? "" : $"，主要用于{purpose}";
}
