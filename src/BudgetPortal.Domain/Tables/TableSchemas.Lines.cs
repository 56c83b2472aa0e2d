namespace BudgetPortal.Domain.Tables;

// How budget lines go into each table (docs/decisions/0019-budget-lines.md): the schema's data, read by the
// one derivation of Lines/LineDerivation. They do not change with the layout year.
public static partial class TableSchemas
{
    private static readonly LineMoney[] ThisYearsFiscal = [LineMoney.CurrentFiscal];
    private static readonly LineMoney[] CarriedOver = [LineMoney.FiscalCarryover, LineMoney.NonFiscalCarryover];
    private static readonly string[] Budgets = [ColumnKeys.GeneralBudget, ColumnKeys.GovFund, ColumnKeys.StateCapital];

    /// <summary>The name of 表11's row of carried-over 基本支出 (a carried-over line that is no project's).</summary>
    public const string CarryoverBasicRow = "基本支出";

    /// <summary>表10's items by the 部门经济分类 款 that is the 三公 expense.</summary>
    public static readonly IReadOnlyList<(string Economic, string Line)> ThreePublicItems =
    [
        ("30212", "overseas"), ("30217", "reception"), ("30231", "vehicleOperation"), ("31013", "vehiclePurchase"),
    ];

    private static IReadOnlyList<LineProjection> ProjectionsOf(TableKind kind)
    {
        static LineSelection Fiscal(string? budget = null, IReadOnlyList<LineUse>? use = null) =>
            new() { Money = ThisYearsFiscal, Budget = budget, Use = use };
        static LineCase When(string column, params LineUse[] use) => new(column, new LineSelection { Use = use });
        var basicOrProject = LineColumns.By(When(ColumnKeys.Basic, LineUse.Personnel, LineUse.Public), When(ColumnKeys.Project, LineUse.Project));
        var byUse = LineColumns.By(When(ColumnKeys.Personnel, LineUse.Personnel), When(ColumnKeys.Public, LineUse.Public),
            When(ColumnKeys.Project, LineUse.Project));
        var byBudget = LineColumns.By([.. Budgets.Select(b => new LineCase(b, new LineSelection { Budget = b }))]);
        return kind switch
        {
            TableKind.IncomeAndExpenditure =>
            [
                new(LineSelection.All, new(LineRowBy.IncomeLine), LineColumns.Fixed(ColumnKeys.Income)),
                new(LineSelection.All, new(LineRowBy.Category), LineColumns.Fixed(ColumnKeys.Expenditure)),
            ],
            TableKind.Income => [new(LineSelection.All, new(LineRowBy.Item), LineColumns.IncomeColumn)],
            TableKind.Expenditure => [new(LineSelection.All, new(LineRowBy.Item), basicOrProject)],
            TableKind.FiscalAppropriation =>
            [
                .. Budgets.Select(b => new LineProjection(Fiscal(b), new(LineRowBy.Fixed, b), LineColumns.Fixed(ColumnKeys.Income))),
                new(Fiscal(), new(LineRowBy.Category), byBudget),
            ],
            TableKind.GeneralBudget => [new(Fiscal(ColumnKeys.GeneralBudget), new(LineRowBy.Item), basicOrProject)],
            TableKind.GeneralBudgetBasic =>
                [new(Fiscal(ColumnKeys.GeneralBudget, [LineUse.Personnel, LineUse.Public]), new(LineRowBy.EconomicClass), byUse)],
            TableKind.GeneralBudgetProjects =>
            [
                new(Fiscal(ColumnKeys.GeneralBudget, [LineUse.Project]), new(LineRowBy.ItemProject),
                    LineColumns.By(
                    [
                        .. Table7EconomicCategories.Select(c => new LineCase(c.Column, new LineSelection { Economic = [c.Category] })),
                        new LineCase("other", LineSelection.All),
                    ])),
            ],
            TableKind.GovernmentFund => [new(Fiscal(ColumnKeys.GovFund), new(LineRowBy.Item), byUse)],
            TableKind.StateCapital => [new(Fiscal(ColumnKeys.StateCapital), new(LineRowBy.Item), byUse)],
            TableKind.ThreePublicExpenses =>
            [
                .. ThreePublicItems.Select(i => new LineProjection(new LineSelection { Money = ThisYearsFiscal, Economic = [i.Economic] },
                    new(LineRowBy.Fixed, i.Line), byBudget)),
            ],
            TableKind.Carryover =>
            [
                new(new LineSelection { Money = CarriedOver }, new(LineRowBy.Project, CarryoverBasicRow),
                    LineColumns.By(
                        Carried(ColumnKeys.FiscalPersonnel, LineMoney.FiscalCarryover, LineUse.Personnel),
                        Carried(ColumnKeys.FiscalPublic, LineMoney.FiscalCarryover, LineUse.Public),
                        Carried(ColumnKeys.FiscalProject, LineMoney.FiscalCarryover, LineUse.Project),
                        Carried(ColumnKeys.NonFiscalPersonnel, LineMoney.NonFiscalCarryover, LineUse.Personnel),
                        Carried(ColumnKeys.NonFiscalPublic, LineMoney.NonFiscalCarryover, LineUse.Public),
                        Carried(ColumnKeys.NonFiscalProject, LineMoney.NonFiscalCarryover, LineUse.Project))),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static LineCase Carried(string column, LineMoney money, LineUse use) =>
        new(column, new LineSelection { Money = [money], Use = [use] });
}
