using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Lines;

/// <summary>A cell of a published table that the lines do not produce: where, the published figure and the lines' figure.</summary>
public sealed record CellDifference(TableKind Table, RowId Row, string Column, string Where, decimal Published, decimal FromLines)
{
    public string Message =>
        $"{Where}：公开数 {Amounts.Format(Published, AmountStyle.Figure)}，由预算明细得出 {Amounts.Format(FromLines, AmountStyle.Figure)}（相差 {Amounts.Format(FromLines - Published, AmountStyle.Figure)}）。";

    public override string ToString() => Message;
}

/// <summary>
/// What <see cref="LineSplit.Split"/> made of a table-based budget: the lines; the choices the tables left
/// open and were made (economic 款 the tables do not show, the 项 × 款 split of 基本支出, where a rounding
/// gap was put), in Chinese; and the published cells the lines do not produce, each named by table, row
/// and column. Empty <see cref="Differences"/>: the lines give exactly the published tables.
/// </summary>
public sealed record LineSplitResult(IReadOnlyList<BudgetLine> Lines, IReadOnlyList<string> Choices, IReadOnlyList<CellDifference> Differences)
{
    public bool IsExact => Differences.Count == 0;
}

/// <summary>
/// Turns a table-based budget (its eleven tables) into budget lines whose derived tables are the published
/// ones wherever the tables determine them.
/// <list type="bullet">
/// <item>Money by 项 and source from 表2 (the transfer columns and the carried-over money included); 基本/项目
/// from 表5 (一般公共预算), 表8, 表9 and 表3 (the rest); 表1's 其中 lines split 单位资金 by kind and the
/// carried-over money by budget.</item>
/// <item>The 项 × 经济分类款 split of 一般公共预算基本支出, which no table prints, is found from its margins
/// (表5 基本支出 by 项, 表6 by 款): first the contribution pairs of rule F8 (208 05 05 ↔ 301 08 …), then the
/// north-west corner in code order.</item>
/// <item>一般公共预算项目支出 from 表7's projects, each economic column as its 类's “其他” 款 in the year's catalog
/// (302 → 30299), except what 表10 says is 三公 beyond what 表6 shows in 基本支出.</item>
/// <item>Money whose economic 款 no table shows (政府性基金、国有资本经营预算、财政专户、单位资金、结转结余)
/// as the “其他” 款 of 301 (人员经费) or 302 (公用经费, 项目支出); carried-over projects by 表11's names.</item>
/// <item>Carried-over money (表2's 结转 columns by 项, 表11's rows by project) is split into 基本支出 and 项目支出
/// per 项 as a flow with bounds, so that 表2, 表3 and 表11 all hold.</item>
/// <item>Where a table's leaves do not add up to its printed total by a rounding gap (each figure rounded
/// on its own), either the leaves are kept, or the total, which other tables repeat, is kept and the gap is
/// put where the printed 类/款 sums say, else on the largest leaf not in a contribution pair: both are tried.</item>
/// </list>
/// The lines are then derived (<see cref="LineDerivation"/>) and compared with the published tables cell by
/// cell: what differs is what these lines do not reproduce, a printed sum that is not the sum of its printed
/// parts (which no set of lines can produce) or a figure that contradicts another table.
/// 项目负责人 are not in the tables and are left blank.
/// </summary>
public static class LineSplit
{
    /// <summary>
    /// Rule F8's soft mapping: the 项 of a contribution paid from one economic 款 (208 05 05 机关事业单位基本养老保险缴费支出
    /// ↔ 301 08 机关事业单位基本养老保险缴费 …). The split pairs them first and keeps rounding gaps off them.
    /// </summary>
    public static readonly IReadOnlyList<(string Functional, string Economic)> ContributionPairs =
    [
        ("2080505", "30108"), ("2080506", "30109"), ("2101102", "30110"), ("2101103", "30111"), ("2210201", "30113"),
        ("2080502", "30302"),
    ];

    /// <summary>
    /// The lines of a table-based budget. A rounding gap between a table's leaves and its printed total can be
    /// read two ways (the leaves are right and the total is off, or the total, which other tables repeat, is
    /// right and a leaf takes the gap); both are tried, and the one that leaves fewer published cells
    /// unproduced is kept (on a tie, the leaves).
    /// </summary>
    public static LineSplitResult Split(IReadOnlyList<BudgetTable> tables, int fiscalYear, YearCatalogs catalogs, string departmentName)
    {
        LineSplitResult Try(bool keepTotals)
        {
            var splitter = new Splitter(tables, fiscalYear, catalogs, keepTotals);
            var lines = splitter.Run();
            var derived = LineDerivation.Derive(lines, fiscalYear, catalogs, departmentName);
            return new LineSplitResult(lines, splitter.Choices, Compare(tables, derived, fiscalYear));
        }
        var leaves = Try(keepTotals: false);
        if (leaves.IsExact) return leaves;
        var totals = Try(keepTotals: true);
        return totals.Differences.Count < leaves.Differences.Count ? totals : leaves;
    }

    /// <summary>Every cell of the published tables that the derived ones do not have (a row missing on either side is blank there), in table and row order.</summary>
    public static IReadOnlyList<CellDifference> Compare(IReadOnlyList<BudgetTable> published, IReadOnlyList<BudgetTable> derived, int fiscalYear)
    {
        var differences = new List<CellDifference>();
        foreach (var schema in TableSchemas.ForYear(fiscalYear))
        {
            var left = published.FirstOrDefault(t => t.Kind == schema.Kind)?.Rows ?? [];
            var right = derived.FirstOrDefault(t => t.Kind == schema.Kind)?.Rows ?? [];
            var rights = right.GroupBy(RowId.Across).ToDictionary(g => g.Key, g => g.First());
            var seen = new HashSet<RowId>();
            foreach (var row in left.Concat(right))
            {
                var id = RowId.Across(row);
                if (!seen.Add(id)) continue;
                var p = left.FirstOrDefault(r => RowId.Across(r) == id);
                var d = rights.GetValueOrDefault(id);
                foreach (var column in schema.Columns)
                {
                    var (a, b) = (p?.Amount(column.Key) ?? 0m, d?.Amount(column.Key) ?? 0m);
                    if (a != b)
                        differences.Add(new CellDifference(schema.Kind, id, column.Key, $"表{schema.Number} {Label(schema, p ?? d!, column)}", a, b));
                }
            }
        }
        return differences;
    }

    /// <summary>A cell as messages name it: row and column; 表1's and 表4's total row by its side (收入总计, 支出总计).</summary>
    private static string Label(TableSchema schema, TableRow row, ColumnDef column) =>
        row.Kind == RowKind.Total && schema.Layout == TableLayout.TwoSided
            ? $"{(schema.IncomeColumns.Contains(column.Key) ? "收入总计" : "支出总计")} {column.Header}"
            : $"{schema.RowLabel(row)} {column.Header}";

    /// <summary>Which budget's money a piece is, before its exact source is known.</summary>
    private enum Fund { General, GovFund, StateCapital, Other }

    /// <summary>A part of a line being built; merged with its equals at the end.</summary>
    private sealed class Piece(string functional, string economic, LineSpending spending, MoneySource source, decimal amount, string? project, Fund fund)
    {
        public string Functional { get; } = functional;
        public string Economic { get; set; } = economic;
        public LineSpending Spending { get; } = spending;
        public MoneySource Source { get; set; } = source;
        public decimal Amount { get; set; } = amount;
        public string? Project { get; } = project;
        public Fund Fund { get; } = fund;
    }

    private sealed class Splitter(IReadOnlyList<BudgetTable> tables, int fiscalYear, YearCatalogs catalogs, bool keepTotals)
    {
        private readonly List<Piece> _pieces = [];
        private readonly List<string> _choices = [];
        private readonly HashSet<string> _paired = ContributionPairs.SelectMany(p => new[] { p.Functional, p.Economic }).ToHashSet(StringComparer.Ordinal);

        public IReadOnlyList<string> Choices => _choices;

        private BudgetTable T(TableKind kind) => tables.FirstOrDefault(t => t.Kind == kind) ?? new BudgetTable(kind, []);
        private TableSchema Schema(TableKind kind) => TableSchemas.For(kind, fiscalYear);
        private decimal? TotalCell(TableKind kind, string column) => T(kind).Total?[column];

        public IReadOnlyList<BudgetLine> Run()
        {
            // 表2's money by 项 and source column (transfers and carried-over money included).
            var sourceColumns = Schema(TableKind.Income).Columns.Select(c => c.Key).Where(k => k is not (ColumnKeys.Total or ColumnKeys.Fiscal)).ToList();
            var money = sourceColumns.ToDictionary(c => c, c => Leaves(TableKind.Income, c, TotalCell(TableKind.Income, c)));
            var basic5 = Leaves(TableKind.GeneralBudget, ColumnKeys.Basic, TotalCell(TableKind.GeneralBudget, ColumnKeys.Basic));
            var project5 = Leaves(TableKind.GeneralBudget, ColumnKeys.Project, TotalCell(TableKind.GeneralBudget, ColumnKeys.Project));
            var basic3 = Leaves(TableKind.Expenditure, ColumnKeys.Basic, TotalCell(TableKind.Expenditure, ColumnKeys.Basic));
            var project3 = Leaves(TableKind.Expenditure, ColumnKeys.Project, TotalCell(TableKind.Expenditure, ColumnKeys.Project));

            GeneralBasic(basic5);
            GeneralProjects(project5);
            ThreePublic(Fund.General, ColumnKeys.GeneralBudget, basicKnown: true);
            SplitBy(Fund.General, money, (ColumnKeys.GeneralBudget, MoneySource.GeneralBudget), (ColumnKeys.GeneralBudgetTransfer, MoneySource.GeneralBudgetTransfer));
            FundBudget(TableKind.GovernmentFund, Fund.GovFund, ColumnKeys.GovFund, money,
                (ColumnKeys.GovFund, MoneySource.GovFund), (ColumnKeys.GovFundTransfer, MoneySource.GovFundTransfer));
            FundBudget(TableKind.StateCapital, Fund.StateCapital, ColumnKeys.StateCapital, money,
                (ColumnKeys.StateCapital, MoneySource.StateCapital), (ColumnKeys.StateCapitalTransfer, MoneySource.StateCapitalTransfer));
            Others(money, basic3, project3);
            return Merge();
        }

        /// <summary>一般公共预算基本支出: 表5 by 项 × 表6 by 款, the contribution pairs first, then north-west.</summary>
        private void GeneralBasic(Dictionary<string, decimal> basic5)
        {
            var economic = Leaves(TableKind.GeneralBudgetBasic, ColumnKeys.Total, basic5.Values.Sum());
            foreach (var (item, code, amount) in Transport(basic5, economic))
            {
                if (code is not null && code[..3] is "301" or "302" or "303")
                {
                    Add(item, code, code[..3] == "302" ? LineSpending.Public : LineSpending.Personnel, MoneySource.GeneralBudget, amount, null, Fund.General);
                    continue;
                }
                var other = Other("302");
                _choices.Add(code is null
                    ? $"表5 {ItemLabel(item)} 基本支出中 {Figure(amount)} 万元在表6 没有对应的经济分类科目，按 {Printed(other)}（公用经费）拆分。"
                    : $"表6 {Printed(code)} 不是 301、302、303 类的款，不能作为基本支出；{Figure(amount)} 万元按 {Printed(other)}（公用经费）拆分。");
                Add(item, other, LineSpending.Public, MoneySource.GeneralBudget, amount, null, Fund.General);
            }
        }

        /// <summary>一般公共预算项目支出: 表7's projects by economic 类 (as the 类's “其他” 款); what 表5 has beyond them as a project named after its 项.</summary>
        private void GeneralProjects(Dictionary<string, decimal> project5)
        {
            var schema = Schema(TableKind.GeneralBudgetProjects);
            foreach (var row in T(TableKind.GeneralBudgetProjects).OfKind(RowKind.Project))
            {
                if (row.Code is not { Length: 7 } item || string.IsNullOrWhiteSpace(row.Project))
                {
                    _choices.Add($"表7 {schema.RowLabel(row)} 没有“项”级功能分类科目或项目名称，无法拆分。");
                    continue;
                }
                foreach (var (category, column) in TableSchemas.Table7EconomicCategories)
                    if (row.Amount(column) is > 0m and var amount)
                        Add(item, Other(category), LineSpending.Project, MoneySource.GeneralBudget, amount, row.Project.Trim(), Fund.General);
            }
            var others = Printed(Other("302"));
            if (_pieces.Any(p => p.Fund == Fund.General && p.Spending == LineSpending.Project))
                _choices.Add($"表7 只列出项目支出的经济分类“类”：各项目按所列各类的“其他”款拆分（如商品和服务支出按 {others}）。");
            foreach (var (item, amount) in project5)
            {
                var listed = _pieces.Where(p => p.Fund == Fund.General && p.Spending == LineSpending.Project && p.Functional == item).Sum(p => p.Amount);
                if (amount <= listed) continue;
                var name = $"{ItemName(item)}项目";
                _choices.Add($"表5 {ItemLabel(item)} 项目支出 {Figure(amount)} 万元中 {Figure(amount - listed)} 万元在表7 没有列出项目，以“{name}”为项目名称，按 {others} 拆分。");
                Add(item, Other("302"), LineSpending.Project, MoneySource.GeneralBudget, amount - listed, name, Fund.General);
            }
        }

        /// <summary>政府性基金预算 (表8) or 国有资本经营预算 (表9): 人员经费、公用经费、项目支出 by 项, their 三公 (表10) and the 表2 split into own money and transfers.</summary>
        private void FundBudget(TableKind kind, Fund fund, string budgetColumn, Dictionary<string, Dictionary<string, decimal>> money,
            params (string Column, MoneySource Source)[] sources)
        {
            var start = _pieces.Count;
            foreach (var (use, column) in new[] { (LineSpending.Personnel, ColumnKeys.Personnel), (LineSpending.Public, ColumnKeys.Public), (LineSpending.Project, ColumnKeys.Project) })
                foreach (var (item, amount) in Leaves(kind, column, TotalCell(kind, column)))
                    Add(item, Other(use == LineSpending.Personnel ? "301" : "302"), use, sources[0].Source, amount,
                        use == LineSpending.Project ? $"{ItemName(item)}项目" : null, fund);
            if (_pieces.Count == start) return;
            _choices.Add($"表{(int)kind}不列经济分类和项目名称：人员经费按 {Printed(Other("301"))}、公用经费和项目支出按 {Printed(Other("302"))} 拆分，项目支出以科目名称加“项目”为项目名称。");
            ThreePublic(fund, budgetColumn, basicKnown: false);
            SplitBy(fund, money, sources);
        }

        /// <summary>
        /// The money of 表2 no budget table details (财政专户、单位资金、上年结转结余): 表11's carried-over rows first
        /// (to the 项 whose 表2 结转 money and 表3 room take them), then the rest as 表3 leaves room for
        /// 基本支出 and 项目支出 under each 项; then 表1's 其中 lines give 单位资金's kinds and the 结转's budgets.
        /// </summary>
        private void Others(Dictionary<string, Dictionary<string, decimal>> money, Dictionary<string, decimal> basic3, Dictionary<string, decimal> project3)
        {
            var items = money.Values.SelectMany(m => m.Keys).Concat(basic3.Keys).Concat(project3.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            decimal Spent(string item, bool project) => _pieces.Where(p => p.Functional == item && (p.Spending == LineSpending.Project) == project).Sum(p => p.Amount);
            var basicRoom = items.ToDictionary(i => i, i => Math.Max(0m, basic3.GetValueOrDefault(i) - Spent(i, false)));
            var projectRoom = items.ToDictionary(i => i, i => Math.Max(0m, project3.GetValueOrDefault(i) - Spent(i, true)));
            string[] columns = [ColumnKeys.FiscalCarryover, ColumnKeys.NonFiscalCarryover, ColumnKeys.SpecialAccount, ColumnKeys.UnitFunds];
            var left = columns.ToDictionary(c => c, c => items.ToDictionary(i => i, i => money[c].GetValueOrDefault(i)));
            Carryover(items, left, basicRoom, projectRoom);
            foreach (var (column, source) in new[]
                     {
                         (ColumnKeys.FiscalCarryover, MoneySource.CarryoverGeneralBudget), (ColumnKeys.NonFiscalCarryover, MoneySource.NonFiscalCarryoverUnitFunds),
                         (ColumnKeys.SpecialAccount, MoneySource.SpecialAccount), (ColumnKeys.UnitFunds, MoneySource.UnitOther),
                     })
                Rest(items, column, source, left[column], basicRoom, projectRoom);
            var t1 = T(TableKind.IncomeAndExpenditure);
            foreach (var column in new[] { ColumnKeys.UnitFunds, ColumnKeys.FiscalCarryover, ColumnKeys.NonFiscalCarryover })
            {
                var kinds = MoneySources.All.Where(s => s.IncomeColumn == column).ToList();
                var of = _pieces.Where(p => p.Fund == Fund.Other && kinds.Any(k => k.Source == p.Source)).ToList();
                if (of.Count == 0) continue;
                var fallback = of[0].Source;
                var uncovered = Assign(of, [.. kinds.Select(k => (k.Source, t1.FixedOf(k.IncomeLine, ColumnKeys.Income)))], fallback);
                if (uncovered > 0m)
                    _choices.Add($"表1 没有按“其中”各项列出的 {Figure(uncovered)} 万元{Schema(TableKind.Income).Column(column).Header}按“{MoneySources.Of(fallback).Label}”拆分。");
            }
        }

        /// <summary>表11's carried-over rows, to the 项 whose 表2 结转 money (and 表3 room for their use) takes them.</summary>
        private void Carryover(List<string> items, Dictionary<string, Dictionary<string, decimal>> left,
            Dictionary<string, decimal> basicRoom, Dictionary<string, decimal> projectRoom)
        {
            var schema = Schema(TableKind.Carryover);
            var cells = new[]
            {
                (ColumnKeys.FiscalPersonnel, ColumnKeys.FiscalCarryover, LineSpending.Personnel),
                (ColumnKeys.FiscalPublic, ColumnKeys.FiscalCarryover, LineSpending.Public),
                (ColumnKeys.FiscalProject, ColumnKeys.FiscalCarryover, LineSpending.Project),
                (ColumnKeys.NonFiscalPersonnel, ColumnKeys.NonFiscalCarryover, LineSpending.Personnel),
                (ColumnKeys.NonFiscalPublic, ColumnKeys.NonFiscalCarryover, LineSpending.Public),
                (ColumnKeys.NonFiscalProject, ColumnKeys.NonFiscalCarryover, LineSpending.Project),
            };
            var wanted = new List<(TableRow Row, string Cell, string Column, LineSpending Use, decimal Left)>();
            foreach (var row in T(TableKind.Carryover).OfKind(RowKind.Project))
                foreach (var (cell, column, use) in cells)
                {
                    var amount = row.Amount(cell);
                    if (amount <= 0m) continue;
                    if (use != LineSpending.Project && row.Project?.Trim() != TableSchemas.CarryoverBasicRow)
                        _choices.Add($"表11 {schema.RowLabel(row)} {schema.Column(cell).Header} {Figure(amount)} 万元是基本支出；预算明细的基本支出不带项目名称，列入表11“{TableSchemas.CarryoverBasicRow}”行。");
                    wanted.Add((row, cell, column, use, amount));
                }
            // First as the plan says (which 项's 结转 money is 基本支出 and which 项目支出, so that 表2 and 表3 both
            // hold); if the tables allow none, where 表3 has room for the use, then wherever 表2 still has the money.
            var plan = CarryoverPlan(items, left, basicRoom, projectRoom, wanted.Select(w => (w.Column, w.Use != LineSpending.Project, w.Left)).ToList());
            foreach (var round in new[] { "plan", "room", "money" })
                for (var w = 0; w < wanted.Count; w++)
                {
                    var (row, _, column, use, amount) = wanted[w];
                    var room = use == LineSpending.Project ? projectRoom : basicRoom;
                    foreach (var item in items)
                    {
                        var planned = (column, use != LineSpending.Project, item);
                        var take = Math.Min(amount, left[column][item]);
                        if (round != "money") take = Math.Min(take, room[item]);
                        if (round == "plan") take = Math.Min(take, plan?.GetValueOrDefault(planned) ?? 0m);
                        if (take <= 0m) continue;
                        if (round == "plan") plan![planned] -= take;
                        Add(item, Other(use == LineSpending.Personnel ? "301" : "302"), use,
                            column == ColumnKeys.FiscalCarryover ? MoneySource.CarryoverGeneralBudget : MoneySource.NonFiscalCarryoverUnitFunds,
                            take, use == LineSpending.Project ? row.Project?.Trim() : null, Fund.Other);
                        left[column][item] -= take;
                        room[item] = Math.Max(0m, room[item] - take);
                        amount -= take;
                    }
                    wanted[w] = wanted[w] with { Left = amount };
                }
            foreach (var (row, cell, column, _, amount) in wanted.Where(w => w.Left > 0m))
                _choices.Add($"表11 {schema.RowLabel(row)} {schema.Column(cell).Header} 中 {Figure(amount)} 万元在表2 没有对应的{Schema(TableKind.Income).Column(column).Header}，无法确定功能分类科目，未拆分。");
            var assumed = wanted.Count > 0;
            if (assumed)
                _choices.Add($"表11 不列功能分类和经济分类：结转结余按表2 各科目的结转资金确定功能分类，人员经费按 {Printed(Other("301"))}、公用经费和项目支出按 {Printed(Other("302"))} 拆分。");
        }

        /// <summary>
        /// How much of each 项's 财政拨款结转 and 非财政拨款结转结余 (表2) is 基本支出 and how much 项目支出, so that each
        /// kind's 基本支出 and 项目支出 add up to 表11's and each 项's fit 表3's room: a flow with bounds (per 项, the
        /// 基本支出 of both kinds lies between what 表3's room for projects cannot take and its room for 基本支出),
        /// found as a maximum flow. Null when the tables allow none.
        /// </summary>
        private static Dictionary<(string Column, bool Basic, string Item), decimal>? CarryoverPlan(List<string> items,
            Dictionary<string, Dictionary<string, decimal>> left, Dictionary<string, decimal> basicRoom, Dictionary<string, decimal> projectRoom,
            List<(string Column, bool Basic, decimal Amount)> wanted)
        {
            string[] kinds = [ColumnKeys.FiscalCarryover, ColumnKeys.NonFiscalCarryover];
            static long Cents(decimal amount) => (long)(amount * 100m);
            var basic = kinds.Select(k => Cents(wanted.Where(w => w.Column == k && w.Basic).Sum(w => w.Amount))).ToArray();
            var project = kinds.Select(k => Cents(wanted.Where(w => w.Column == k && !w.Basic).Sum(w => w.Amount))).ToArray();
            for (var k = 0; k < kinds.Length; k++)
                if (items.Sum(i => Cents(left[kinds[k]][i])) != basic[k] + project[k]) return null;
            // Nodes: 0 source, 1 sink, 2.. the kinds, then the items; with lower bounds, through a circulation.
            var n = 2 + kinds.Length + items.Count;
            var (superSource, superSink) = (n, n + 1);
            var capacity = new long[n + 2, n + 2];
            var excess = new long[n + 2];
            var lower = new Dictionary<(int, int), long>();
            void Edge(int from, int to, long low, long high)
            {
                capacity[from, to] += high - low;
                excess[to] += low;
                excess[from] -= low;
                lower[(from, to)] = low;
            }
            for (var k = 0; k < kinds.Length; k++)
            {
                Edge(0, 2 + k, basic[k], basic[k]);
                for (var i = 0; i < items.Count; i++)
                    Edge(2 + k, 2 + kinds.Length + i, 0, Cents(left[kinds[k]][items[i]]));
            }
            for (var i = 0; i < items.Count; i++)
            {
                var money = kinds.Sum(k => Cents(left[k][items[i]]));
                var (least, most) = (Math.Max(0, money - Cents(projectRoom[items[i]])), Math.Min(money, Cents(basicRoom[items[i]])));
                if (least > most) return null;
                Edge(2 + kinds.Length + i, 1, least, most);
            }
            capacity[1, 0] = long.MaxValue / 4;
            var needed = 0L;
            for (var v = 0; v < n; v++)
            {
                if (excess[v] > 0) { capacity[superSource, v] = excess[v]; needed += excess[v]; }
                else if (excess[v] < 0) capacity[v, superSink] = -excess[v];
            }
            var flow = new long[n + 2, n + 2];
            if (MaxFlow(capacity, flow, superSource, superSink) != needed) return null;
            var plan = new Dictionary<(string, bool, string), decimal>();
            for (var k = 0; k < kinds.Length; k++)
                for (var i = 0; i < items.Count; i++)
                {
                    var edge = (2 + k, 2 + kinds.Length + i);
                    var basicCents = lower[edge] + flow[edge.Item1, edge.Item2];
                    plan[(kinds[k], true, items[i])] = basicCents / 100m;
                    plan[(kinds[k], false, items[i])] = left[kinds[k]][items[i]] - basicCents / 100m;
                }
            return plan;
        }

        /// <summary>Edmonds–Karp on a capacity matrix (the graphs here have a few hundred nodes); fills <paramref name="flow"/>, returns its value.</summary>
        private static long MaxFlow(long[,] capacity, long[,] flow, int source, int sink)
        {
            var n = capacity.GetLength(0);
            var total = 0L;
            while (true)
            {
                var parent = Enumerable.Repeat(-1, n).ToArray();
                parent[source] = source;
                var queue = new Queue<int>([source]);
                while (queue.Count > 0 && parent[sink] < 0)
                {
                    var u = queue.Dequeue();
                    for (var v = 0; v < n; v++)
                        if (parent[v] < 0 && capacity[u, v] - flow[u, v] > 0) { parent[v] = u; queue.Enqueue(v); }
                }
                if (parent[sink] < 0) return total;
                var push = long.MaxValue;
                for (var v = sink; v != source; v = parent[v]) push = Math.Min(push, capacity[parent[v], v] - flow[parent[v], v]);
                for (var v = sink; v != source; v = parent[v])
                {
                    flow[parent[v], v] += push;
                    flow[v, parent[v]] -= push;
                }
                total += push;
            }
        }

        /// <summary>Money of a 表2 column no table names the use of: 表3's room for 基本支出 first, then 项目支出 (named after 表7's project under the 项, else the 项).</summary>
        private void Rest(List<string> items, string column, MoneySource source, Dictionary<string, decimal> left,
            Dictionary<string, decimal> basicRoom, Dictionary<string, decimal> projectRoom)
        {
            var header = Schema(TableKind.Income).Column(column).Header;
            var other = Printed(Other("302"));
            foreach (var item in items)
            {
                var amount = left[item];
                if (amount <= 0m) continue;
                var basic = Math.Min(amount, basicRoom[item]);
                if (basic > 0m)
                {
                    Add(item, Other("302"), LineSpending.Public, source, basic, null, Fund.Other);
                    basicRoom[item] -= basic;
                    _choices.Add($"表2 {ItemLabel(item)} {header} 中 {Figure(basic)} 万元是基本支出（表3），表格没有给出其经济分类，按 {other}（公用经费）拆分。");
                }
                var project = amount - basic;
                if (project <= 0m) continue;
                if (project > projectRoom[item])
                    _choices.Add($"表2 {ItemLabel(item)} {header} {Figure(amount)} 万元多于表3 该科目尚未安排的支出，多出的 {Figure(project - projectRoom[item])} 万元按项目支出拆分。");
                projectRoom[item] = Math.Max(0m, projectRoom[item] - project);
                var listed = T(TableKind.GeneralBudgetProjects).OfKind(RowKind.Project)
                    .Where(r => r.Code == item && !string.IsNullOrWhiteSpace(r.Project)).Select(r => r.Project!.Trim()).Distinct().ToList();
                var name = listed.FirstOrDefault() ?? $"{ItemName(item)}项目";
                Add(item, Other("302"), LineSpending.Project, source, project, name, Fund.Other);
                _choices.Add($"表2 {ItemLabel(item)} {header} 中 {Figure(project)} 万元是项目支出（表3），表格没有给出项目名称和经济分类，" +
                             (listed.Count > 0 ? $"归入该科目下表7 的项目“{name}”" : $"以“{name}”为项目名称") + $"，按 {other} 拆分。");
            }
        }

        /// <summary>
        /// 表10's 三公 of one budget: what the budget's lines of the 三公 款 (30212, 30217, 30231, 31013) lack is
        /// recoded from its other lines of the 款's 类: 项目支出 when 表6 states the 基本支出 (一般公共预算); else
        /// 公用经费 first, and any project for 31013 公务用车购置.
        /// </summary>
        private void ThreePublic(Fund fund, string budgetColumn, bool basicKnown)
        {
            var t10 = T(TableKind.ThreePublicExpenses);
            var three = TableSchemas.ThreePublicItems.Select(i => i.Economic).ToHashSet(StringComparer.Ordinal);
            foreach (var (code, line) in TableSchemas.ThreePublicItems)
            {
                var mine = _pieces.Where(p => p.Fund == fund).ToList();
                var wanted = t10.FixedOf(line, budgetColumn) - mine.Where(p => p.Economic == code).Sum(p => p.Amount);
                if (wanted <= 0m) continue;
                var category = code[..3];
                var from = mine.Where(p => !three.Contains(p.Economic) && (basicKnown
                        ? p.Spending == LineSpending.Project && p.Economic[..3] == category
                        : p.Spending == LineSpending.Project || (p.Spending == LineSpending.Public && category == "302")))
                    .OrderBy(p => p.Spending == LineSpending.Project ? 1 : 0).ToList();
                var label = Schema(TableKind.ThreePublicExpenses).FixedLabel(line).Replace("其中：", "");
                foreach (var piece in from)
                {
                    if (wanted <= 0m) break;
                    var take = Math.Min(wanted, piece.Amount);
                    var part = take < piece.Amount ? Cut(piece, piece.Amount - take) : piece;
                    part.Economic = code;
                    wanted -= take;
                    _choices.Add($"表10 {label} {Figure(take)} 万元{(piece.Project is { } p ? $"由项目“{p}”" : "由公用经费")}安排，按 {Printed(code)} 拆分。");
                }
                if (wanted > 0m)
                    _choices.Add($"表10 {label} 中 {Figure(wanted)} 万元在其他各表中找不到可以安排的支出，未拆分。");
            }
        }

        /// <summary>The pieces of a budget, 项 by 项, split between its own money and its transfers as 表2's columns say.</summary>
        private void SplitBy(Fund fund, Dictionary<string, Dictionary<string, decimal>> money, params (string Column, MoneySource Source)[] sources)
        {
            foreach (var item in _pieces.Where(p => p.Fund == fund).GroupBy(p => p.Functional).ToList())
                Assign(item.ToList(), [.. sources.Select(s => (s.Source, money[s.Column].GetValueOrDefault(item.Key)))], sources[0].Source);
        }

        /// <summary>
        /// Gives the pieces, in order, the sources in order, north-west: each source up to its amount, a piece
        /// cut where a source ends. What no source covers gets <paramref name="fallback"/>; returns how much.
        /// </summary>
        private decimal Assign(List<Piece> pieces, List<(MoneySource Source, decimal Amount)> supplies, MoneySource fallback)
        {
            var s = 0;
            var remaining = supplies.Count > 0 ? supplies[0].Amount : 0m;
            var uncovered = 0m;
            for (var i = 0; i < pieces.Count; i++)
            {
                while (s < supplies.Count && remaining <= 0m)
                    remaining = ++s < supplies.Count ? supplies[s].Amount : 0m;
                var piece = pieces[i];
                if (s >= supplies.Count)
                {
                    piece.Source = fallback;
                    uncovered += piece.Amount;
                    continue;
                }
                piece.Source = supplies[s].Source;
                if (piece.Amount > remaining) pieces.Insert(i + 1, Cut(piece, remaining));
                remaining -= piece.Amount;
            }
            return uncovered;
        }

        /// <summary>
        /// The 项 × 款 split of amounts with these margins: the contribution pairs of rule F8 first, then the
        /// north-west corner in code order. What one side has beyond the other comes back with a null 款 (项 left)
        /// or is reported (款 left).
        /// </summary>
        private List<(string Item, string? Code, decimal Amount)> Transport(Dictionary<string, decimal> items, Dictionary<string, decimal> codes)
        {
            var supply = items.Where(x => x.Value > 0m).OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => (x.Key, Left: x.Value)).ToList();
            var demand = codes.Where(x => x.Value > 0m).OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => (x.Key, Left: x.Value)).ToList();
            var result = new List<(string, string?, decimal)>();
            void Take(int i, int j, decimal amount)
            {
                result.Add((supply[i].Key, demand[j].Key, amount));
                supply[i] = (supply[i].Key, supply[i].Left - amount);
                demand[j] = (demand[j].Key, demand[j].Left - amount);
            }
            foreach (var (functional, economic) in ContributionPairs)
            {
                var (i, j) = (supply.FindIndex(s => s.Key == functional), demand.FindIndex(d => d.Key == economic));
                if (i >= 0 && j >= 0 && Math.Min(supply[i].Left, demand[j].Left) is > 0m and var amount) Take(i, j, amount);
            }
            for (int i = 0, j = 0; i < supply.Count && j < demand.Count;)
            {
                if (supply[i].Left <= 0m) { i++; continue; }
                if (demand[j].Left <= 0m) { j++; continue; }
                Take(i, j, Math.Min(supply[i].Left, demand[j].Left));
            }
            foreach (var (key, left) in supply.Where(s => s.Left > 0m)) result.Add((key, null, left));
            foreach (var (key, left) in demand.Where(d => d.Left > 0m))
                _choices.Add($"表6 {Printed(key)} {EconomicName(key)} 中 {Figure(left)} 万元超出表5 各项的基本支出，未拆分。");
            return result;
        }

        /// <summary>
        /// The leaf figures of a table's code tree in one column (the 项 of 功能分类, the 款 of 表6's 经济分类).
        /// Where the leaves miss the figure another table fixes (<paramref name="anchor"/>: the total) by a
        /// rounding gap, the gap goes down the tree to the 类 and 款 whose printed figure says so, else to the
        /// largest (not one of a contribution pair), so the total is kept; a larger gap is left for the comparison.
        /// </summary>
        private Dictionary<string, decimal> Leaves(TableKind kind, string column, decimal? anchor)
        {
            var schema = Schema(kind);
            var rows = new Dictionary<string, TableRow>(StringComparer.Ordinal);
            foreach (var row in T(kind).Rows.Where(r => r.Code is not null && r.Kind != RowKind.Project))
                rows.TryAdd(row.Code!, row);
            decimal Printed(string code) => rows[code].Amount(column);
            string ParentOf(string code)
            {
                for (var n = code.Length - 2; n >= 3; n -= 2)
                    if (rows.ContainsKey(code[..n])) return code[..n];
                return "";
            }
            var children = rows.Keys.Order(StringComparer.Ordinal).GroupBy(ParentOf).ToDictionary(g => g.Key, g => g.ToList());
            List<string> ChildrenOf(string code) => children.GetValueOrDefault(code) ?? [];
            var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
            decimal Sum(string code)
            {
                if (!sums.TryGetValue(code, out var sum))
                    sums[code] = sum = ChildrenOf(code) is { Count: > 0 } parts ? parts.Sum(Sum) : Printed(code);
                return sum;
            }
            bool Paired(string code) => ChildrenOf(code) is { Count: > 0 } parts ? parts.All(Paired) : _paired.Contains(code);
            var leaves = new Dictionary<string, decimal>(StringComparer.Ordinal);
            void Distribute(List<string> parts, decimal target)
            {
                var share = parts.ToDictionary(c => c, Sum);
                var gap = target - share.Values.Sum();
                foreach (var part in parts.OrderByDescending(c => Math.Abs(Printed(c) - Sum(c))).ThenBy(c => c, StringComparer.Ordinal))
                {
                    var says = Printed(part) - Sum(part);
                    if (gap == 0m) break;
                    if (says == 0m || Math.Sign(says) != Math.Sign(gap)) continue;
                    var take = Math.Sign(gap) * Math.Min(Math.Abs(says), Math.Abs(gap));
                    share[part] += take;
                    gap -= take;
                }
                if (gap != 0m)
                {
                    var fits = parts.Where(c => share[c] + gap >= 0m).OrderByDescending(c => share[c]).ThenBy(c => c, StringComparer.Ordinal).ToList();
                    if ((fits.FirstOrDefault(c => !Paired(c)) ?? fits.FirstOrDefault()) is { } pick) share[pick] += gap;
                }
                foreach (var part in parts)
                {
                    if (ChildrenOf(part).Count == 0) leaves[part] = share[part];
                    else Distribute(ChildrenOf(part), share[part]);
                }
            }
            var roots = ChildrenOf("");
            var total = roots.Sum(Sum);
            // 表6 always: its 款 are split over 表5's 项, so they must add up to what the 项 have.
            if (!keepTotals && kind != TableKind.GeneralBudgetBasic) anchor = null;
            var counted = rows.Keys.Count(c => ChildrenOf(c).Count == 0 && Printed(c) != 0m);
            var target = anchor is { } a && a != total && Math.Abs(a - total) <= Rounding.Tolerance(counted) ? a : total;
            Distribute(roots, target);

            var header = schema.Column(column).Header;
            var length = kind == TableKind.GeneralBudgetBasic ? 5 : 7;
            var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (code, amount) in leaves)
            {
                if (amount != Printed(code))
                    _choices.Add($"表{schema.Number} {schema.RowLabel(rows[code])} {header} 公开数 {Figure(Printed(code))}，按 {Figure(amount)} 拆分：" +
                                 $"各项之和与总计 {Figure(target)} 相差的舍入差计入此处。");
                if (amount == 0m) continue;
                if (code.Length == length) result[code] = amount;
                else _choices.Add($"表{schema.Number} {schema.RowLabel(rows[code])} {header} {Figure(amount)} 万元没有列出下级科目（{(length == 7 ? "项" : "款")}），无法拆分。");
            }
            return result;
        }

        private Piece Add(string item, string economic, LineSpending use, MoneySource source, decimal amount, string? project, Fund fund)
        {
            var piece = new Piece(item, economic, use, source, amount, project, fund);
            _pieces.Add(piece);
            return piece;
        }

        /// <summary>Cuts a piece: it keeps <paramref name="keep"/>, and a new piece (returned) has the rest.</summary>
        private Piece Cut(Piece piece, decimal keep)
        {
            var rest = Add(piece.Functional, piece.Economic, piece.Spending, piece.Source, piece.Amount - keep, piece.Project, piece.Fund);
            piece.Amount = keep;
            return rest;
        }

        /// <summary>
        /// The lines: equal pieces merged; by 项, then 人员、公用、项目 (the projects in the order the tables list
        /// them, which 表7 and 说明七 keep), 款 and source.
        /// </summary>
        private IReadOnlyList<BudgetLine> Merge()
        {
            var lines = new List<BudgetLine>();
            var projects = _pieces.Select(p => p.Project).OfType<string>().Distinct().Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
            foreach (var group in _pieces.Where(p => p.Amount > 0m)
                         .GroupBy(p => (p.Functional, p.Economic, p.Spending, p.Source, p.Project))
                         .OrderBy(g => g.Key.Functional, StringComparer.Ordinal).ThenBy(g => g.Key.Spending)
                         .ThenBy(g => g.Key.Project is { } name ? projects[name] : -1).ThenBy(g => g.Key.Economic, StringComparer.Ordinal).ThenBy(g => g.Key.Source))
            {
                var (functional, economic, spending, source, project) = group.Key;
                var amount = group.Sum(p => p.Amount);
                try
                {
                    lines.Add(new BudgetLine(functional, economic, spending, source, amount, project));
                }
                catch (DomainException e)
                {
                    _choices.Add($"{ItemLabel(functional)} {Printed(economic)} {Figure(amount)} 万元无法成为预算明细：{e.Message}");
                }
            }
            return lines;
        }

        /// <summary>
        /// A 类's “其他” 款 in the year's 经济分类 catalog: {类}99 when listed (30299 其他商品和服务支出), else the
        /// last listed 款 of the 类 named 其他…, else {类}99 all the same (a well-formed code outside the catalog).
        /// </summary>
        private string Other(string category)
        {
            var code = category + "99";
            if (catalogs.Economic.NameOf(code) is not null) return code;
            return catalogs.Economic.Current.LastOrDefault(c => c.Code.Length == 5 && c.Code.StartsWith(category, StringComparison.Ordinal)
                                                                && c.Name.StartsWith("其他", StringComparison.Ordinal))?.Code ?? code;
        }

        private string ItemName(string item) =>
            catalogs.Functional.NameOf(item)
            ?? tables.SelectMany(t => t.Rows).FirstOrDefault(r => r.Code == item && r.Kind != RowKind.Project && !string.IsNullOrWhiteSpace(r.Name))?.Name
            ?? Printed(item);

        private string ItemLabel(string item) => $"{Printed(item)} {ItemName(item)}";

        private string EconomicName(string code) => catalogs.Economic.NameOf(code) ?? "";

        private static string Printed(string code) => ClassificationCode.Printed(code);

        private static string Figure(decimal amount) => Amounts.Format(amount, AmountStyle.Figure);
    }
}
