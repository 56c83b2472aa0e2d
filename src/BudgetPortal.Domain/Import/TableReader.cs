using System.Globalization;
using System.Text.RegularExpressions;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// Reads 第二部分: finds each table by its `表 N` line and title, drops the header rows (and the
/// header repeated on a following page), rebuilds the rows (codes, wrapped names, department and
/// project rows) and places the values in their columns (<see cref="CellPlacement"/>).
/// </summary>
public static partial class TableReader
{
    // Read order: the tables that give hints to others first (表1 → 表2, 表4; 表4 → 表10; 表1 → 表11).
    private static readonly int[] Order = [1, 4, 2, 3, 5, 6, 7, 8, 9, 10, 11];

    public static void ReadAll(List<SourceLine> lines, ImportContext ctx)
    {
        lines = lines.Select(Tidy).ToList();
        var starts = new List<(int Number, int At)>();
        for (var i = 0; i < lines.Count; i++)
            if (TableStart().Match(lines[i].Text) is { Success: true } m)
                starts.Add((int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), i));
        var bodies = new Dictionary<int, List<SourceLine>>();
        for (var k = 0; k < starts.Count; k++)
        {
            var end = k + 1 < starts.Count ? starts[k + 1].At : lines.Count;
            if (starts[k].Number is >= 1 and <= 11 && !bodies.ContainsKey(starts[k].Number))
                bodies[starts[k].Number] = lines.Skip(starts[k].At + 1).Take(end - starts[k].At - 1).ToList();
        }
        foreach (var n in Order)
        {
            if (!bodies.TryGetValue(n, out var body)) continue;
            var schema = TableSchemas.For((TableKind)n, ctx.Year);
            var part = $"表{n}";
            if (body.Count == 0 || Squash(body[0].Text) != Squash(schema.Title))
            {
                ctx.Report.Fail(part, $"表{n} 的标题应为“{schema.Title}”。", body.Take(1).Select(l => l.ToString()));
                continue;
            }
            try
            {
                var table = Read(schema, body.Skip(1).ToList(), ctx, part);
                // A table whose figures break its own identities beyond rounding is not stored as read: a
                // row lost or a value misplaced leaves exactly that trace, and the import cannot tell it
                // from a printing error (which the checks would refuse to publish anyway). Rounding gaps
                // as printed (seeds 001, 003) are within the tolerance and stay (decision 0006).
                if (table is not null && schema.Broken(table.ToTable(schema)) is { Count: > 0 } broken)
                {
                    ctx.Report.Fail(part, $"读出的数不满足本表的勾稽关系（超出舍入允许范围），可能有行漏读或读错，留待对照原文填写：{string.Join("；", broken.Take(3))}"
                                          + (broken.Count > 3 ? $" 等 {broken.Count} 处" : ""), body.Select(l => l.ToString()));
                    continue;
                }
                if (table is not null)
                {
                    ctx.Tables[n.ToString(CultureInfo.InvariantCulture)] = table;
                    ctx.Report.Recognise(part, table.EmptyText is not null ? $"{schema.Title}：空表" : $"{schema.Title}：{table.Rows.Count} 行");
                }
            }
            catch (DomainException e)
            {
                if (!ctx.Report.FailedParts.Contains(part)) ctx.Report.Fail(part, e.Message);
            }
        }
    }

    /// <summary>
    /// A row as the readers take it, whatever the extraction did to its numbers and codes: spaces
    /// inside an amount taken out (`141 .10`), a code printed whole or in other groups (`2013199`,
    /// `20131 99`) printed as 类 款 项 (`201 31 99`).
    /// </summary>
    private static SourceLine Tidy(SourceLine line)
    {
        if (line.Tabbed) return line;
        var text = Prose.JoinNumbers(line.Text);
        if (LeadingDigits().Match(text) is { Success: true } m)
        {
            var digits = m.Value.Replace(" ", "");
            if (digits.Length is 5 or 7 && digits[0] is '2' or '3' or '5')
                text = string.Join(' ', new[] { digits[..3], digits[3..5], digits.Length == 7 ? digits[5..] : null }.OfType<string>()) + text[m.Length..];
        }
        return text == line.Text ? line : line with { Text = text };
    }

    private static TableDoc? Read(TableSchema schema, List<SourceLine> body, ImportContext ctx, string part)
    {
        // The empty-table sentence.
        // The empty-table sentence (“…没有…为空表。”), wrapped over any number of lines: all that follows the header's ※ row.
        var star = body.FindLastIndex(l => l.Text.StartsWith('※'));
        var tail = body.Skip(star + 1).Where(l => (!l.Tabbed || l.Cells!.Count(c => c.Length > 0) == 1) && !(SourceText.IsPageNumber(l.Text) && l.Text.Length <= 2)).ToList();
        var sentence = string.Concat(tail.Where(l => !l.Text.StartsWith("编制部门", StringComparison.Ordinal)).Select(l => l.Text));
        if (tail.Count > 0 && sentence.Contains("没有") && sentence.EndsWith("为空表。", StringComparison.Ordinal) && !tail.Any(l => l.Text.Split(' ').Any(Prose.IsAmount)))
            return new TableDoc { Rows = [], EmptyText = sentence };

        var data = DataLines(schema, body)
                   ?? throw Unreadable(part, schema.NumberingRow is null ? "找不到表头下的数据行" : "找不到表头的编号行（※ 1 2 3 …），读不出数据行", body.Select(l => l.ToString()), ctx);
        if (data.Count == 0) throw Unreadable(part, "表中没有数据行，也没有空表说明", body.Select(l => l.ToString()), ctx);
        return schema.Layout switch
        {
            TableLayout.TwoSided => ReadTwoSided(schema, data, ctx, part),
            TableLayout.FixedRows => ReadFixed(schema, data, ctx, part),
            _ => ReadTree(schema, data, ctx, part),
        };
    }

    /// <summary>
    /// The data lines: the header rows dropped, and page numbers. A header repeated after a page break
    /// (from its 编制部门 line) is dropped as long as its lines follow the first header's line for line;
    /// the first line that does not is data. No row is ever dropped as header: a row lost there shifts
    /// nothing visibly, and short header pieces (支出, 助) are also pieces of wrapped names.
    /// </summary>
    private static List<SourceLine>? DataLines(TableSchema schema, List<SourceLine> body)
    {
        var seenData = false;
        var result = new List<SourceLine>();
        var header = new List<string>();
        var repeat = -1; // within a repeated header: the index of the header line expected next
        foreach (var line in body)
        {
            var t = line.Text;
            if (SourceText.IsPageNumber(t) && t.Length <= 2) continue;
            if (t.StartsWith("编制部门", StringComparison.Ordinal)) { repeat = seenData ? 0 : -1; continue; }
            if (t.StartsWith("单位：", StringComparison.Ordinal)) continue;
            if (!seenData)
            {
                // Numbered tables: the header ends at its ※ row; 表1/表4: at the first income line or 类.
                if (schema.NumberingRow is not null || !LooksLikeTwoSidedData(schema, t))
                {
                    header.Add(Squash(t));
                    seenData = schema.NumberingRow is not null && t.StartsWith('※');
                    continue;
                }
                seenData = true;
            }
            else if (repeat >= 0)
            {
                if (repeat < header.Count && Squash(t) == header[repeat])
                {
                    repeat = repeat + 1 == header.Count ? -1 : repeat + 1;
                    continue;
                }
                repeat = -1;
            }
            result.Add(line);
        }
        return seenData ? result : null;
    }

    private static bool LooksLikeTwoSidedData(TableSchema schema, string t)
    {
        var s = Label(t);
        return schema.FixedRows.Any(f => s.StartsWith(Label(f.Label), StringComparison.Ordinal)) || CategoryStart().IsMatch(t)
               || s.StartsWith("收入总计", StringComparison.Ordinal);
    }

    // ---- 表1 and 表4: income lines beside the 类 list --------------------------------------------

    private static TableDoc ReadTwoSided(TableSchema schema, List<SourceLine> data, ImportContext ctx, string part)
    {
        // The expenditure side's columns: 表1 has one; 表4 has 合计 and the three budgets.
        var keys = schema.Columns.Select(c => c.Key).Where(k => !schema.IncomeColumns.Contains(k)).ToArray();
        var single = keys.Length == 1;
        var fixedRows = new List<RowDoc>();
        var categories = new List<(RawRow Row, string Name)>();
        RowDoc? total = null;
        RawRow? totalRaw = null;
        var nextFixed = 0;
        var unread = new List<string>();

        foreach (var line in data)
        {
            var squashed = Squash(line.Text);
            if (squashed.StartsWith("收入总计", StringComparison.Ordinal))
            {
                var tokens = TotalWords().Replace(line.Text, m => Squash(m.Value)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var expenditureAt = Array.IndexOf(tokens, "支出总计");
                if (tokens.Length < 3 || tokens[0] != "收入总计" || expenditureAt < 1 || Prose.Amount(tokens[1]) is not { } incomeTotal
                    || tokens.Skip(expenditureAt + 1).Any(x => !Prose.IsAmount(x)))
                { unread.Add(line.ToString()); continue; }
                total = new RowDoc { Kind = "total" };
                total.Cells[ColumnKeys.Income] = incomeTotal;
                totalRaw = new RawRow { Label = "支出总计" };
                totalRaw.Lines.Add(line);
                foreach (var v in tokens.Skip(expenditureAt + 1)) totalRaw.Values.Add(Prose.Amount(v)!.Value);
                if (line.Tabbed) totalRaw.Columns = TabbedTotalColumns(line, single);
                continue;
            }

            string income; string? incomeValue; string? code = null; string? name = null; List<string> values = [];
            List<int>? columns = null;
            if (line.Tabbed)
            {
                var c = line.Cells!;
                income = c.ElementAtOrDefault(0) ?? "";
                incomeValue = c.ElementAtOrDefault(1) is { Length: > 0 } iv ? iv : null;
                var right = c.ElementAtOrDefault(2) ?? "";
                if (CategoryStart().Match(right) is { Success: true } cm) { code = cm.Groups[1].Value; name = right[cm.Length..].Trim(); }
                columns = [];
                for (var k = 3; k < c.Count && k < 3 + keys.Length; k++)
                    if (c[k].Length > 0) { values.Add(c[k]); columns.Add(k - 3); }
            }
            else
            {
                var tokens = line.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                var k = 0;
                var label = new List<string>();
                while (k < tokens.Count && !Prose.IsAmount(tokens[k]) && !CategoryCode().IsMatch(tokens[k])) label.Add(tokens[k++]);
                income = string.Concat(label);
                incomeValue = k < tokens.Count && Prose.IsAmount(tokens[k]) ? tokens[k++] : null;
                if (k < tokens.Count && CategoryCode().IsMatch(tokens[k]))
                {
                    code = tokens[k++];
                    var nameParts = new List<string>();
                    while (k < tokens.Count && !Prose.IsAmount(tokens[k])) nameParts.Add(tokens[k++]);
                    name = string.Concat(nameParts);
                }
                while (k < tokens.Count && Prose.IsAmount(tokens[k])) values.Add(tokens[k++]);
                if (k < tokens.Count) { unread.Add(line.ToString()); continue; }
            }

            if (income.Length > 0)
            {
                var label = Label(income);
                var at = -1;
                for (var f = nextFixed; f < schema.FixedRows.Count; f++)
                    if (Label(schema.FixedRows[f].Label) == label) { at = f; break; }
                if (at < 0) { unread.Add(line.ToString()); continue; }
                nextFixed = at + 1;
                if (incomeValue is not null)
                    fixedRows.Add(new RowDoc { Kind = "fixed", Key = schema.FixedRows[at].Key, Cells = { [ColumnKeys.Income] = Prose.Amount(incomeValue)!.Value } });
            }
            else if (incomeValue is not null) { unread.Add(line.ToString()); continue; }

            if (code is not null)
            {
                // A 类 the layout does not list (a new 类, another department's) is read as printed, and said.
                if (ctx.CategoryName(code) is not { } standard)
                    ctx.Report.Recognise(part, $"科目编码 {code} 不在 {ctx.Year} 年的分类目录中，按印出的名称“{name}”读取");
                else if (Squash(name ?? "") != Squash(standard))
                    ctx.Report.Recognise(part, $"{code} 的名称印为“{name}”，标准为“{standard}”");
                if (values.Count > 0)
                {
                    var raw = new RawRow { Code = code, Label = name ?? "", Columns = columns };
                    raw.Lines.Add(line);
                    raw.Values.AddRange(values.Select(v => Prose.Amount(v)!.Value));
                    categories.Add((raw, name ?? ""));
                }
            }
            else if (values.Count > 0) { unread.Add(line.ToString()); }
        }

        if (unread.Count > 0)
            throw Unreadable(part, "这些行读不出收入项或支出类", unread, ctx);
        if (total is null || totalRaw is null)
            throw new DomainException($"{part}：找不到“收入总计 … 支出总计 …”行。");

        var rows = categories.Select(c => c.Row).ToList();
        foreach (var r in rows) r.Parent = rows.Count; // the total row comes last
        rows.Add(totalRaw);
        var allowedFunds = single ? null : FundsFromTable1(ctx);
        var placement = new CellPlacement
        {
            ColumnCount = keys.Length,
            RowHolds = RowHolds(schema, keys),
            Allowed = (_, c) => c == 0 || allowedFunds is null || allowedFunds[c - 1],
        };
        var placed = Apply(placement, rows, part, ctx);
        var result = new TableDoc();
        result.Rows.AddRange(fixedRows);
        for (var i = 0; i < categories.Count; i++)
        {
            var row = new RowDoc { Code = categories[i].Row.Code, Name = categories[i].Name };
            Fill(row, placed[i], keys);
            result.Rows.Add(row);
        }
        Fill(total, placed[^1], keys);
        result.Rows.Add(total);
        return result;
    }

    private static List<int>? TabbedTotalColumns(SourceLine line, bool singleColumn)
    {
        // 收入总计 | X | 支出总计 | Y [| Z | …]
        var c = line.Cells!;
        var columns = new List<int>();
        for (var k = 3; k < c.Count; k++) if (c[k].Length > 0) columns.Add(k - 3);
        return singleColumn ? [0] : columns;
    }

    /// <summary>Which of 表4's three budgets have money, by 表1's income lines (D4); null when 表1 is unknown.</summary>
    private static bool[]? FundsFromTable1(ImportContext ctx)
    {
        if (ctx.Table(1) is not { } t1) return null;
        return [IncomeLine(t1, "generalBudget") != 0m, IncomeLine(t1, "govFund") != 0m, IncomeLine(t1, "stateCapital") != 0m];
    }

    // ---- 表10: fixed items -------------------------------------------------------------------

    private static TableDoc ReadFixed(TableSchema schema, List<SourceLine> data, ImportContext ctx, string part)
    {
        var rows = new List<(RawRow Row, string Key)>();
        var unread = new List<string>();
        var next = 0;
        foreach (var line in data)
        {
            var (label, values, columns) = Split(line, 1);
            var at = -1;
            for (var f = next; f < schema.FixedRows.Count; f++)
                if (Label(schema.FixedRows[f].Label) == Label(label)) { at = f; break; }
            if (at < 0) { unread.Add(line.ToString()); continue; }
            next = at + 1;
            if (values.Count == 0) continue;
            var raw = new RawRow { Label = schema.FixedRows[at].Label, Columns = columns };
            raw.Values.AddRange(values);
            raw.Lines.Add(line);
            rows.Add((raw, schema.FixedRows[at].Key));
        }
        if (unread.Count > 0) throw Unreadable(part, "这些行不是“三公”经费表的固定行", unread, ctx);

        // A line's parent is the line the schema sums it into (合计 → 出国、接待、车辆小计；车辆小计 → 购置、运行).
        int Find(string key) => rows.FindIndex(r => r.Key == key);
        foreach (var (row, key) in rows)
            row.Parent = schema.Identities.OfType<LineSum>().FirstOrDefault(l => l.Of.Contains(RowId.Fixed(key))) is { } sum
                         && Find(sum.Line.Value!) is >= 0 and var parent ? parent : null;
        var funds = ctx.Table(4)?.Rows.FirstOrDefault(r => r.Kind == "total") is { } t4
            ? new[] { t4.Cells.ContainsKey("generalBudget"), t4.Cells.ContainsKey("govFund"), t4.Cells.ContainsKey("stateCapital") }
            : null;
        var keys = schema.Columns.Select(c => c.Key).ToArray();
        var placement = new CellPlacement
        {
            ColumnCount = keys.Length,
            RowHolds = RowHolds(schema, keys),
            Allowed = (_, c) => c == 0 || funds is null || funds[c - 1],
        };
        var placed = Apply(placement, rows.Select(r => r.Row).ToList(), part, ctx);
        var result = new TableDoc();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = new RowDoc { Kind = "fixed", Key = rows[i].Key };
            Fill(row, placed[i], keys);
            result.Rows.Add(row);
        }
        return result;
    }

    // ---- 表2, 3, 5, 6, 7, 8, 9, 11: 总计, then a tree of codes (or the department and its projects) ----

    private static TableDoc ReadTree(TableSchema schema, List<SourceLine> data, ImportContext ctx, string part)
    {
        var kind = schema.Kind;
        var labelCells = schema.NumberingRow?.Count(s => s == "※") ?? 1;
        var raws = new List<RawRow>();
        var unread = new List<string>();
        RawRow? current = null;
        var complete = true;

        foreach (var line in data)
        {
            if (line.Tabbed)
            {
                var cells = line.Cells!;
                var r = new RawRow { Columns = [] };
                var codeCells = schema.CodeColumnCount;
                r.Code = ClassificationCode.Normalize(string.Concat(cells.Take(codeCells)));
                r.Label = string.Join("\u0001", cells.Skip(codeCells).Take(labelCells - codeCells).Where(c => c.Length > 0));
                for (var k = labelCells; k < cells.Count; k++)
                {
                    if (cells[k].Length == 0) continue;
                    if (Prose.Amount(cells[k]) is not { } v) { unread.Add(line.ToString()); break; }
                    r.Values.Add(v);
                    r.Columns.Add(k - labelCells);
                }
                r.Lines.Add(line);
                raws.Add(r);
                continue;
            }

            var m = CodePrefix().Match(line.Text);
            string? code = null;
            var rest = line.Text;
            if (m.Success && kind != TableKind.Carryover)
            {
                code = string.Concat(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
                rest = line.Text[m.Length..].Trim();
            }
            var tokens = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            var values = new List<decimal>();
            while (tokens.Count > 0 && Prose.IsAmount(tokens[^1])) { values.Insert(0, Prose.Amount(tokens[^1])!.Value); tokens.RemoveAt(tokens.Count - 1); }
            if (tokens.Any(Prose.IsAmount)) { unread.Add(line.ToString()); continue; }
            var label = string.Join("\u0001", tokens);
            var startsRow = code is not null || IsTotal(label) || current is null || complete;
            if (startsRow)
            {
                if (current is not null && !complete) unread.AddRange(current.Lines.Select(l => l.ToString()));
                current = new RawRow { Code = code };
                raws.Add(current);
                complete = false;
            }
            current!.Label = current.Label.Length == 0 ? label : label.Length == 0 ? current.Label : current.Label + "\u0002" + label;
            current.Values.AddRange(values);
            current.Lines.Add(line);
            if (values.Count > 0) complete = true;
        }
        if (current is not null && !complete) unread.AddRange(current.Lines.Select(l => l.ToString()));
        if (unread.Count > 0) throw Unreadable(part, "这些行读不出科目和数值", unread, ctx);

        // What each row is.
        var rows = new List<(RawRow Raw, RowDoc Doc)>();
        foreach (var r in raws)
        {
            var doc = new RowDoc();
            var label = r.Label.Replace("\u0002", "");
            var plain = label.Replace("\u0001", "");
            if (r.Code is null && IsTotal(plain))
            {
                doc.Kind = "total";
                r.Label = "总计";
            }
            else if (r.Code is null && (kind is TableKind.GeneralBudgetProjects or TableKind.Carryover) && Squash(plain) == Squash(ctx.Department))
            {
                doc.Kind = "department";
                doc.Name = plain;
                r.Label = plain;
            }
            else if (r.Code is null && kind == TableKind.Carryover)
            {
                doc.Kind = "project";
                doc.Project = plain;
                r.Label = plain;
            }
            else if (r.Code is { } code)
            {
                doc.Code = code;
                var known = ctx.Catalog.Name(schema.CodeScheme, ctx.Year, code);
                if (known is null && !ctx.Catalog.IsEmpty)
                    ctx.Report.Recognise(part, $"科目编码 {ClassificationCode.Printed(code)} 不在 {ctx.Year} 年的分类目录中");
                if (kind == TableKind.GeneralBudgetProjects && code.Length == 7)
                {
                    doc.Kind = "project";
                    // The 项's name as 表5 (or 表3) prints it, else the catalog's, tells where the project name starts.
                    var printed = new[] { TableKind.GeneralBudget, TableKind.Expenditure }.Select(t => ctx.Table((int)t)?.Rows.FirstOrDefault(x => x.Code == code)?.Name).FirstOrDefault(n => n is not null);
                    (doc.Name, doc.Project) = SplitProject(r.Label, printed is not null && Squash(r.Label).StartsWith(Squash(printed), StringComparison.Ordinal) ? printed : known);
                    if (doc.Project.Length == 0) throw Unreadable(part, $"{ClassificationCode.Printed(code)} 行读不出项目名称", r.Lines.Select(l => l.ToString()), ctx);
                }
                else
                {
                    doc.Name = plain;
                    if (known is not null && Squash(known) != Squash(plain))
                        ctx.Report.Recognise(part, $"{ClassificationCode.Printed(code)} 的名称印为“{plain}”，目录为“{known}”");
                }
                r.Label = doc.Name!;
            }
            else throw Unreadable(part, "这一行既没有科目编码，也不是总计、部门或项目行", r.Lines.Select(l => l.ToString()), ctx);
            rows.Add((r, doc));
        }

        // The tree: 总计 → (部门 →) 类 → 款 → 项; 表11: 总计 → 部门 → 项目.
        var totalAt = rows.FindIndex(x => x.Doc.Kind == "total");
        var departmentAt = rows.FindIndex(x => x.Doc.Kind == "department");
        for (var i = 0; i < rows.Count; i++)
        {
            var (raw, doc) = rows[i];
            if (doc.Kind == "total") continue;
            if (doc.Kind == "department") { raw.Parent = totalAt >= 0 ? totalAt : null; continue; }
            var top = departmentAt >= 0 ? departmentAt : totalAt;
            int? parent = top >= 0 ? top : null;
            if (doc.Code is { Length: > 3 } c)
            {
                for (var j = i - 1; j >= 0; j--)
                    if (rows[j].Doc.Code is { } pc && pc.Length < c.Length && c.StartsWith(pc, StringComparison.Ordinal)
                        && rows[j].Doc.Kind != "project")
                    { parent = j; break; }
            }
            raw.Parent = parent;
        }

        var keys = schema.Columns.Select(c => c.Key).ToArray();
        var placement = Placement(schema, keys, rows.Select(r => r.Raw).ToList(), ctx);
        var placed = Apply(placement, rows.Select(r => r.Raw).ToList(), part, ctx);
        var result = new TableDoc();
        for (var i = 0; i < rows.Count; i++)
        {
            Fill(rows[i].Doc, placed[i], keys);
            result.Rows.Add(rows[i].Doc);
        }
        if (rows.Count == 0) throw new DomainException($"{part}：没有数据行，也没有空表说明。");
        return result;
    }

    /// <summary>
    /// Whether values placed in the columns satisfy the row's own identities (the schema's row sums:
    /// 合计 = 基本支出 + 项目支出 …), each within the rounding of its parts; the first column is never blank.
    /// </summary>
    private static Func<decimal?[], bool> RowHolds(TableSchema schema, string[] keys)
    {
        var sums = schema.Identities.OfType<RowSum>().Where(s => keys.Contains(s.Column))
            .Select(s => (Total: Array.IndexOf(keys, s.Column), Parts: s.Of.Select(c => Array.IndexOf(keys, c)).ToArray())).Distinct().ToList();
        return v => v[0] is not null && sums.All(s => CellPlacement.SumHolds(v, s.Total, s.Parts));
    }

    private static CellPlacement Placement(TableSchema schema, string[] keys, List<RawRow> rows, ImportContext ctx)
    {
        var holds = RowHolds(schema, keys);
        switch (schema.Kind)
        {
            case TableKind.Income:
            {
                // Only the columns 表1 has income for (B4).
                var allowed = Table2Columns(ctx, keys);
                return new CellPlacement { ColumnCount = keys.Length, RowHolds = holds, Allowed = (_, c) => allowed is null || allowed[c] };
            }
            case TableKind.GeneralBudgetBasic:
                return new CellPlacement
                {
                    ColumnCount = keys.Length,
                    RowHolds = holds,
                    MayPrefer = true,
                    // 人员经费 = 301 + 303, 公用经费 = 302 (F3, F4).
                    Preference = (r, c) => c == 0 ? 0 : (r.Code?.StartsWith("302", StringComparison.Ordinal) == true) == (c == 2) ? 0 : 5,
                };
            case TableKind.GeneralBudgetProjects:
            {
                // Project money is mostly 商品和服务支出, then 资本性支出 (spec §2 observed lines).
                var usual = new[] { "total", "goodsServices", "capital", "wages", "householdSubsidies", "capitalConstruction", "other" };
                return new CellPlacement
                {
                    ColumnCount = keys.Length,
                    RowHolds = holds,
                    MayPrefer = true,
                    Preference = (_, c) => Array.IndexOf(usual, keys[c]) is >= 0 and var p ? p : 10 + c,
                };
            }
            case TableKind.Carryover:
            {
                var t1 = ctx.Table(1);
                bool[]? side = t1 is null ? null : [IncomeLine(t1, "fiscalCarryover") != 0m, IncomeLine(t1, "nonFiscalCarryover") != 0m];
                return new CellPlacement
                {
                    ColumnCount = keys.Length,
                    RowHolds = holds,
                    Allowed = (_, c) => side is null || c == 0 || (c is >= 1 and <= 4 ? side[0] : side[1]),
                    MayPrefer = true,
                    // A carried-over project's money is 项目支出 (I1 and the spec's observed rows).
                    Preference = (_, c) => c is 4 or 8 ? 0 : c is 1 or 5 ? 1 : 3,
                };
            }
            default:
                return new CellPlacement { ColumnCount = keys.Length, RowHolds = holds };
        }
    }

    /// <summary>表2 columns that can hold money, from 表1's income lines (B4); null when 表1 is unknown.</summary>
    private static bool[]? Table2Columns(ImportContext ctx, string[] keys)
    {
        if (ctx.Table(1) is not { } t1) return null;
        decimal L(string key) => IncomeLine(t1, key);
        var has = new Dictionary<string, bool>
        {
            ["total"] = true,
            ["generalBudget"] = L("generalBudget") - L("generalBudgetTransfer") != 0m,
            ["generalBudgetTransfer"] = L("generalBudgetTransfer") != 0m,
            ["govFund"] = L("govFund") - L("govFundTransfer") != 0m,
            ["govFundTransfer"] = L("govFundTransfer") != 0m,
            ["stateCapital"] = L("stateCapital") - L("stateCapitalTransfer") != 0m,
            ["stateCapitalTransfer"] = L("stateCapitalTransfer") != 0m,
            ["specialAccount"] = L("specialAccount") != 0m,
            ["unitFunds"] = L("unitFunds") != 0m,
            ["fiscalCarryover"] = L("fiscalCarryover") != 0m,
            ["nonFiscalCarryover"] = L("nonFiscalCarryover") != 0m,
        };
        has["fiscal"] = L("generalBudget") + L("govFund") + L("stateCapital") != 0m;
        return keys.Select(k => has.GetValueOrDefault(k, true)).ToArray();
    }

    /// <summary>An income line of 表1 as read (zero when not printed).</summary>
    private static decimal IncomeLine(TableDoc t1, string key) =>
        t1.Rows.FirstOrDefault(r => r.Key == key)?.Cells.GetValueOrDefault(ColumnKeys.Income) ?? 0m;

    private static List<decimal?[]?> Apply(CellPlacement placement, List<RawRow> rows, string part, ImportContext ctx)
    {
        var outcome = placement.Place(rows);
        foreach (var i in outcome.Inferred) ctx.Report.Infer(part, i);
        if (outcome.Failures.Count > 0)
            throw Unreadable(part, "无法重建各数值所在的列：" + string.Join("；", outcome.Failures),
                rows.SelectMany(r => r.Lines).Select(l => l.ToString()), ctx);
        return outcome.Cells;
    }

    private static void Fill(RowDoc row, decimal?[]? cells, string[] keys)
    {
        if (cells is null) return;
        for (var c = 0; c < keys.Length; c++) if (cells[c] is { } v) row.Cells[keys[c]] = v;
    }

    private static (string Label, List<decimal> Values, List<int>? Columns) Split(SourceLine line, int labelCells)
    {
        if (line.Tabbed)
        {
            var cells = line.Cells!;
            var values = new List<decimal>();
            var columns = new List<int>();
            for (var k = labelCells; k < cells.Count; k++)
                if (Prose.Amount(cells[k]) is { } v) { values.Add(v); columns.Add(k - labelCells); }
            return (string.Concat(cells.Take(labelCells)), values, columns);
        }
        var tokens = line.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var vals = new List<decimal>();
        while (tokens.Count > 0 && Prose.IsAmount(tokens[^1])) { vals.Insert(0, Prose.Amount(tokens[^1])!.Value); tokens.RemoveAt(tokens.Count - 1); }
        return (string.Concat(tokens), vals, null);
    }

    /// <summary>Splits “{项名称}{项目名称}” of a 表7 project row by the catalog name, else at the first cell or space break.</summary>
    private static (string Name, string Project) SplitProject(string label, string? catalogName)
    {
        var plain = label.Replace("\u0001", "").Replace("\u0002", "");
        // Laid-out text prints the two names side by side, line by line: the first part of each line
        // continues the 项's name until it is complete, the rest is the project's name.
        if (catalogName is not null && !plain.StartsWith(catalogName + "", StringComparison.Ordinal) || label.Contains('\u0002'))
        {
            var name = "";
            var project = "";
            foreach (var line in label.Split('\u0002'))
            {
                var tokens = line.Split('\u0001', StringSplitOptions.RemoveEmptyEntries);
                var k = 0;
                while (k < tokens.Length && catalogName is not null && name.Length < catalogName.Length
                       && catalogName.StartsWith(name + tokens[k], StringComparison.Ordinal))
                    name += tokens[k++];
                project += string.Concat(tokens.Skip(k));
            }
            if (name == catalogName && project.Length > 0) return (name, project);
        }
        if (catalogName is not null && plain.StartsWith(catalogName, StringComparison.Ordinal))
            return (catalogName, plain[catalogName.Length..]);
        var cut = label.IndexOf('\u0001');
        if (cut < 0) cut = label.IndexOf('\u0002');
        return cut < 0 ? (plain, "") : (label[..cut].Replace("\u0002", ""), label[(cut + 1)..].Replace("\u0001", "").Replace("\u0002", ""));
    }

    private static DomainException Unreadable(string part, string message, IEnumerable<string> lines, ImportContext ctx)
    {
        ctx.Report.Fail(part, message, lines);
        return new DomainException($"{part}：{message}");
    }

    private static bool IsTotal(string label) => Squash(label) is "总计" or "合计";

    /// <summary>Without spaces and the markers of wrapped lines.</summary>
    public static string Squash(string s) => new(s.Where(ch => !char.IsWhiteSpace(ch) && ch is not ('\u0001' or '\u0002')).ToArray());

    /// <summary>A label compared loosely: no spaces, 1、 and 1. alike, full-width brackets alike.</summary>
    private static string Label(string s) => Numbering().Replace(Squash(s), "$1.").Replace('(', '（').Replace(')', '）');

    [GeneratedRegex(@"^表\s*(\d{1,2})$")]
    private static partial Regex TableStart();

    /// <summary>A run of digits and spaces at the start of a row, up to a non-digit (a name or the end), never an amount's digits.</summary>
    [GeneratedRegex(@"^\d{3}(?: ?\d{2}){1,2}(?=\s*[^\d\s.]|\s*$)")]
    private static partial Regex LeadingDigits();

    [GeneratedRegex(@"^(2\d\d)(?=\s|$|[^\d.])")]
    private static partial Regex CategoryStart();

    [GeneratedRegex(@"^2\d\d$")]
    private static partial Regex CategoryCode();

    [GeneratedRegex(@"^(\d{3})(?:\s+(\d{2}))?(?:\s+(\d{2}))?(?=\s|$)")]
    private static partial Regex CodePrefix();

    [GeneratedRegex(@"(收\s*入\s*总\s*计|支\s*出\s*总\s*计)")]
    private static partial Regex TotalWords();

    [GeneratedRegex(@"^(\d+)[、．.]")]
    private static partial Regex Numbering();
}
