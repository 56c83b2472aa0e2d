namespace BudgetPortal.Domain.Tables;

/// <summary>The eleven standard tables of 第二部分, numbered as printed (表1 … 表11).</summary>
public enum TableKind
{
    /// <summary>表1 部门收支总体情况表</summary>
    IncomeAndExpenditure = 1,
    /// <summary>表2 部门收入总体情况表</summary>
    Income = 2,
    /// <summary>表3 部门支出总体情况表</summary>
    Expenditure = 3,
    /// <summary>表4 财政拨款收支预算总体情况表</summary>
    FiscalAppropriation = 4,
    /// <summary>表5 一般公共预算支出情况表</summary>
    GeneralBudget = 5,
    /// <summary>表6 一般公共预算基本支出情况表</summary>
    GeneralBudgetBasic = 6,
    /// <summary>表7 一般公共预算项目支出情况表</summary>
    GeneralBudgetProjects = 7,
    /// <summary>表8 政府性基金预算支出情况表</summary>
    GovernmentFund = 8,
    /// <summary>表9 国有资本经营预算支出情况表</summary>
    StateCapital = 9,
    /// <summary>表10 财政拨款“三公”经费支出情况表</summary>
    ThreePublicExpenses = 10,
    /// <summary>表11 上年结转结余情况明细表</summary>
    Carryover = 11,
}

/// <summary>What a printed row of a table is.</summary>
public enum RowKind
{
    /// <summary>总计 / 合计 / 收入总计 支出总计.</summary>
    Total,
    /// <summary>A fixed line of the schema (表1/表4 income lines, 表10 items), identified by its key.</summary>
    Fixed,
    /// <summary>功能分类 类 (3 digits).</summary>
    Category,
    /// <summary>功能分类 款 (5 digits).</summary>
    Class,
    /// <summary>功能分类 项 (7 digits).</summary>
    Item,
    /// <summary>经济分类 类 (3 digits).</summary>
    EconomicCategory,
    /// <summary>经济分类 款 (5 digits).</summary>
    EconomicClass,
    /// <summary>The line naming the department (表7, 表11).</summary>
    Department,
    /// <summary>A project (表7 with its 项 code, 表11 by name).</summary>
    Project,
}

/// <summary>How the rows of a table are laid out on the page.</summary>
public enum TableLayout
{
    /// <summary>Income lines and expenditure 类 side by side (表1, 表4).</summary>
    TwoSided,
    /// <summary>总计 then a 类/款/项 tree with code columns (表2, 表3, 表5, 表8, 表9).</summary>
    FunctionalTree,
    /// <summary>总计 then economic 类/款 (表6).</summary>
    EconomicTree,
    /// <summary>总计, department, 类/款, project rows with 项 and project name (表7).</summary>
    Projects,
    /// <summary>Fixed labelled rows only (表10).</summary>
    FixedRows,
    /// <summary>总计, department, carried-over projects (表11).</summary>
    Carryover,
}
