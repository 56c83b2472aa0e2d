namespace BudgetPortal.Domain.Tables;

/// <summary>
/// The schemas of the eleven tables, by fiscal year. The 2024 layout (and earlier) differs from
/// the 2025 one in a few header words, the income-line numbering of 表1, and the 类 list (234
/// 抗疫特别国债安排的支出 is printed in 2024 only).
/// </summary>
public static partial class TableSchemas
{
    public static readonly IReadOnlyList<TableKind> All = Enum.GetValues<TableKind>();

    /// <summary>The layout year a fiscal year uses: 2024 for 2024 and before, 2025 from 2025 on.</summary>
    public static int LayoutYear(int fiscalYear) => fiscalYear <= 2024 ? 2024 : 2025;

    private static readonly Dictionary<(TableKind, int), TableSchema> Cache = new();
    private static readonly Lock CacheLock = new();

    public static TableSchema For(TableKind kind, int fiscalYear)
    {
        var layout = LayoutYear(fiscalYear);
        lock (CacheLock)
        {
            if (!Cache.TryGetValue((kind, layout), out var schema))
                Cache[(kind, layout)] = schema = Checked(Build(kind, layout));
            return schema;
        }
    }

    /// <summary>What holds for every schema: its columns' names (the flat files' headers) are unique.</summary>
    private static TableSchema Checked(TableSchema schema)
    {
        var twice = schema.ColumnNames.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            throw new InvalidOperationException($"表{schema.Number}的列名重复：{string.Join("、", twice)}（表头应能区分每一列）。");
        return schema;
    }

    public static IReadOnlyList<TableSchema> ForYear(int fiscalYear) => All.Select(k => For(k, fiscalYear)).ToList();

    public static string Title(TableKind kind) => kind switch
    {
        TableKind.IncomeAndExpenditure => "部门收支总体情况表",
        TableKind.Income => "部门收入总体情况表",
        TableKind.Expenditure => "部门支出总体情况表",
        TableKind.FiscalAppropriation => "财政拨款收支预算总体情况表",
        TableKind.GeneralBudget => "一般公共预算支出情况表",
        TableKind.GeneralBudgetBasic => "一般公共预算基本支出情况表",
        TableKind.GeneralBudgetProjects => "一般公共预算项目支出情况表",
        TableKind.GovernmentFund => "政府性基金预算支出情况表",
        TableKind.StateCapital => "国有资本经营预算支出情况表",
        TableKind.ThreePublicExpenses => "财政拨款“三公”经费支出情况表",
        TableKind.Carryover => "上年结转结余情况明细表",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The column that is a table's amount: 表1's 支出 (its 支出总计 is the department's budget), 合计/总计 elsewhere.</summary>
    public static string MainColumn(TableKind kind) => kind == TableKind.IncomeAndExpenditure ? ColumnKeys.Expenditure : ColumnKeys.Total;

    /// <summary>What goes into a table, in a sentence or two for the officer filling it in.</summary>
    public static string Help(TableKind kind) => kind switch
    {
        TableKind.IncomeAndExpenditure => "全部收入（本年收入和上年结转结余，按资金来源）和全部支出（按功能分类的类）。收入总计应等于支出总计；支出各类应与表3的类相同。",
        TableKind.Income => "按功能分类“类、款、项”列出全部收入，按来源分栏：财政拨款（一般公共预算、政府性基金、国有资本经营预算及其上级转移支付）、财政专户、单位资金和上年结转结余。只填有数的科目；总计应与表1收入总计相同。",
        TableKind.Expenditure => "按功能分类“类、款、项”列出全部支出，分基本支出和项目支出。科目应与表2相同，合计等于基本支出加项目支出。",
        TableKind.FiscalAppropriation => "只含财政拨款：收入为一般公共预算、政府性基金预算和国有资本经营预算拨款，支出按功能分类的类和三本预算分栏。应与表1的财政拨款部分一致。",
        TableKind.GeneralBudget => "一般公共预算拨款安排的支出，按功能分类“类、款、项”分基本支出和项目支出。总计应等于表4一般公共预算支出。",
        TableKind.GeneralBudgetBasic => "一般公共预算基本支出按部门预算经济分类的“类、款”列出：301 工资福利支出和 303 对个人和家庭的补助计入人员经费，302 商品和服务支出计入公用经费。总计应等于表5基本支出。",
        TableKind.GeneralBudgetProjects => "一般公共预算项目支出逐个项目列出：挂在功能分类“项”级科目下，写明项目名称，并按经济分类分栏。总计应等于表5项目支出。",
        TableKind.GovernmentFund => "政府性基金预算拨款安排的支出，按功能分类“类、款、项”列出。没有这类支出时不填任何金额，公开时显示空表说明。",
        TableKind.StateCapital => "国有资本经营预算拨款安排的支出，按功能分类“类、款、项”列出。没有这类支出时不填任何金额，公开时显示空表说明。",
        TableKind.ThreePublicExpenses => "财政拨款安排的因公出国（境）费、公务接待费、公务用车购置及运行费，按资金来源分栏。合计应与情况说明十相同；没有时不填金额。",
        TableKind.Carryover => "上年结转结余安排的支出，逐个项目列出，分财政拨款和非财政拨款、基本支出和项目支出。没有时不填任何金额。",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The 类 printed on the expenditure side of 表1 and 表4.</summary>
    public static IReadOnlyList<FixedRowDef> CategoryList(int layoutYear)
    {
        var list = new List<FixedRowDef>
        {
            new("201", "一般公共服务支出"), new("202", "外交支出"), new("203", "国防支出"), new("204", "公共安全支出"),
            new("205", "教育支出"), new("206", "科学技术支出"), new("207", "文化旅游体育与传媒支出"),
            new("208", "社会保障和就业支出"), new("209", "社会保险基金支出"), new("210", "卫生健康支出"),
            new("211", "节能环保支出"), new("212", "城乡社区支出"), new("213", "农林水支出"), new("214", "交通运输支出"),
            new("215", "资源勘探工业信息等支出"), new("216", "商业服务业等支出"), new("217", "金融支出"),
            new("219", "援助其他地区支出"), new("220", "自然资源海洋气象等支出"), new("221", "住房保障支出"),
            new("222", "粮油物资储备支出"), new("223", "国有资本经营预算支出"), new("224", "灾害防治及应急管理支出"),
            new("227", "预备费"), new("229", "其他支出"), new("230", "转移性支出"), new("231", "债务还本支出"),
            new("232", "债务付息支出"), new("233", "债务发行费用支出"),
        };
        if (layoutYear <= 2024) list.Add(new("234", "抗疫特别国债安排的支出"));
        return list;
    }

    /// <summary>The 25 income lines of 表1, keyed as in docs/disclosure-format.md.</summary>
    public static IReadOnlyList<FixedRowDef> IncomeLines(int layoutYear)
    {
        var y24 = layoutYear <= 2024;
        return
        [
            new("currentYear", "一、本年收入"),
            new("generalBudget", y24 ? "1、一般公共预算拨款" : "1.一般公共预算拨款", 1),
            new("generalBudgetOwn", "其中：一般财力", 2),
            new("generalBudgetTransfer", "上级一般公共预算安排转移支付", 2),
            new("govFund", y24 ? "2、基金预算拨款" : "2.政府性基金预算拨款", 1),
            new("govFundOwn", "其中：政府性基金收入", 2),
            new("govFundTransfer", "上级政府性基金安排转移支付", 2),
            new("stateCapital", y24 ? "3、国有资本经营预算拨款" : "3.国有资本经营预算拨款", 1),
            new("stateCapitalOwn", "其中：国有资本经营收入", 2),
            new("stateCapitalTransfer", "上级国有资本经营预算安排转移支付", 2),
            new("specialAccount", "4.财政专户核拨", 1),
            new("unitFunds", "5.单位资金", 1),
            new("unitFundsOperations", "其中：事业收入", 2),
            new("unitFundsSuperior", "上级补助收入", 2),
            new("unitFundsSubordinate", "附属单位上缴收入", 2),
            new("unitFundsBusiness", "事业单位经营收入", 2),
            new("unitFundsOther", "其他收入", 2),
            new("carryover", "二、上年结转结余"),
            new("fiscalCarryover", y24 ? "1、财政拨款结转" : "1.财政拨款结转", 1),
            new("fiscalCarryoverGeneralBudget", "其中：一般公共预算拨款", 2),
            new("fiscalCarryoverGovFund", y24 ? "基金预算拨款" : "政府性基金预算拨款", 2),
            new("fiscalCarryoverStateCapital", "国有资本经营预算拨款", 2),
            new("nonFiscalCarryover", y24 ? "2、非财政拨款结转结余" : "2.非财政拨款结转结余", 1),
            new("nonFiscalCarryoverSpecialAccount", "其中：财政专户核拨", 2),
            new("nonFiscalCarryoverUnitFunds", "单位资金", 2),
        ];
    }


    /// <summary>
    /// The identities of each table (domain spec §4), with the rule that reports each and the words of
    /// its messages. They do not change with the layout year.
    /// </summary>
    private static IReadOnlyList<TableIdentity> IdentitiesOf(TableKind kind)
    {
        const string Inc = ColumnKeys.Income;
        static RowId F(string key) => RowId.Fixed(key);
        static LineSum Line(string rule, string where, string says, RowId line, string parts, params RowId[] of) =>
            new() { Rule = rule, Where = where, Says = says, Line = line, Of = of, Column = Inc, Parts = parts };
        static RowSum Row(string rule, string column, string parts, params string[] of) =>
            new() { Rule = rule, Column = column, Of = of, Parts = parts };
        static TreeSum Tree(string rule) => new() { Rule = rule, Parts = "所属{children}之和", Where = "表{n} {row} {column}" };
        static TotalSum Categories(string rule, string where, params string[]? columns) =>
            new() { Rule = rule, Of = RowKind.Category, Columns = columns, Parts = "各类之和", Where = where, Says = where };
        // 表3 and 表5: the 类/款/项 tree (B2), 合计 = 基本 + 项目 in each row, 总计 = Σ 类 in each column.
        static TableIdentity[] Spending(string rowRule, string totalRule) =>
        [
            Tree("B2"),
            Row(rowRule, ColumnKeys.Total, "基本支出 + 项目支出", ColumnKeys.Basic, ColumnKeys.Project),
            Categories(totalRule, "表{n} 总计 {column}", null),
        ];
        switch (kind)
        {
            case TableKind.IncomeAndExpenditure:
                return
                [
                    new SidesEqual { Rule = "A1", Where = "表1", Says = "表1 收入总计", Parts = "支出总计",
                        Left = RowId.Total, LeftColumn = Inc, Right = RowId.Total, RightColumn = ColumnKeys.Expenditure },
                    Line("A2", "表1", "表1 收入总计", RowId.Total, "本年收入 + 上年结转结余", F("currentYear"), F("carryover")),
                    Line("A2", "表1 一、本年收入", "表1 {row}", F("currentYear"), "第 1–5 项之和",
                        F("generalBudget"), F("govFund"), F("stateCapital"), F("specialAccount"), F("unitFunds")),
                    Line("A2", "表1 1.一般公共预算拨款", "表1 {row}", F("generalBudget"), "一般财力 + 上级转移支付", F("generalBudgetOwn"), F("generalBudgetTransfer")),
                    Line("A2", "表1 2.政府性基金预算拨款", "表1 {row}", F("govFund"), "其中各项之和", F("govFundOwn"), F("govFundTransfer")),
                    Line("A2", "表1 3.国有资本经营预算拨款", "表1 {row}", F("stateCapital"), "其中各项之和", F("stateCapitalOwn"), F("stateCapitalTransfer")),
                    Line("A2", "表1 5.单位资金", "表1 {row}", F("unitFunds"), "其中各项之和", F("unitFundsOperations"), F("unitFundsSuperior"),
                        F("unitFundsSubordinate"), F("unitFundsBusiness"), F("unitFundsOther")),
                    Line("A2", "表1 二、上年结转结余", "表1 {row}", F("carryover"), "财政拨款结转 + 非财政拨款结转结余", F("fiscalCarryover"), F("nonFiscalCarryover")),
                    Line("A2", "表1 1.财政拨款结转", "表1 {row}", F("fiscalCarryover"), "其中各项之和", F("fiscalCarryoverGeneralBudget"),
                        F("fiscalCarryoverGovFund"), F("fiscalCarryoverStateCapital")),
                    Line("A2", "表1 2.非财政拨款结转结余", "表1 {row}", F("nonFiscalCarryover"), "其中各项之和",
                        F("nonFiscalCarryoverSpecialAccount"), F("nonFiscalCarryoverUnitFunds")),
                    new TotalSum { Rule = "A3", Of = RowKind.Category, Columns = [ColumnKeys.Expenditure], Where = "表1", Says = "表1 支出总计", Parts = "各类支出之和" },
                ];
            case TableKind.Income:
                return
                [
                    Categories("B1", "表2 总计 {column}", null),
                    Tree("B2"),
                    Row("B3", ColumnKeys.Total, "栏 2+9+10+11+12", ColumnKeys.Fiscal, ColumnKeys.SpecialAccount, ColumnKeys.UnitFunds,
                        ColumnKeys.FiscalCarryover, ColumnKeys.NonFiscalCarryover),
                    Row("B3", ColumnKeys.Fiscal, "栏 3–8 之和", ColumnKeys.GeneralBudget, ColumnKeys.GeneralBudgetTransfer, ColumnKeys.GovFund,
                        ColumnKeys.GovFundTransfer, ColumnKeys.StateCapital, ColumnKeys.StateCapitalTransfer),
                ];
            case TableKind.Expenditure:
                return Spending("C1", "C3");
            case TableKind.FiscalAppropriation:
                string[] budgets = [ColumnKeys.GeneralBudget, ColumnKeys.GovFund, ColumnKeys.StateCapital];
                return
                [
                    new SidesEqual { Rule = "D1", Where = "表4", Says = "表4 收入总计", Parts = "支出总计",
                        Left = RowId.Total, LeftColumn = Inc, Right = RowId.Total, RightColumn = ColumnKeys.Total },
                    new RowSum { Rule = "D1", Rows = [RowKind.Total], Where = "表4", Says = "表4 支出总计", Column = ColumnKeys.Total, Of = budgets,
                        Parts = "一般公共预算 + 政府性基金预算 + 国有资本经营预算" },
                    Line("D1", "表4", "表4 一、财政拨款（补助）", F("fiscal"), "三本预算之和", F("generalBudget"), F("govFund"), F("stateCapital")),
                    new SidesEqual { Rule = "D1", Where = "表4", Says = "表4 收入总计", Parts = "一、财政拨款（补助）", Derives = true,
                        Left = RowId.Total, LeftColumn = Inc, Right = F("fiscal"), RightColumn = Inc },
                    new RowSum { Rule = "D2", Rows = [RowKind.Category], Column = ColumnKeys.Total, Of = budgets, Parts = "三本预算之和" },
                    Categories("D3", "表4 支出总计 {column}", [ColumnKeys.Total, .. budgets]),
                ];
            case TableKind.GeneralBudget:
                return Spending("E1", "E4");
            case TableKind.GeneralBudgetBasic:
                return
                [
                    Row("F2", ColumnKeys.Total, "人员经费 + 公用经费", ColumnKeys.Personnel, ColumnKeys.Public),
                    new TreeSum { Rule = "F5", Parts = "所属款之和" },
                    new TotalSum { Rule = "F6", Of = RowKind.EconomicCategory, Where = "表6 总计 {column}", Says = "表6 总计 {column}", Parts = "各类之和" },
                ];
            case TableKind.GeneralBudgetProjects:
                return
                [
                    new TotalSum { Rule = "G1", Of = RowKind.Project, Columns = [ColumnKeys.Total], Where = "表7 总计", Says = "表7 总计 {column}", Parts = "各项目之和" },
                    Row("G1", ColumnKeys.Total, "各经济分类栏之和", Table7EconomicColumns),
                    new TotalSum { Rule = "G1", Of = RowKind.Project, Columns = Table7EconomicColumns, Where = "表7 总计 {column}", Says = "表7 总计 {column}", Parts = "各项目之和" },
                    new TotalSum { Rule = "G1", Into = RowId.Department, Of = RowKind.Project, Where = "表7 {row} {column}", Says = "表7 {row} {column}", Parts = "各项目之和" },
                    new TreeSum { Rule = "G1", Projects = true, Parts = "所属项目之和", Where = "表7 {row} {column}" },
                ];
            case TableKind.GovernmentFund or TableKind.StateCapital:
                return
                [
                    Row("G2", ColumnKeys.Total, "人员经费 + 公用经费 + 项目支出", ColumnKeys.Personnel, ColumnKeys.Public, ColumnKeys.Project),
                    new TreeSum { Rule = "G2", Parts = "所属{children}之和" },
                    Categories("G2", "表{n} 总计 {column}", null),
                ];
            case TableKind.ThreePublicExpenses:
                return
                [
                    // The same lines in 合计 and in each source of funds (a source's column is named in the message).
                    .. new[] { ColumnKeys.Total, ColumnKeys.GeneralBudget, ColumnKeys.GovFund, ColumnKeys.StateCapital }.SelectMany(column =>
                    {
                        var named = column == ColumnKeys.Total ? "" : " {column}";
                        return new TableIdentity[]
                        {
                            new LineSum { Rule = "H1", Where = "表10 合计" + named, Says = "表10 合计" + named, Line = F("total"),
                                Of = [F("overseas"), F("reception"), F("vehicles")], Column = column, Parts = "因公出国（境）费 + 公务接待费 + 公务用车购置及运行费" },
                            new LineSum { Rule = "H1", Where = "表10 公务用车购置及运行费" + named, Says = "表10 公务用车购置及运行费（小计）" + named,
                                Line = F("vehicles"), Of = [F("vehiclePurchase"), F("vehicleOperation")], Column = column, Parts = "购置费 + 运行费" },
                        };
                    }),
                    Row("H1", ColumnKeys.Total, "各资金来源之和", ColumnKeys.GeneralBudget, ColumnKeys.GovFund, ColumnKeys.StateCapital),
                ];
            case TableKind.Carryover:
                return
                [
                    Row("I2", ColumnKeys.Total, "财政拨款 + 非财政拨款", ColumnKeys.Fiscal, ColumnKeys.NonFiscal),
                    Row("I2", ColumnKeys.Fiscal, "人员经费 + 公用经费 + 项目支出", ColumnKeys.FiscalPersonnel, ColumnKeys.FiscalPublic, ColumnKeys.FiscalProject),
                    Row("I2", ColumnKeys.NonFiscal, "人员经费 + 公用经费 + 项目支出", ColumnKeys.NonFiscalPersonnel, ColumnKeys.NonFiscalPublic, ColumnKeys.NonFiscalProject),
                    new TotalSum { Rule = "I2", Of = RowKind.Project, Where = "表11 总计 {column}", Says = "表11 总计 {column}", Parts = "各项目之和" },
                    new TotalSum { Rule = "I2", Into = RowId.Department, Of = RowKind.Project, Where = "表11 {row} {column}", Says = "表11 {row} {column}", Parts = "各项目之和" },
                ];
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>
    /// 表7's economic columns by the 部门预算支出经济分类 类 they show (a budget line goes to its 类's column;
    /// one of a 类 not listed to 其他支出).
    /// </summary>
    public static readonly IReadOnlyList<(string Category, string Column)> Table7EconomicCategories =
    [
        ("301", "wages"), ("302", "goodsServices"), ("303", "householdSubsidies"), ("307", "debtInterest"),
        ("309", "capitalConstruction"), ("310", "capital"), ("311", "enterpriseConstruction"), ("312", "enterprise"),
        ("313", "socialSecurityFund"), ("399", "other"),
    ];

    /// <summary>表7's economic columns, whose sum is each row's 项目支出合计.</summary>
    private static readonly string[] Table7EconomicColumns = [.. Table7EconomicCategories.Select(c => c.Column)];

    private static TableSchema Build(TableKind kind, int y)
    {
        var y24 = y <= 2024;
        var functionHeader = y24 ? "支出功能分类" : "功能分类";
        static IReadOnlyList<string> Numbering(int labels, int columns) =>
            Enumerable.Repeat("※", labels).Concat(Enumerable.Range(1, columns).Select(i => i.ToString())).ToList();
        static ColumnDef C(string key, string header, int? n) => new(key, header, n?.ToString());
        static HeaderCell H(string text, int colSpan = 1, int rowSpan = 1) => new(text, colSpan, rowSpan);

        switch (kind)
        {
            case TableKind.IncomeAndExpenditure:
                return new TableSchema
                {
                    Kind = kind, Title = Title(kind), Identities = IdentitiesOf(kind), LineProjections = ProjectionsOf(kind), Layout = TableLayout.TwoSided, LabelColumnCount = 2,
                    Columns = [C(ColumnKeys.Income, "预算数", null), C(ColumnKeys.Expenditure, "预算数", null)],
                    IncomeColumns = [ColumnKeys.Income],
                    HeaderRows =
                    [
                        [H("收入", 2), H("支出", 2)],
                        [H("项目"), H("预算数"), H(functionHeader), H("预算数")],
                    ],
                    FixedRows = IncomeLines(y),
                    ExpenditureCategories = CategoryList(y),
                };

            case TableKind.FiscalAppropriation:
                return new TableSchema
                {
                    Kind = kind, Title = Title(kind), Identities = IdentitiesOf(kind), LineProjections = ProjectionsOf(kind), Layout = TableLayout.TwoSided, LabelColumnCount = 2,
                    Columns =
                    [
                        C(ColumnKeys.Income, "合计", null), C(ColumnKeys.Total, "合计", null), C(ColumnKeys.GeneralBudget, "一般公共预算", null),
                        C(ColumnKeys.GovFund, "政府性基金预算", null), C(ColumnKeys.StateCapital, "国有资本经营预算", null),
                    ],
                    IncomeColumns = [ColumnKeys.Income],
                    HeaderRows =
                    [
                        [H("财政拨款收入", 2), H("财政拨款支出", 5)],
                        [H("项目"), H("合计"), H(functionHeader), H("合计"), H("一般公共预算"), H("政府性基金预算"), H("国有资本经营预算")],
                    ],
                    FixedRows =
                    [
                        new("fiscal", "一、财政拨款（补助）"), new("generalBudget", "一般公共预算", 1),
                        new("govFund", "政府性基金预算", 1), new("stateCapital", "国有资本经营预算", 1),
                    ],
                    ExpenditureCategories = CategoryList(y),
                };

            case TableKind.Income:
                return new TableSchema
                {
                    Kind = kind, Title = Title(kind), Identities = IdentitiesOf(kind), LineProjections = ProjectionsOf(kind), Layout = TableLayout.FunctionalTree, LabelColumnCount = 4,
                    Landscape = true,
                    Columns =
                    [
                        C(ColumnKeys.Total, "总计", 1), C(ColumnKeys.Fiscal, "财政拨款(补助)小计", 2), C(ColumnKeys.GeneralBudget, "一般公共预算", 3),
                        C(ColumnKeys.GeneralBudgetTransfer, "上级一般公共预算安排的转移支付", 4), C(ColumnKeys.GovFund, "政府性基金预算", 5),
                        C(ColumnKeys.GovFundTransfer, "上级政府性基金安排的转移支付", 6), C(ColumnKeys.StateCapital, "国有资本经营预算", 7),
                        C(ColumnKeys.StateCapitalTransfer, "上级国有资本经营预算安排的转移支付", 8),
                        C(ColumnKeys.SpecialAccount, "财政专户（教育收费）", 9), C(ColumnKeys.UnitFunds, "单位资金", 10),
                        C(ColumnKeys.FiscalCarryover, "财政拨款结转", 11), C(ColumnKeys.NonFiscalCarryover, "非财政拨款结转结余", 12),
                    ],
                    HeaderRows =
                    [
                        [H("功能分类科目编码", 3), H("功能分类科目名称", 1, 2), H("总计", 1, 2), H("财政拨款（补助）", 7),
                         H("财政专户（教育收费）", 1, 2), H("单位资金", 1, 2), H("财政拨款结转", 1, 2), H("非财政拨款结转结余", 1, 2)],
                        [H("类"), H("款"), H("项"), H("财政拨款(补助)小计"), H("一般公共预算"), H("上级一般公共预算安排的转移支付"),
                         H("政府性基金预算"), H("上级政府性基金安排的转移支付"), H("国有资本经营预算"), H("上级国有资本经营预算安排的转移支付")],
                    ],
                    NumberingRow = Numbering(4, 12),
                };

            case TableKind.Expenditure:
            case TableKind.GeneralBudget:
                return new TableSchema
                {
                    Kind = kind, Title = Title(kind), Identities = IdentitiesOf(kind), LineProjections = ProjectionsOf(kind), Layout = TableLayout.FunctionalTree, LabelColumnCount = 4,
                    Columns = [C(ColumnKeys.Total, "合计", 1), C(ColumnKeys.Basic, "基本支出", 2), C(ColumnKeys.Project, "项目支出", 3)],
                    HeaderRows =
                    [
                        [H("科目", 4), H(kind == TableKind.Expenditure ? "支出预算" : "一般公共预算支出", 3)],
                        [H("功能分类科目编码", 3), H("功能分类科目名称", 1, 2), H("合计", 1, 2), H("基本支出", 1, 2), H("项目支出", 1, 2)],
                        [H("类"), H("款"), H("项")],
                    ],
                    NumberingRow = Numbering(4, 3),
                };

            case TableKind.GeneralBudgetBasic:
                return new TableSchema
                {
                    Kind = kind, Title = Title(kind), Identities = IdentitiesOf(kind), LineProjections = ProjectionsOf(kind), Layout = TableLayout.EconomicTree, LabelColumnCount = 3,
                    Columns = [C(ColumnKeys.Total, "合计", 1), C(ColumnKeys.Personnel, "人员经费", 2), C(ColumnKeys.Public, "公用经费", 3)],
                    HeaderRows =
                    [
                        [H("科目", 3), H("一般公共预算基本支出", 3)],
                        [H("经济分类科目编码", 2), H("经济分类科目名称", 1, 2), H("合计", 1, 2), H("人员经费", 1, 2), H("公用经费", 1, 2)],
                        [H("类"), H("款")],
                    ],
                    NumberingRow = Numbering(3, 3),
                };

            case TableKind.GeneralBudgetProjects:
                return new TableSchema
                {
                    Kind = kind, Title = Title(kind), Identities = IdentitiesOf(kind), LineProjections = ProjectionsOf(kind), Layout = TableLayout.Projects, LabelColumnCount = 5,
                    Landscape = true,
                    Columns =
                    [
                        C(ColumnKeys.Total, "项目支出合计", 1), C("wages", "工资福利支出", 2),
                        C("goodsServices", y24 ? "商品服务支出" : "商品和服务支出", 3),
                        C("householdSubsidies", "对个人和家庭的补助", 4), C("debtInterest", "债务利息及费用支出", 5),
                        C("capitalConstruction", "资本性支出（基本建设）", 6), C("capital", "资本性支出", 7),
                        C("enterpriseConstruction", "对企业补助（基本建设）", 8), C("enterprise", "对企业补助", 9),
                        C("socialSecurityFund", "对社会保障基金补助", 10), C("other", "其他支出", 11),
                    ],
                    HeaderRows =
                    [
                        [H("科目编码", 3), H("功能分类科目名称", 1, 2), H("项目名称", 1, 2), H("项目支出合计", 1, 2),
                         H("工资福利支出", 1, 2), H(y24 ? "商品服务支出" : "商品和服务支出", 1, 2), H("对个人和家庭的补助", 1, 2),
                         H("债务利息及费用支出", 1, 2), H("资本性支出（基本建设）", 1, 2), H("资本性支出", 1, 2),
                         H("对企业补助（基本建设）", 1, 2), H("对企业补助", 1, 2), H("对社会保障基金补助", 1, 2), H("其他支出", 1, 2)],
                        [H("类"), H("款"), H("项")],
                    ],
                    NumberingRow = Numbering(5, 11),
                };

            case TableKind.GovernmentFund:
            case TableKind.StateCapital:
                var gov = kind == TableKind.GovernmentFund;
                return new TableSchema
                {
                    Kind = kind, Title = Title(kind), Identities = IdentitiesOf(kind), LineProjections = ProjectionsOf(kind), Layout = TableLayout.FunctionalTree, LabelColumnCount = 4,
                    Columns = [C(ColumnKeys.Total, "合计", 1), C(ColumnKeys.Personnel, "人员经费", 2), C(ColumnKeys.Public, "公用经费", 3), C(ColumnKeys.Project, "项目支出", 4)],
                    HeaderRows =
                    [
                        [H("科目", 4), H(gov ? "政府性基金预算支出" : "国有资本经营预算支出", 4)],
                        [H("功能分类科目编码", 3), H("功能分类科目名称", 1, 2), H("合计", 1, 2), H("基本支出", 2), H("项目支出", 1, 2)],
                        [H("类"), H("款"), H("项"), H("人员经费"), H("公用经费")],
                    ],
                    NumberingRow = Numbering(4, 4),
                    EmptySentence = gov
                        ? "{0} {1} 年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。"
                        : "{0} {1} 年没有使用国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表。",
                };

            case TableKind.ThreePublicExpenses:
                return new TableSchema
                {
                    Kind = kind, Title = Title(kind), Identities = IdentitiesOf(kind), LineProjections = ProjectionsOf(kind), Layout = TableLayout.FixedRows, LabelColumnCount = 1,
                    Columns =
                    [
                        C(ColumnKeys.Total, "合计", 1), C(ColumnKeys.GeneralBudget, "一般公共预算", 2), C(ColumnKeys.GovFund, "政府性基金", 3),
                        C(ColumnKeys.StateCapital, "国有资本经营预算", 4),
                    ],
                    HeaderRows =
                    [
                        [H("“三公”经费支出内容", 1, 2), H("合计", 1, 2), H("资金来源", 3)],
                        [H("一般公共预算"), H("政府性基金"), H("国有资本经营预算")],
                    ],
                    NumberingRow = Numbering(1, 4),
                    FixedRows =
                    [
                        new("total", "合计"), new("overseas", "因公出国（境）费"), new("reception", "公务接待费"),
                        new("vehicles", "公务用车购置及运行费（小计）"), new("vehiclePurchase", "其中：公务用车购置费", 1),
                        new("vehicleOperation", "公务用车运行费", 1),
                    ],
                    EmptySentence = "{0} {1} 年没有使用财政拨款安排“三公”经费支出，财政拨款“三公”经费支出情况表为空表。",
                };

            case TableKind.Carryover:
                var sub = y24 ? "合计" : "小计";
                return new TableSchema
                {
                    Kind = kind, Title = Title(kind), Identities = IdentitiesOf(kind), LineProjections = ProjectionsOf(kind), Layout = TableLayout.Carryover, LabelColumnCount = 1,
                    Landscape = true,
                    Columns =
                    [
                        C(ColumnKeys.Total, y24 ? "总计" : "合计", 1),
                        C(ColumnKeys.Fiscal, $"财政拨款{sub}", 2), C(ColumnKeys.FiscalPersonnel, "财政拨款基本支出人员经费", 3),
                        C(ColumnKeys.FiscalPublic, "财政拨款基本支出公用经费", 4), C(ColumnKeys.FiscalProject, "财政拨款项目支出", 5),
                        C(ColumnKeys.NonFiscal, $"非财政拨款{sub}", 6), C(ColumnKeys.NonFiscalPersonnel, "非财政拨款基本支出人员经费", 7),
                        C(ColumnKeys.NonFiscalPublic, "非财政拨款基本支出公用经费", 8), C(ColumnKeys.NonFiscalProject, "非财政拨款项目支出", 9),
                    ],
                    HeaderRows =
                    [
                        [H(y24 ? "项目名称" : "项目", 1, 3), H(y24 ? "总计" : "合计", 1, 3), H("财政拨款", 4), H("非财政拨款", 4)],
                        [H(sub, 1, 2), H("基本支出", 2), H("项目支出", 1, 2), H(sub, 1, 2), H("基本支出", 2), H("项目支出", 1, 2)],
                        [H("人员经费"), H("公用经费"), H("人员经费"), H("公用经费")],
                    ],
                    NumberingRow = Numbering(1, 9),
                    EmptySentence = "{0} {1} 年没有上年结转结余预算安排的支出，上年结转结余情况明细表为空表。",
                };

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
