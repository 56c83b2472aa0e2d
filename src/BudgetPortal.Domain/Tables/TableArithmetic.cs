namespace BudgetPortal.Domain.Tables;

/// <summary>What the identities need to know of a row: what it is, not its amounts.</summary>
public readonly record struct RowShape(RowKind Kind, string? Key, string? Code)
{
    public static RowShape Of(TableRow row) => new(row.Kind, row.Key, row.Code);
}

/// <summary>A cell of a table's row list: the row's index (-1 when the table has no such row, read as blank) and column.</summary>
public readonly record struct CellAt(int Row, string Column);

/// <summary>One identity applied to one table: the cell it concerns and the cells that make it up.</summary>
public sealed record Relation(TableIdentity Identity, RowId Row, CellAt Target, IReadOnlyList<CellAt> Parts);

/// <summary>A relation a table breaks beyond rounding: its words, the printed figure and the sum of its parts (the other figure of a <see cref="SidesEqual"/>).</summary>
public sealed record BrokenRelation(Relation Relation, (string Where, string Says, string Parts) Words, decimal Printed, decimal Parts)
{
    public override string ToString() =>
        $"{Words.Says} {Amounts.Format(Printed, AmountStyle.Figure)} ≠ {Words.Parts} {Amounts.Format(Parts, AmountStyle.Figure)}";
}

/// <summary>
/// The identities of a schema applied to the rows of a table: the relations the checks compare and the
/// computation of derived cells (款/类 from 项, 总计 from 类, a row's 合计 from its parts, an income line
/// from its 其中 lines) from the leaves, for the forms' 按明细汇总 and for tables built from figures.
/// </summary>
public static class TableArithmetic
{
    /// <summary>
    /// Every relation of the schema's identities (of one rule, or all) in the rows, in the order the
    /// identities are declared; consecutive row sums of the same rows go row by row.
    /// </summary>
    public static IReadOnlyList<Relation> Relations(this TableSchema schema, IReadOnlyList<RowShape> rows, string? rule = null)
    {
        var result = new List<Relation>();
        var identities = schema.Identities.Where(i => rule is null || i.Rule == rule).ToList();
        for (var k = 0; k < identities.Count; k++)
        {
            switch (identities[k])
            {
                case RowSum first:
                    var run = identities.Skip(k).TakeWhile(i => i is RowSum s && SameRows(s.Rows, first.Rows)).Cast<RowSum>().ToList();
                    foreach (var (index, id) in RowsFor(schema, rows, first.Rows))
                        foreach (var sum in run)
                            result.Add(new Relation(sum, id, new CellAt(index, sum.Column), sum.Of.Select(c => new CellAt(index, c)).ToList()));
                    k += run.Count - 1;
                    break;
                case TreeSum tree:
                    var codeTree = new CodeTree(rows, tree.Projects);
                    for (var i = 0; i < rows.Count; i++)
                    {
                        var children = codeTree.Children(i);
                        if (children.Count == 0) continue;
                        foreach (var column in tree.Columns ?? schema.Columns.Select(c => c.Key).ToList())
                            result.Add(new Relation(tree, RowId.Code(rows[i].Code!), new CellAt(i, column), children.Select(c => new CellAt(c, column)).ToList()));
                    }
                    break;
                case TotalSum total:
                    var at = IndexOf(rows, total.Into);
                    var parts = Enumerable.Range(0, rows.Count).Where(i => rows[i].Kind == total.Of).ToList();
                    foreach (var column in total.Columns ?? schema.Columns.Select(c => c.Key).ToList())
                        result.Add(new Relation(total, total.Into, new CellAt(at, column), parts.Select(p => new CellAt(p, column)).ToList()));
                    break;
                case LineSum line:
                    result.Add(new Relation(line, line.Line, new CellAt(IndexOf(rows, line.Line), line.Column),
                        line.Of.Select(p => new CellAt(IndexOf(rows, p), line.Column)).ToList()));
                    break;
                case SidesEqual equal:
                    result.Add(new Relation(equal, equal.Left, new CellAt(IndexOf(rows, equal.Left), equal.LeftColumn),
                        [new CellAt(IndexOf(rows, equal.Right), equal.RightColumn)]));
                    break;
            }
        }
        return result;
    }

    public static IReadOnlyList<Relation> Relations(this TableSchema schema, BudgetTable table, string? rule = null) =>
        schema.Relations(table.Rows.Select(RowShape.Of).ToList(), rule);

    /// <summary>
    /// The relations of the schema's identities that the rows break beyond rounding, as the checks
    /// count it (docs/checks.md): a sum further from its printed total than 0.01 × ⌈n/2⌉ for its n
    /// non-blank parts, or two figures that should be equal and are not. Each with its figures and its
    /// words, e.g. for an import that must not store such a table as read (issue 13).
    /// </summary>
    public static IReadOnlyList<BrokenRelation> Broken(this TableSchema schema, BudgetTable table)
    {
        var rows = table.Rows; // sorted anew on each read: read once, the relations index into it
        var broken = new List<BrokenRelation>();
        foreach (var relation in schema.Relations(rows.Select(RowShape.Of).ToList()))
        {
            decimal At(CellAt cell) => cell.Row < 0 ? 0m : rows[cell.Row].Amount(cell.Column);
            var total = At(relation.Target);
            var parts = relation.Parts.Select(At).ToList();
            var holds = relation.Identity is SidesEqual
                ? total == parts[0]
                : Math.Abs(total - parts.Sum()) <= Rounding.Tolerance(parts.Count(p => p != 0m));
            if (!holds) broken.Add(new BrokenRelation(relation, relation.Words(schema, rows), total, parts.Sum()));
        }
        return broken;
    }

    /// <summary>How a relation is named in a message: where it is, the figure it concerns and its parts (IdentityRules, the import).</summary>
    public static (string Where, string Says, string Parts) Words(this Relation relation, TableSchema schema, IReadOnlyList<TableRow> rows)
    {
        var target = relation.Target;
        var row = target.Row < 0 ? null : rows[target.Row];
        string Text(string template) => template
            .Replace("{n}", schema.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{row}", row is null ? schema.RowLabel(relation.Row) : schema.RowLabel(row), StringComparison.Ordinal)
            .Replace("{column}", schema.Column(target.Column).Header, StringComparison.Ordinal)
            .Replace("{children}", row?.Kind == RowKind.Class ? "项" : "款", StringComparison.Ordinal);
        var identity = relation.Identity;
        return (Text(identity.Where), Text(identity.Says), Text(identity.Parts));
    }

    /// <summary>
    /// The derived cells of the rows and how each is computed, in an order where every part is computed
    /// before the cell that sums it. A cell is derived when a present row has it as the sum of parts at
    /// least one of which is present: vertical sums (款 from 项, 总计 from 类, lines from their 其中 lines)
    /// before a row's own sum of columns. Everything else is a leaf, kept as given.
    /// </summary>
    public static IReadOnlyList<Relation> Derivations(this TableSchema schema, IReadOnlyList<RowShape> rows)
    {
        static int Priority(TableIdentity i) => i switch { TreeSum => 0, TotalSum => 1, LineSum => 2, SidesEqual => 3, _ => 4 };
        // Cells are numbered row by row (CellSlots): a table of thousands of rows is ordered in arrays, not dictionaries.
        var slots = new CellSlots(schema, rows.Count);
        var byCell = new Relation?[slots.Count];
        var found = new List<int>();
        foreach (var relation in schema.Relations(rows).OrderBy(r => Priority(r.Identity)))
        {
            if (relation.Target.Row < 0 || relation.Identity is SidesEqual { Derives: false }) continue;
            var slot = slots.Of(relation.Target);
            if (byCell[slot] is not null || relation.Parts.All(p => p.Row < 0)) continue;
            byCell[slot] = relation;
            found.Add(slot);
        }
        // Parts first (depth-first); an identity that would make a cell its own part is left out.
        var ordered = new List<Relation>();
        var state = new byte[slots.Count]; // 1: visiting, 2: done
        void Visit(int slot)
        {
            if (byCell[slot] is not { } relation || state[slot] == 2) return;
            if (state[slot] == 1) { byCell[slot] = null; return; }
            state[slot] = 1;
            foreach (var part in relation.Parts)
                if (part.Row >= 0) Visit(slots.Of(part));
            state[slot] = 2;
            if (byCell[slot] is not null) ordered.Add(relation);
        }
        foreach (var slot in found) Visit(slot);
        return ordered;
    }

    /// <summary>Whether a cell of the rows is computed from others (and so need not be typed).</summary>
    public static bool IsDerived(this TableSchema schema, IReadOnlyList<RowShape> rows, int row, string column) =>
        schema.Derivations(rows).Any(d => d.Target == new CellAt(row, column));

    /// <summary>
    /// Fills every derived cell of the table's rows from its leaves (a blank part is zero); leaves are
    /// left as they are. The table's rows keep their order and identity.
    /// </summary>
    public static void Fill(this TableSchema schema, BudgetTable table)
    {
        var rows = table.Rows;
        var slots = new CellSlots(schema, rows.Count);
        var cells = new decimal[slots.Count];
        for (var i = 0; i < rows.Count; i++)
            foreach (var cell in rows[i].Cells)
                if (slots.Has(cell.Column)) cells[slots.Of(new CellAt(i, cell.Column))] = cell.Amount;
        var derivations = schema.Derivations(rows.Select(RowShape.Of).ToList());
        foreach (var d in derivations)
        {
            var sum = 0m;
            foreach (var part in d.Parts)
                if (part.Row >= 0) sum += cells[slots.Of(part)];
            cells[slots.Of(d.Target)] = sum;
        }
        foreach (var d in derivations)
            rows[d.Target.Row].Set(d.Target.Column, cells[slots.Of(d.Target)]);
    }

    /// <summary>The cells of a table's rows numbered row by row, column by column in the schema's order.</summary>
    private sealed class CellSlots
    {
        private readonly Dictionary<string, int> _columns;

        public CellSlots(TableSchema schema, int rows)
        {
            _columns = schema.Columns.Select((c, i) => (c.Key, i)).ToDictionary(c => c.Key, c => c.i, StringComparer.Ordinal);
            Count = rows * _columns.Count;
        }

        public int Count { get; }
        public bool Has(string column) => _columns.ContainsKey(column);
        public int Of(CellAt cell) => cell.Row * _columns.Count + _columns[cell.Column];
    }

    /// <summary>
    /// A table from its leaves: the rows given (copied), the total row, the department's row (表7, 表11: named
    /// <paramref name="department"/>), the summed lines and the 类/款 it lacks (above 项 and, in 表7, above
    /// projects; named by <paramref name="nameOf"/>, e.g. the year's catalog), and every derived cell filled.
    /// </summary>
    public static BudgetTable Derive(this TableSchema schema, BudgetTable leaves, Func<string, string?>? nameOf = null, string? department = null)
    {
        var rows = leaves.Rows.Select(r => r.Copy()).ToList();
        var ids = rows.Select(r => RowId.Of(r, 0)).ToHashSet();
        // Until no row is added: a line added as the sum of its 其中 lines is itself a part of the line above it.
        for (var count = -1; count != rows.Count;)
        {
            count = rows.Count;
            foreach (var identity in schema.Identities)
                foreach (var (id, create) in Needed(schema, identity, rows, ids, nameOf, department))
                    if (ids.Add(id)) rows.Add(create());
        }
        var table = new BudgetTable(leaves.Kind, Order(schema, rows), leaves.EmptyText);
        schema.Fill(table);
        return table;
    }

    /// <summary>
    /// The rows an identity sums into that the table should have: the total or the department's row, a
    /// summed line, the 类 and 款 above a 项 (and above a project where projects are parts of the tree).
    /// </summary>
    private static IEnumerable<(RowId Id, Func<TableRow> Create)> Needed(TableSchema schema, TableIdentity identity, List<TableRow> rows,
        HashSet<RowId> ids, Func<string, string?>? nameOf, string? department)
    {
        switch (identity)
        {
            case TotalSum total when rows.Count > 0:
                yield return (total.Into, () => total.Into.Kind == RowKind.Department
                    ? new TableRow(RowKind.Department, name: department)
                    : new TableRow(total.Into.Kind));
                break;
            case LineSum line when line.Of.Any(ids.Contains):
                yield return (line.Line, () => line.Line.IsTotal ? new TableRow(RowKind.Total) : new TableRow(RowKind.Fixed, key: line.Line.Value));
                break;
            case TreeSum tree:
                foreach (var code in rows.Where(r => r.Code is { Length: > 3 } && (tree.Projects || r.Kind != RowKind.Project)).Select(r => r.Code!).ToList())
                    for (var length = 3; length < code.Length; length += 2)
                        if (schema.KindOfCode(code[..length]) is { } kind)
                        {
                            var parent = code[..length];
                            yield return (RowId.Code(parent), () => new TableRow(kind, parent, nameOf?.Invoke(parent)));
                        }
                break;
        }
    }

    /// <summary>Rows in printed order: fixed lines in the schema's order, codes in code order (a project after its 项), the total first (last in 表1/表4).</summary>
    private static IEnumerable<TableRow> Order(TableSchema schema, List<TableRow> rows)
    {
        var fixedOrder = schema.FixedRows.Select((f, i) => (f.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var totalLast = schema.Layout == TableLayout.TwoSided;
        return rows.Select((r, i) => (r, i)).OrderBy(x => x.r.Kind switch
            {
                RowKind.Total => totalLast ? 4 : 0,
                RowKind.Department => 1,
                RowKind.Fixed => 2,
                _ => 3,
            })
            .ThenBy(x => x.r.Kind == RowKind.Fixed ? fixedOrder.GetValueOrDefault(x.r.Key!, int.MaxValue) : 0)
            .ThenBy(x => x.r.Code ?? "", StringComparer.Ordinal)
            .ThenBy(x => x.r.Kind == RowKind.Project ? 1 : 0)
            .ThenBy(x => x.i)
            .Select(x => x.r);
    }

    private static bool SameRows(IReadOnlyList<RowKind>? a, IReadOnlyList<RowKind>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);

    /// <summary>The rows a row sum holds in: every fixed line of the schema in 表10, else the present rows of the kinds.</summary>
    private static IEnumerable<(int Index, RowId Id)> RowsFor(TableSchema schema, IReadOnlyList<RowShape> rows, IReadOnlyList<RowKind>? kinds)
    {
        if (schema.Layout == TableLayout.FixedRows)
        {
            foreach (var line in schema.FixedRows)
                yield return (IndexOf(rows, RowId.Fixed(line.Key)), RowId.Fixed(line.Key));
            yield break;
        }
        var projects = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Kind == RowKind.Project) projects++;
            if (kinds is null || kinds.Contains(rows[i].Kind))
                yield return (i, RowId.Of(rows[i].Kind, rows[i].Key, rows[i].Code, projectIndex: projects));
        }
    }

    /// <summary>
    /// The 款 of a 类 or the 项 of a 款 (functional or economic), in order; with projects, also the
    /// projects whose nearest 类 or 款 it is.
    /// </summary>
    public static IReadOnlyList<int> Children(IReadOnlyList<RowShape> rows, int parent, bool projects = false) =>
        new CodeTree(rows, projects).Children(parent);

    /// <summary>
    /// The 类/款/项 tree of a table's rows, read once: each coded row's children (the rows one level below
    /// it; with projects, the projects whose nearest row above is it). Looking the parents up by code keeps
    /// a table of thousands of rows and projects linear.
    /// </summary>
    private sealed class CodeTree
    {
        private readonly Dictionary<int, List<int>> _children = [];

        public CodeTree(IReadOnlyList<RowShape> rows, bool projects)
        {
            var byCode = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < rows.Count; i++)
                if (rows[i].Kind != RowKind.Project && rows[i].Code is { } code)
                    (byCode.TryGetValue(code, out var list) ? list : byCode[code] = []).Add(i);
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Code is not { } code) continue;
                if (rows[i].Kind != RowKind.Project)
                {
                    // A 款 is a child of its 类, a 项 of its 款: the code two digits shorter.
                    if (code.Length > 2 && byCode.TryGetValue(code[..^2], out var parents)) Add(parents, i);
                }
                else if (projects)
                {
                    // A project belongs to the nearest row above its 项 (its 款, else its 类); to none when its 项 has a row.
                    for (var length = code.Length; length > 0; length--)
                        if (byCode.TryGetValue(code[..length], out var nearest))
                        {
                            if (length < code.Length) Add(nearest, i);
                            break;
                        }
                }
            }
        }

        private void Add(List<int> parents, int child)
        {
            foreach (var parent in parents)
                (_children.TryGetValue(parent, out var list) ? list : _children[parent] = []).Add(child);
        }

        public IReadOnlyList<int> Children(int parent) => _children.TryGetValue(parent, out var list) ? list : [];
    }

    private static int IndexOf(IReadOnlyList<RowShape> rows, RowId id)
    {
        for (var i = 0; i < rows.Count; i++)
            if (id.Kind switch
                {
                    RowKind.Total => rows[i].Kind == RowKind.Total,
                    RowKind.Fixed => rows[i].Kind == RowKind.Fixed && rows[i].Key == id.Value,
                    RowKind.Department => rows[i].Kind == RowKind.Department,
                    RowKind.Project => false,
                    _ => rows[i].Kind != RowKind.Project && rows[i].Code == id.Value,
                })
                return i;
        return -1;
    }
}
