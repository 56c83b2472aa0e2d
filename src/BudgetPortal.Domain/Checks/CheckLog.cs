using System.Globalization;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Checks;

/// <summary>
/// Collects the comparisons of one rule. Tolerances (domain spec §4): a printed total against the
/// sum of n printed parts may be off by 0.01 × ⌈n/2⌉; a printed percentage by 0.01 percentage points
/// from the exact ratio rounded half up; a figure that repeats another printed figure not at all.
/// </summary>
public sealed class CheckLog(CheckRule rule)
{
    private const decimal Cent = Rounding.Cent;
    private readonly List<CheckResult> _results = [];

    public IReadOnlyList<CheckResult> Results => _results;

    /// <summary>A figure that repeats one printed elsewhere: no rounding allowed.</summary>
    public void Same(string location, string left, decimal a, string right, decimal b) =>
        Add(location, a == b, false, $"{left} {F(a)} {(a == b ? "=" : "≠")} {right} {F(b)}");

    /// <summary>A count or a text that must be identical.</summary>
    public void SameText(string location, string left, string a, string right, string b) =>
        Add(location, a == b, false, a == b ? $"{left}与{right}一致：{Quote(a)}" : $"{left} {Quote(a)} ≠ {right} {Quote(b)}");

    /// <summary>A printed total against the sum of printed parts; blank (zero) parts are not printed and do not count.</summary>
    public void Sum(string location, string total, decimal printed, string parts, params IEnumerable<decimal> values)
    {
        var list = values.ToList();
        var n = Math.Max(1, list.Count(p => p != 0m));
        var sum = list.Sum();
        var tolerance = Rounding.Tolerance(n);
        var difference = printed - sum;
        var message = $"{total} {F(printed)} {(difference == 0 ? "=" : "≠")} {parts} {F(sum)}";
        if (difference != 0 && Math.Abs(difference) <= tolerance)
            message += $"（相差 {F(Math.Abs(difference))}，在 {n} 个数的舍入允许范围 {F(tolerance)} 内）";
        Add(location, difference == 0, Math.Abs(difference) <= tolerance, message);
    }

    /// <summary>A printed percentage against the exact ratio, which it should equal rounded half up to 2 decimals.</summary>
    public void Percent(string location, string label, decimal printed, decimal exact, string how)
    {
        var rounded = Math.Round(exact, 2, MidpointRounding.AwayFromZero);
        var difference = printed - rounded;
        var message = $"{label} {F(printed)}% {(difference == 0 ? "=" : "≠")} {how} {F(rounded)}%";
        if (difference != 0 && Math.Abs(difference) <= Cent)
            message += "（相差 0.01 个百分点，在舍入允许范围内）";
        Add(location, difference == 0, Math.Abs(difference) <= Cent, message);
    }

    /// <summary>Printed percentages that should add up to a whole (±0.01 pp).</summary>
    public void PercentSum(string location, string label, decimal whole, IEnumerable<decimal> shares)
    {
        var sum = shares.Sum();
        var difference = sum - whole;
        var message = $"{label} {F(sum)}% {(difference == 0 ? "=" : "≠")} {F(whole)}%";
        Add(location, difference == 0, Math.Abs(difference) <= Cent, message);
    }

    /// <summary>A soft finding: passes or fails on a condition the rule states.</summary>
    public void Expect(string location, bool holds, string message) => Add(location, holds, false, message);

    private void Add(string location, bool exact, bool withinRounding, string message)
    {
        var (severity, outcome) = exact
            ? (rule.Severity, Outcome.Pass)
            : withinRounding && rule.Severity == Severity.Error ? (Severity.Rounding, Outcome.Fail) : (rule.Severity, Outcome.Fail);
        _results.Add(new CheckResult(rule.Id, severity, outcome, message, location));
    }

    private static string Quote(string s) => $"“{s}”";

    /// <summary>Amounts as printed: two decimals at least, more when stated (308.101).</summary>
    public static string F(decimal value)
    {
        var s = value.ToString("0.00##", CultureInfo.InvariantCulture);
        return s;
    }
}
