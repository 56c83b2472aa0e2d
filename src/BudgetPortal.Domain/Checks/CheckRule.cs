using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;

namespace BudgetPortal.Domain.Checks;

/// <summary>
/// A rule of docs/checks.md: a stable id, its severity, what it compares and the tolerance. A rule
/// that reads the year's classification catalogs has <paramref name="EvaluateWithCatalogs"/>, and runs
/// only when the catalogs are given (ConsistencyChecks.Run(disclosure, catalogs)).
/// </summary>
public sealed record CheckRule(string Id, Severity Severity, string Title, string Tolerance, Action<Disclosure, CheckLog> Evaluate,
    Action<Disclosure, YearCatalogs, CheckLog>? EvaluateWithCatalogs = null);
