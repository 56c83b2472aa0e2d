using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Lines;

/// <summary>
/// The eleven tables computed from a budget's lines through the table schemas: each schema says which
/// lines it takes and into which row and column each goes (<see cref="TableSchema.LineProjections"/>);
/// the lines are summed by row and column into the table's leaves, and <see cref="TableArithmetic.Derive"/>
/// adds the 类/款 rows, the department's row, totals and sums. No table has its own code path
/// (docs/decisions/0019-budget-lines.md).
/// </summary>
public static class LineDerivation
{
    /// <summary>
    /// The eleven tables of <paramref name="fiscalYear"/> from the lines; row names from the year's catalogs,
    /// the department row (表7, 表11) named <paramref name="departmentName"/>, an empty table with its sentence.
    /// </summary>
    public static IReadOnlyList<BudgetTable> Derive(IReadOnlyList<BudgetLine> lines, int fiscalYear, YearCatalogs catalogs, string departmentName)
    {
        var facts = lines.Select(Facts).ToList();
        return TableSchemas.ForYear(fiscalYear).Select(schema => Derive(schema, facts, fiscalYear, catalogs, departmentName)).ToList();
    }

    /// <summary>One table: its leaves are the sums of the lines it takes by row and column, in the order the lines first reach them.</summary>
    public static BudgetTable Derive(TableSchema schema, IReadOnlyList<LineFacts> lines, int fiscalYear, YearCatalogs catalogs, string departmentName)
    {
        var catalog = catalogs.For(schema.CodeScheme);
        string? NameOf(string code) => schema.CategoryName(code, catalog) is { Length: > 0 } name ? name : null;
        var leaves = new Dictionary<LeafRow, TableRow>();
        var order = new List<TableRow>();
        foreach (var projection in schema.LineProjections)
            foreach (var line in lines)
            {
                if (!projection.Takes.Takes(line)) continue;
                var column = projection.Columns.Of(line)
                    ?? throw new InvalidOperationException($"表{schema.Number}的明细投影没有为 {line} 给出列。");
                var at = projection.Row.Of(line);
                if (!leaves.TryGetValue(at, out var row))
                {
                    leaves[at] = row = new TableRow(at.Kind, at.Code, at.Code is { } code ? NameOf(code) : null, at.Key, at.Project);
                    order.Add(row);
                }
                row.Set(column, row.Amount(column) + line.Amount);
            }
        return order.Count == 0
            ? new BudgetTable(schema.Kind, [], schema.FormatEmptySentence(departmentName, fiscalYear))
            : schema.Derive(new BudgetTable(schema.Kind, order), NameOf, departmentName);
    }

    /// <summary>What the tables read of a line, in their words (<see cref="LineFacts"/>).</summary>
    public static LineFacts Facts(BudgetLine line)
    {
        var source = line.SourceInfo;
        var money = (source.Budget, source.Carryover) switch
        {
            (not null, Carryover.None) => LineMoney.CurrentFiscal,
            (null, Carryover.None) => LineMoney.CurrentOther,
            (_, Carryover.Fiscal) => LineMoney.FiscalCarryover,
            _ => LineMoney.NonFiscalCarryover,
        };
        var budget = source.Budget switch
        {
            Budget.General => ColumnKeys.GeneralBudget,
            Budget.GovFund => ColumnKeys.GovFund,
            Budget.StateCapital => ColumnKeys.StateCapital,
            _ => null,
        };
        var use = line.Spending switch
        {
            LineSpending.Personnel => LineUse.Personnel,
            LineSpending.Public => LineUse.Public,
            _ => LineUse.Project,
        };
        return new LineFacts(line.FunctionalCode, line.EconomicCode, use, line.Project, money, budget, source.IncomeLine, source.IncomeColumn, line.Amount);
    }
}
