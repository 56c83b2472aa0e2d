using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Disclosures;

public sealed record SummaryFigure(string Label, decimal Amount);

/// <summary>One row of the year-over-year comparison: a 类 this year and last year.</summary>
public sealed record YearOverYear(string Code, string Name, decimal Current, decimal? Prior);

/// <summary>The 三公 items of one year.</summary>
public sealed record ThreePublicYear(int Year, decimal Overseas, decimal VehiclePurchase, decimal VehicleOperation, decimal Reception, string Source)
{
    public decimal Total => Overseas + VehiclePurchase + VehicleOperation + Reception;
}

/// <summary>
/// The figures at the top of a disclosure page, each taken from the table that states it: totals
/// from 表1, basic/project and the 类 from 表3, 三公 from 表10, 运行经费 from 表6. Prior-year figures
/// come from last year's published disclosure when the portal has it, else from what this year's
/// notes state (current − change), and say which.
/// </summary>
public sealed class DisclosureSummary
{
    public required int Year { get; init; }
    public required decimal IncomeTotal { get; init; }
    public required decimal ExpenditureTotal { get; init; }
    public required decimal Table3Total { get; init; }
    public required decimal Basic { get; init; }
    public required decimal Project { get; init; }
    public required IReadOnlyList<SummaryFigure> Categories { get; init; }
    public required IReadOnlyList<SummaryFigure> IncomeSources { get; init; }
    public required decimal ThreePublic { get; init; }
    public required decimal RunningCosts { get; init; }
    public required decimal? PriorExpenditure { get; init; }
    public required string PriorSource { get; init; }
    public required IReadOnlyList<YearOverYear> ByCategory { get; init; }
    public required string ByCategoryBasis { get; init; }
    public required IReadOnlyList<ThreePublicYear> ThreePublicByYear { get; init; }

    public IEnumerable<SummaryFigure> LargestCategories => Categories.OrderByDescending(c => c.Amount).Take(4);
    public decimal? Change => PriorExpenditure is { } p ? ExpenditureTotal - p : null;
    public decimal? ChangePercent => PriorExpenditure is { } p && p != 0m ? NoteFormat.ChangePercent(ExpenditureTotal, p) : null;

    /// <summary>The tables a summary reads of the other years (<see cref="DisclosureReader.OtherYearsAsync"/> loads only these for it).</summary>
    public static readonly TableKind[] TablesOfOtherYears = [TableKind.IncomeAndExpenditure, TableKind.Expenditure, TableKind.ThreePublicExpenses];

    /// <param name="others">The department's other published disclosures (any years), for prior-year figures and 三公 over time.</param>
    public static DisclosureSummary Of(Disclosure d, IReadOnlyList<Disclosure> others)
    {
        var t1 = d.Table(TableKind.IncomeAndExpenditure);
        var t3 = d.Table(TableKind.Expenditure);
        var prior = others.FirstOrDefault(o => o.FiscalYear == d.FiscalYear - 1);

        decimal? priorTotal;
        string priorSource;
        if (prior is not null)
        {
            priorTotal = prior.Table(TableKind.IncomeAndExpenditure) is { Total: not null } priorTable ? priorTable.MainTotal : null;
            priorSource = $"{prior.FiscalYear} 年已发布的部门预算公开";
        }
        else if (d.Note("3") is { } spending && spending.Lines.Where(l => l.PriorAmount is not null).ToList() is { Count: > 0 } lines)
        {
            priorTotal = lines.Sum(l => l.PriorAmount!.Value);
            priorSource = "本年情况说明三所列的比上年增减额推算";
        }
        else
        {
            priorTotal = null;
            priorSource = "无上年数据";
        }

        var categories = t3.OfKind(RowKind.Category).Select(r => new SummaryFigure($"{r.Code} {r.Name}", r.Amount("total"))).ToList();

        List<YearOverYear> byCategory;
        string basis;
        if (prior is not null)
        {
            var p3 = prior.Table(TableKind.Expenditure);
            var codes = t3.OfKind(RowKind.Category).Select(r => r.Code!).Union(p3.OfKind(RowKind.Category).Select(r => r.Code!))
                .Order(StringComparer.Ordinal);
            byCategory = codes.Select(c => new YearOverYear(c, (t3.ByCode(c) ?? p3.ByCode(c))!.Name ?? c,
                t3.CellOf(c, ColumnKeys.Total), p3.CellOf(c, ColumnKeys.Total))).ToList();
            basis = $"全部资金（表3），上年数取自 {prior.FiscalYear} 年已发布的部门预算公开";
        }
        else
        {
            // Without last year's disclosure, the prior amounts the notes state per 项 (五(三)), summed by 类.
            var t5 = d.Table(TableKind.GeneralBudget);
            var items = d.Note("5.3")?.Lines ?? [];
            var codes = t5.OfKind(RowKind.Category).Select(r => r.Code!)
                .Union(items.Where(l => l.Key.Length == 7).Select(l => l.Key[..3])).Order(StringComparer.Ordinal);
            byCategory = codes.Select(c => new YearOverYear(c, t5.ByCode(c)?.Name ?? c, t5.CellOf(c, ColumnKeys.Total),
                items.Any(l => l.Key.StartsWith(c, StringComparison.Ordinal) && l.PriorAmount is not null)
                    ? items.Where(l => l.Key.StartsWith(c, StringComparison.Ordinal)).Sum(l => l.PriorAmount ?? 0m)
                    : null)).ToList();
            basis = "一般公共预算拨款（表5），上年数由本年情况说明五(三)所列各项的增减额推算";
        }

        var years = others.Append(d)
            .Select(o => ThreePublicOf(o.FiscalYear, o.Table(TableKind.ThreePublicExpenses), "已发布的表10"))
            .ToList();
        if (prior is null && d.Note("10") is { } ten && ten.Lines.Count > 0)
        {
            decimal P(string key) => ten.Line(key)?.PriorAmount ?? 0m;
            years.Add(new ThreePublicYear(d.FiscalYear - 1, P("overseas"), P("vehiclePurchase"), P("vehicleOperation"), P("reception"),
                "由本年情况说明十所列增减额推算"));
        }

        return new DisclosureSummary
        {
            Year = d.FiscalYear,
            IncomeTotal = t1.TotalOf(ColumnKeys.Income),
            ExpenditureTotal = t1.MainTotal,
            Table3Total = t3.TotalOf(ColumnKeys.Total),
            Basic = t3.TotalOf(ColumnKeys.Basic),
            Project = t3.TotalOf(ColumnKeys.Project),
            Categories = categories,
            IncomeSources = Domain.Notes.IncomeSources.All.Select(s => new SummaryFigure(s.Label, Domain.Notes.IncomeSources.AmountIn(t1, s.Key)))
                .Where(f => f.Amount != 0m).ToList(),
            ThreePublic = d.Table(TableKind.ThreePublicExpenses).FixedOf(ColumnKeys.Total, ColumnKeys.Total),
            RunningCosts = d.Table(TableKind.GeneralBudgetBasic).TotalOf(ColumnKeys.Public),
            PriorExpenditure = priorTotal,
            PriorSource = priorSource,
            ByCategory = byCategory,
            ByCategoryBasis = basis,
            ThreePublicByYear = years.OrderBy(y => y.Year).ToList(),
        };
    }

    private static ThreePublicYear ThreePublicOf(int year, BudgetTable t10, string source)
    {
        decimal F(string key) => t10.FixedOf(key, ColumnKeys.Total);
        return new ThreePublicYear(year, F("overseas"), F("vehiclePurchase"), F("vehicleOperation"), F("reception"), source);
    }
}
