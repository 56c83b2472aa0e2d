namespace BudgetPortal.Domain.Tables;

/// <summary>
/// The keys of the tables' amount columns (the row/cell model stores cells by them). The schemas
/// (<see cref="TableSchemas"/>) give each its header per table and year; code names a column by these.
/// </summary>
public static class ColumnKeys
{
    /// <summary>表1/表4: the income side's amount.</summary>
    public const string Income = "income";
    /// <summary>表1: the expenditure side's amount.</summary>
    public const string Expenditure = "expenditure";
    /// <summary>合计/总计 (表2–表11; 表4's expenditure 合计).</summary>
    public const string Total = "total";
    public const string Basic = "basic";
    public const string Project = "project";
    public const string Personnel = "personnel";
    public const string Public = "public";
    public const string Fiscal = "fiscal";
    public const string GeneralBudget = "generalBudget";
    public const string GeneralBudgetTransfer = "generalBudgetTransfer";
    public const string GovFund = "govFund";
    public const string GovFundTransfer = "govFundTransfer";
    public const string StateCapital = "stateCapital";
    public const string StateCapitalTransfer = "stateCapitalTransfer";
    public const string SpecialAccount = "specialAccount";
    public const string UnitFunds = "unitFunds";
    public const string FiscalCarryover = "fiscalCarryover";
    public const string NonFiscalCarryover = "nonFiscalCarryover";
    public const string FiscalPersonnel = "fiscalPersonnel";
    public const string FiscalPublic = "fiscalPublic";
    public const string FiscalProject = "fiscalProject";
    public const string NonFiscal = "nonFiscal";
    public const string NonFiscalPersonnel = "nonFiscalPersonnel";
    public const string NonFiscalPublic = "nonFiscalPublic";
    public const string NonFiscalProject = "nonFiscalProject";
}
