using System.Globalization;

namespace BudgetPortal.Domain.Tests.Seeds;

public enum Outcome
{
    /// <summary>Holds exactly (✓).</summary>
    Pass,
    /// <summary>Off by no more than the rounding of the printed figures (≈).</summary>
    Rounding,
    /// <summary>A real discrepancy (✗).</summary>
    Fail,
    /// <summary>Nothing to check in this document (–).</summary>
    NotApplicable,
}

/// <summary>One evaluation of an identity on one subject: the figure checked and what the identity says it should be.</summary>
public sealed record IdentityCheck(string Id, string Subject, string Printed, string Expected, Outcome Outcome)
{
    public override string ToString() => $"{Id} {Subject}: {Printed} vs {Expected} → {Outcome}";
}

/// <summary>
/// Collects the checks of one identity. Tolerances (domain spec §4): a printed total against the sum of
/// n printed parts may be off by 0.01 × ⌈n/2⌉; a printed percentage may be off by 0.01 pp from the exact
/// ratio rounded half-up; a figure that merely repeats another printed figure must be identical.
/// </summary>
public sealed class CheckLog(string id)
{
    private const decimal Cent = 0.01m;
    private readonly List<IdentityCheck> _checks = [];

    public IReadOnlyList<IdentityCheck> Checks => _checks;

    /// <summary>A figure that repeats one printed elsewhere: no rounding allowed.</summary>
    public void Same(string subject, decimal printed, decimal source) =>
        Add(subject, printed, source, printed == source ? Outcome.Pass : Outcome.Fail);

    /// <summary>A printed total against the sum of printed parts (blank parts are not printed and do not count).</summary>
    public void Sum(string subject, decimal printed, params IEnumerable<decimal> parts)
    {
        var list = parts.ToList();
        var n = Math.Max(1, list.Count(p => p != 0m));
        var sum = list.Sum();
        Add(subject, printed, sum, Classify(printed - sum, Cent * Math.Ceiling(n / 2m)));
    }

    /// <summary>A printed percentage against the exact ratio: it should be the ratio rounded half-up to 2 dp.</summary>
    public void Percent(string subject, decimal printed, decimal exact)
    {
        var rounded = Math.Round(exact, 2, MidpointRounding.AwayFromZero);
        Add(subject, printed, rounded, Classify(printed - rounded, Cent));
    }

    /// <summary>Printed percentages that should add up to a whole (±0.01 pp).</summary>
    public void PercentSum(string subject, decimal whole, IEnumerable<decimal> shares)
    {
        var sum = shares.Sum();
        Add(subject, sum, whole, Classify(sum - whole, Cent));
    }

    public void SameText(string subject, string printed, string source) =>
        _checks.Add(new IdentityCheck(id, subject, printed, source, printed == source ? Outcome.Pass : Outcome.Fail));

    public void NotApplicable(string subject) =>
        _checks.Add(new IdentityCheck(id, subject, "–", "–", Outcome.NotApplicable));

    private static Outcome Classify(decimal difference, decimal tolerance) =>
        difference == 0m ? Outcome.Pass : Math.Abs(difference) <= tolerance ? Outcome.Rounding : Outcome.Fail;

    private void Add(string subject, decimal printed, decimal expected, Outcome outcome) =>
        _checks.Add(new IdentityCheck(id, subject, Format(printed), Format(expected), outcome));

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
