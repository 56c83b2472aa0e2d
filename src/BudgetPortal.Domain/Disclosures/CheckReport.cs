namespace BudgetPortal.Domain.Disclosures;

/// <summary>How serious a rule is, and how serious one of its findings turned out.</summary>
public enum Severity
{
    /// <summary>The figures disagree beyond rounding: blocks publishing.</summary>
    Error,
    /// <summary>They disagree within the rounding of the printed values: shown, never blocking.</summary>
    Rounding,
    /// <summary>A soft rule: worth a look, never blocking.</summary>
    Warning,
}

public enum Outcome
{
    Pass,
    Fail,
}

/// <summary>
/// One comparison a rule made: its outcome, its severity (a failing comparison within the rounding
/// tolerance is <see cref="Severity.Rounding"/>), a Chinese message naming both figures, and where.
/// </summary>
public sealed record CheckResult(string Rule, Severity Severity, Outcome Outcome, string Message, string Location)
{
    public bool Blocks => Outcome == Outcome.Fail && Severity == Severity.Error;
}

/// <summary>
/// All results of one run of the consistency checks (Checks) over a disclosure, rule by rule: what
/// <see cref="Disclosure.Publish"/> freezes with the figures. The rules live above the aggregate in Checks;
/// their findings are the aggregate's vocabulary, so the aggregate never calls its own auditor.
/// </summary>
public sealed class CheckReport(IReadOnlyList<CheckResult> results)
{
    public IReadOnlyList<CheckResult> Results { get; } = results;

    public IEnumerable<CheckResult> Failures => Results.Where(r => r.Outcome == Outcome.Fail);
    public int Errors => Failures.Count(r => r.Severity == Severity.Error);
    public int RoundingGaps => Failures.Count(r => r.Severity == Severity.Rounding);
    public int Warnings => Failures.Count(r => r.Severity == Severity.Warning);
    public int Passed => Results.Count(r => r.Outcome == Outcome.Pass);
    public bool BlocksPublishing => Errors > 0;

    /// <summary>The worst outcome of each rule, in rule order: null when the rule had nothing to compare.</summary>
    public Severity? WorstOf(string rule)
    {
        var failures = Results.Where(r => r.Rule == rule && r.Outcome == Outcome.Fail).ToList();
        if (failures.Count == 0) return null;
        if (failures.Any(f => f.Severity == Severity.Error)) return Severity.Error;
        if (failures.Any(f => f.Severity == Severity.Warning)) return Severity.Warning;
        return Severity.Rounding;
    }
}
