using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Lines;

/// <summary>
/// Where a budget line's money comes from, as 表1 lists the income lines: the three budgets (each with
/// its 上级转移支付), 财政专户核拨, 单位资金 by kind, and 上年结转结余 (财政拨款结转 by budget, 非财政拨款结转结余).
/// </summary>
public enum MoneySource
{
    GeneralBudget,
    GeneralBudgetTransfer,
    GovFund,
    GovFundTransfer,
    StateCapital,
    StateCapitalTransfer,
    SpecialAccount,
    UnitOperations,
    UnitSuperior,
    UnitSubordinate,
    UnitBusiness,
    UnitOther,
    CarryoverGeneralBudget,
    CarryoverGovFund,
    CarryoverStateCapital,
    NonFiscalCarryoverSpecialAccount,
    NonFiscalCarryoverUnitFunds,
}

/// <summary>The budget (本) whose appropriation money is: 一般公共预算, 政府性基金预算, 国有资本经营预算.</summary>
public enum Budget { General, GovFund, StateCapital }

/// <summary>Whether money is this year's, or last year's carried over (财政拨款结转 or 非财政拨款结转结余).</summary>
public enum Carryover { None, Fiscal, NonFiscal }

/// <summary>
/// What the tables need to know of a source: its words (the Excel template's and the form's), the 表1
/// income line it adds to, the 表2 column, the budget of appropriation money (null for non-fiscal
/// money) and whether it is carried over.
/// </summary>
public sealed record MoneySourceInfo(MoneySource Source, string Label, string IncomeLine, string IncomeColumn, Budget? Budget, Carryover Carryover)
{
    /// <summary>This year's appropriation (财政拨款（补助）): the money of 表4, and by budget of 表5, 表8, 表9 and 表10.</summary>
    public bool IsCurrentFiscal => Budget is not null && Carryover == Carryover.None;
}

public static class MoneySources
{
    public static readonly IReadOnlyList<MoneySourceInfo> All =
    [
        new(MoneySource.GeneralBudget, "一般公共预算拨款", "generalBudgetOwn", ColumnKeys.GeneralBudget, Budget.General, Carryover.None),
        new(MoneySource.GeneralBudgetTransfer, "上级一般公共预算安排转移支付", "generalBudgetTransfer", ColumnKeys.GeneralBudgetTransfer, Budget.General, Carryover.None),
        new(MoneySource.GovFund, "政府性基金预算拨款", "govFundOwn", ColumnKeys.GovFund, Budget.GovFund, Carryover.None),
        new(MoneySource.GovFundTransfer, "上级政府性基金安排转移支付", "govFundTransfer", ColumnKeys.GovFundTransfer, Budget.GovFund, Carryover.None),
        new(MoneySource.StateCapital, "国有资本经营预算拨款", "stateCapitalOwn", ColumnKeys.StateCapital, Budget.StateCapital, Carryover.None),
        new(MoneySource.StateCapitalTransfer, "上级国有资本经营预算安排转移支付", "stateCapitalTransfer", ColumnKeys.StateCapitalTransfer, Budget.StateCapital, Carryover.None),
        new(MoneySource.SpecialAccount, "财政专户核拨", "specialAccount", ColumnKeys.SpecialAccount, null, Carryover.None),
        new(MoneySource.UnitOperations, "单位资金—事业收入", "unitFundsOperations", ColumnKeys.UnitFunds, null, Carryover.None),
        new(MoneySource.UnitSuperior, "单位资金—上级补助收入", "unitFundsSuperior", ColumnKeys.UnitFunds, null, Carryover.None),
        new(MoneySource.UnitSubordinate, "单位资金—附属单位上缴收入", "unitFundsSubordinate", ColumnKeys.UnitFunds, null, Carryover.None),
        new(MoneySource.UnitBusiness, "单位资金—事业单位经营收入", "unitFundsBusiness", ColumnKeys.UnitFunds, null, Carryover.None),
        new(MoneySource.UnitOther, "单位资金—其他收入", "unitFundsOther", ColumnKeys.UnitFunds, null, Carryover.None),
        new(MoneySource.CarryoverGeneralBudget, "财政拨款结转—一般公共预算拨款", "fiscalCarryoverGeneralBudget", ColumnKeys.FiscalCarryover, Budget.General, Carryover.Fiscal),
        new(MoneySource.CarryoverGovFund, "财政拨款结转—政府性基金预算拨款", "fiscalCarryoverGovFund", ColumnKeys.FiscalCarryover, Budget.GovFund, Carryover.Fiscal),
        new(MoneySource.CarryoverStateCapital, "财政拨款结转—国有资本经营预算拨款", "fiscalCarryoverStateCapital", ColumnKeys.FiscalCarryover, Budget.StateCapital, Carryover.Fiscal),
        new(MoneySource.NonFiscalCarryoverSpecialAccount, "非财政拨款结转结余—财政专户核拨", "nonFiscalCarryoverSpecialAccount", ColumnKeys.NonFiscalCarryover, null, Carryover.NonFiscal),
        new(MoneySource.NonFiscalCarryoverUnitFunds, "非财政拨款结转结余—单位资金", "nonFiscalCarryoverUnitFunds", ColumnKeys.NonFiscalCarryover, null, Carryover.NonFiscal),
    ];

    public static MoneySourceInfo Of(MoneySource source) => All[(int)source];

    /// <summary>A source by its words (the template's label, or the enum name), or null.</summary>
    public static MoneySourceInfo? Parse(string? text)
    {
        var t = text?.Trim().Replace('-', '—').Replace('－', '—');
        return All.FirstOrDefault(s => s.Label == t || string.Equals(s.Source.ToString(), t, StringComparison.OrdinalIgnoreCase));
    }
}
