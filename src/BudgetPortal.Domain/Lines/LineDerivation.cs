using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Lines;

/// <summary>
/// The eleven tables computed from a budget's lines through the table schemas: each schema says which
/// lines it takes and into which row and column each goes; <see cref="TableArithmetic.Derive"/> adds the
/// 类/款 rows, totals and sums. No table has its own code path.
/// </summary>
public static class LineDerivation
{
    /// <summary>
    /// The eleven tables of <paramref name="fiscalYear"/> from the lines; row names from the year's catalogs,
    /// the department row (表7, 表11) named <paramref name="departmentName"/>, an empty table with its sentence.
    /// </summary>
    public static IReadOnlyList<BudgetTable> Derive(IReadOnlyList<BudgetLine> lines, int fiscalYear, YearCatalogs catalogs, string departmentName) =>
        throw new NotImplementedException("issue 12: derivation through the schemas");
}
