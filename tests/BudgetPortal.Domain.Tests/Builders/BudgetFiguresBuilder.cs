using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tests.Seeds;
using static BudgetPortal.Domain.Tests.Builders.DocumentBuilder;

namespace BudgetPortal.Domain.Tests.Builders;

/// <summary>
/// A small disclosure whose tables agree with each other, for drafting notes: 表1 income lines, 表5
/// 项 (general budget) with 表3 as 表5 plus any non-fiscal project money, 表4 from 表5, 表6 totals and
/// 款, 表7 projects, 表10 items, 表11 carried-over projects, and typed note lines.
/// </summary>
public sealed class BudgetFiguresBuilder
{
    private sealed record Item(string Code, string? Category, string Class, string Name, decimal Basic, decimal Project, decimal NonFiscalProject);

    private int _year = 2025;
    private readonly Dictionary<string, decimal> _income = [];
    private readonly List<Item> _items = [];
    private readonly List<(string Code, string Name, decimal Amount)> _basicClasses = [];
    private readonly List<(string Code, string Item, string Project, decimal Amount)> _projects = [];
    private readonly Dictionary<string, decimal> _threePublic = [];
    private readonly List<(string Project, decimal Amount)> _carryover = [];
    private readonly Dictionary<string, List<NoteLine>> _lines = [];

    /// <summary>
    /// The example department of the notes' tests, in <paramref name="year"/>: 表1 220.00 = 一般公共预算 200.00
    /// + 单位资金 20.00; 表5 200.00 = 基本 150.00 (four 项, four 经济分类 款) + 项目 50.00; 表3 adds the 20.00 of
    /// 单位资金 to the project 项, so 表3 220.00 = 150.00 + 70.00; 三公 12.00 (接待 2.00, 公务用车运行 10.00).
    /// </summary>
    public static BudgetFiguresBuilder Example(int year = 2025) => new BudgetFiguresBuilder()
        .ForYear(year)
        .WithIncome("generalBudget", 200.00m)
        .WithIncome("unitFunds", 20.00m)
        .WithItem("2010302", "一般公共服务支出", "政府办公厅（室）及相关机构事务", "一般行政管理事务", project: 50.00m, nonFiscalProject: 20.00m)
        .WithItem("2010350", "一般公共服务支出", "政府办公厅（室）及相关机构事务", "事业运行", basic: 100.00m)
        .WithItem("2080505", "社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出", basic: 30.00m)
        .WithItem("2210201", "住房保障支出", "住房改革支出", "住房公积金", basic: 20.00m)
        .WithBasicClass("30101", "基本工资", 90.00m)
        .WithBasicClass("30108", "机关事业单位基本养老保险缴费", 30.00m)
        .WithBasicClass("30201", "办公费", 20.00m)
        .WithBasicClass("30231", "公务用车运行维护费", 10.00m)
        .WithProject("2010302", "机构运行补助经费", 50.00m)
        .WithThreePublic("reception", 2.00m)
        .WithThreePublic("vehicleOperation", 10.00m);

    public BudgetFiguresBuilder ForYear(int year)
    {
        _year = year;
        return this;
    }

    /// <summary>A 表1 income line (key as in docs/disclosure-format.md): generalBudget, unitFunds …</summary>
    public BudgetFiguresBuilder WithIncome(string key, decimal amount)
    {
        _income[key] = amount;
        return this;
    }

    /// <summary>A 项 of 表5 (and 表3), with the names of its 类 (null: the 类 rows are read without their name) and 款.</summary>
    public BudgetFiguresBuilder WithItem(string code, string? category, string @class, string name,
        decimal basic = 0m, decimal project = 0m, decimal nonFiscalProject = 0m)
    {
        _items.Add(new Item(code, category, @class, name, basic, project, nonFiscalProject));
        return this;
    }

    /// <summary>An economic 款 of 表6 (301xx/303xx 人员经费, 302xx 公用经费).</summary>
    public BudgetFiguresBuilder WithBasicClass(string code, string name, decimal amount)
    {
        _basicClasses.Add((code, name, amount));
        return this;
    }

    /// <summary>A project of 表7 under a 项 of 表5.</summary>
    public BudgetFiguresBuilder WithProject(string itemCode, string project, decimal amount)
    {
        _projects.Add((itemCode, _items.Single(i => i.Code == itemCode).Name, project, amount));
        return this;
    }

    /// <summary>A 表10 item: overseas, reception, vehiclePurchase, vehicleOperation.</summary>
    public BudgetFiguresBuilder WithThreePublic(string key, decimal amount)
    {
        _threePublic[key] = amount;
        return this;
    }

    /// <summary>A carried-over non-fiscal project of 表11.</summary>
    public BudgetFiguresBuilder WithCarryoverProject(string project, decimal amount)
    {
        _carryover.Add((project, amount));
        return this;
    }

    /// <summary>A typed note line (the human wording and, as published, its figures).</summary>
    public BudgetFiguresBuilder WithLine(string section, NoteLine line)
    {
        if (!_lines.TryGetValue(section, out var lines)) _lines[section] = lines = [];
        lines.Add(line);
        return this;
    }

    public BudgetFiguresBuilder WithReason(string section, string key, string reason) =>
        WithLine(section, new NoteLine { Key = key, Reason = reason });

    public Disclosure Build()
    {
        var doc = new DisclosureDocument
        {
            Source = "test.txt",
            Department = new DepartmentDoc { Code = "test", Name = DisclosureBuilder.DepartmentName },
            FiscalYear = _year,
        };
        doc.SignOff.Name = DisclosureBuilder.DepartmentName;

        var items = _items.OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        decimal GeneralBudget(Item i) => i.Basic + i.Project;
        decimal AllFunds(Item i) => GeneralBudget(i) + i.NonFiscalProject;
        var categories = items.GroupBy(i => i.Code[..3]).ToList();

        // 表1
        var table1 = _income.Select(kv => Row(kind: "fixed", key: kv.Key, cells: [("income", kv.Value)])).ToList();
        table1.AddRange(categories.Select(g => Row(g.Key, g.First().Category, cells: [("expenditure", g.Sum(AllFunds))])));
        table1.Add(TotalRow(("income", _income.Where(kv => kv.Key is not ("currentYear" or "carryover")).Sum(kv => kv.Value)),
            ("expenditure", items.Sum(AllFunds))));
        doc.Tables["1"] = new TableDoc { Rows = table1 };

        // 表3 and 表5: 总计, then 类 → 款 → 项
        TableDoc Tree(Func<Item, decimal> project)
        {
            RowDoc Sum(string? code, string? name, IEnumerable<Item> of)
            {
                var list = of.ToList();
                var cells = new List<(string, decimal)>();
                void Add(string column, decimal v) { if (v != 0m) cells.Add((column, v)); }
                Add("total", list.Sum(i => i.Basic + project(i)));
                Add("basic", list.Sum(i => i.Basic));
                Add("project", list.Sum(project));
                return code is null ? TotalRow([.. cells]) : Row(code, name, cells: [.. cells]);
            }
            var rows = new List<RowDoc> { Sum(null, null, items) };
            foreach (var category in categories)
            {
                rows.Add(Sum(category.Key, category.First().Category, category));
                foreach (var @class in category.GroupBy(i => i.Code[..5]))
                {
                    rows.Add(Sum(@class.Key, @class.First().Class, @class));
                    rows.AddRange(@class.Select(i => Sum(i.Code, i.Name, [i])));
                }
            }
            return new TableDoc { Rows = rows };
        }
        doc.Tables["3"] = Tree(i => i.Project + i.NonFiscalProject);
        doc.Tables["5"] = Tree(i => i.Project);

        // 表4: general budget only
        var fiscal = items.Sum(GeneralBudget);
        var table4 = new List<RowDoc>
        {
            Row(kind: "fixed", key: "fiscal", cells: [("income", fiscal)]),
            Row(kind: "fixed", key: "generalBudget", cells: [("income", fiscal)]),
        };
        table4.AddRange(categories.Select(g => Row(g.Key, g.First().Category,
            cells: [("total", g.Sum(GeneralBudget)), ("generalBudget", g.Sum(GeneralBudget))])));
        table4.Add(TotalRow(("income", fiscal), ("total", fiscal), ("generalBudget", fiscal)));
        doc.Tables["4"] = new TableDoc { Rows = table4 };

        // 表6
        var personnel = _basicClasses.Where(c => !c.Code.StartsWith("302", StringComparison.Ordinal)).Sum(c => c.Amount);
        var publicExpenses = _basicClasses.Where(c => c.Code.StartsWith("302", StringComparison.Ordinal)).Sum(c => c.Amount);
        var table6 = new List<RowDoc> { TotalRow(("total", personnel + publicExpenses), ("personnel", personnel), ("public", publicExpenses)) };
        foreach (var group in _basicClasses.OrderBy(c => c.Code, StringComparer.Ordinal).GroupBy(c => c.Code[..3]))
        {
            var column = group.Key == "302" ? "public" : "personnel";
            table6.Add(Row(group.Key, group.Key, cells: [("total", group.Sum(c => c.Amount)), (column, group.Sum(c => c.Amount))]));
            table6.AddRange(group.Select(c => Row(c.Code, c.Name, cells: [("total", c.Amount), (column, c.Amount)])));
        }
        doc.Tables["6"] = new TableDoc { Rows = table6.Where(r => r.Cells.Count > 0 || r.Kind == "total").ToList() };

        // 表7
        var table7 = new List<RowDoc> { TotalRow(("total", _projects.Sum(p => p.Amount))) };
        table7.AddRange(_projects.Select(p => new RowDoc
        {
            Kind = "project", Code = p.Code, Name = p.Item, Project = p.Project,
            Cells = new Dictionary<string, decimal> { ["total"] = p.Amount },
        }));
        doc.Tables["7"] = new TableDoc { Rows = _projects.Count == 0 ? [] : table7 };

        // 表10
        var threePublic = _threePublic.Select(kv => Row(kind: "fixed", key: kv.Key, cells: [("total", kv.Value)])).ToList();
        if (threePublic.Count > 0)
            threePublic.Insert(0, Row(kind: "fixed", key: "total", cells: [("total", _threePublic.Values.Sum())]));
        doc.Tables["10"] = new TableDoc { Rows = threePublic };

        // 表11
        var carried = _carryover.Sum(c => c.Amount);
        doc.Tables["11"] = _carryover.Count == 0
            ? new TableDoc { EmptyText = $"{DisclosureBuilder.DepartmentName} {_year} 年没有上年结转结余预算安排的支出，上年结转结余情况明细表为空表。" }
            : new TableDoc
            {
                Rows =
                [
                    TotalRow(("total", carried), ("nonFiscal", carried), ("nonFiscalProject", carried)),
                    .. _carryover.Select(c => new RowDoc
                    {
                        Kind = "project", Project = c.Project,
                        Cells = new Dictionary<string, decimal> { ["total"] = c.Amount, ["nonFiscal"] = c.Amount, ["nonFiscalProject"] = c.Amount },
                    }),
                ],
            };

        doc.Notes = _lines.Select(kv => new NoteDoc { Key = kv.Key, Heading = kv.Key, Lines = kv.Value }).ToList();
        return SeedFile.LoadInto(doc);
    }
}
