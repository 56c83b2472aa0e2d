using System.Text;
using System.Text.RegularExpressions;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// `pdftotext -layout` output of a printed disclosure (pages separated by form feeds, text placed
/// in columns by spaces, wrapped table cells centred above and below their row) turned into the
/// lines the readers take: one line per paragraph; one line per table row (codes, the name with
/// its wrapped halves rejoined, the values); the performance sheets' indicator rows as cells.
/// Positions are character columns, as pdftotext lays them out (a CJK character takes one).
/// </summary>
public static partial class LayoutText
{
    /// <summary>
    /// `pdftotext -layout` output: pages separated by form feeds, and columns placed by spaces — many
    /// lines with a wide gap between two pieces of text (a centred title or a page number has spaces
    /// only before it: text extracted without -layout, re-typeset or not, is not taken for it).
    /// </summary>
    public static bool IsLayout(string text) => text.Contains('\f') && ColumnGap().Count(text) >= 20;

    private sealed record Line(int Number, string Text)
    {
        public bool Blank => Text.Trim().Length == 0;
        public string Trimmed => Text.Trim();
        public string Collapsed => Spaces().Replace(Text.Trim(), " ");
    }

    public static IReadOnlyList<SourceLine> Lines(string text)
    {
        var lines = new List<Line>();
        var raw = text.Replace("\r\n", "\n").Split('\n');
        var pageBreaks = new HashSet<int>();
        for (var i = 0; i < raw.Length; i++)
        {
            var l = raw[i];
            if (l.Contains('\f')) { pageBreaks.Add(lines.Count); l = l.Replace("\f", ""); }
            var cleaned = RemoveFooter(l, out var hadFooter);
            // A footer broken over two lines: `{部门} 2025` above `年部门预算公开 · 第 1 版 …`.
            if (i + 1 < raw.Length && FooterSecondHalf().IsMatch(raw[i + 1]) && FooterFirstHalf().Match(cleaned) is { Success: true } half)
            {
                cleaned = cleaned[..half.Index] + new string(' ', Width(half.Value)) + cleaned[(half.Index + half.Length)..];
                hadFooter = true;
            }
            if (hadFooter) pageBreaks.Add(lines.Count);
            if (hadFooter && cleaned.Trim().Length == 0) continue;
            if (hadFooter && lines.Count > 0 && Repair(lines[^1], cleaned) is { } repaired)
            {
                lines[^1] = lines[^1] with { Text = repaired };
                continue;
            }
            lines.Add(new Line(i + 1, cleaned.TrimEnd()));
        }

        var result = new List<SourceLine>();
        var at = 0;
        var prose = new List<Line>();
        void FlushProse()
        {
            result.AddRange(Paragraphs(prose));
            prose.Clear();
        }
        while (at < lines.Count)
        {
            var t = lines[at].Trimmed;
            if (TableStart().Match(t) is { Success: true } tm)
            {
                FlushProse();
                var end = at + 1;
                while (end < lines.Count && !TableStart().IsMatch(lines[end].Trimmed) && !lines[end].Trimmed.StartsWith("第三部分", StringComparison.Ordinal)) end++;
                result.AddRange(Table(int.Parse(tm.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), lines.GetRange(at, end - at), pageBreaks, at));
                at = end;
                continue;
            }
            if (t.StartsWith("部门整体绩效目标表", StringComparison.Ordinal) || t.StartsWith("项目支出绩效目标表", StringComparison.Ordinal))
            {
                FlushProse();
                var end = at + 1;
                while (end < lines.Count && !lines[end].Trimmed.StartsWith("部门整体绩效目标表", StringComparison.Ordinal)
                       && !lines[end].Trimmed.StartsWith("项目支出绩效目标表", StringComparison.Ordinal) && !OtherMatters().IsMatch(lines[end].Trimmed)) end++;
                result.AddRange(Sheet(lines.GetRange(at, end - at)));
                at = end;
                continue;
            }
            prose.Add(lines[at]);
            at++;
        }
        FlushProse();
        return result;
    }

    /// <summary>
    /// The footer can share its line with the page's last line of text, which pdftotext then splits
    /// around it: `      万元，增长 92.52%，主要原因是` above `18.19{footer}2024年…列`. Puts the parts
    /// back in reading order, or null when the line is not such a case.
    /// </summary>
    private static string? Repair(Line above, string cleaned)
    {
        var segments = Segments(cleaned);
        var x0 = above.Text.Length - above.Text.TrimStart().Length;
        if (segments.Count < 2 || above.Blank || x0 < 4 || segments[0].X + Width(segments[0].Text) > x0) return null;
        return segments[0].Text + above.Trimmed + string.Concat(segments.Skip(1).Select(t => t.Text));
    }

    // ---- prose -----------------------------------------------------------------------------

    /// <summary>
    /// A paragraph's first line is indented; its other lines start at the margin. A heading
    /// (一、 …, (一) …) or a blank line also ends the paragraph before it.
    /// </summary>
    private static IEnumerable<SourceLine> Paragraphs(List<Line> lines)
    {
        var margin = lines.Where(l => !l.Blank).Select(Indent).DefaultIfEmpty(0).Min() - 1;
        var current = new StringBuilder();
        var first = 0;
        foreach (var l in lines)
        {
            if (l.Blank)
            {
                if (current.Length > 0) { yield return new SourceLine(first, current.ToString(), null); current.Clear(); }
                continue;
            }
            var date = SignOffDate().IsMatch(l.Trimmed);
            var starts = Indent(l) >= margin + 3 || Prose.StartsParagraph(l.Trimmed) || Heading().IsMatch(l.Trimmed) || SubHeadingLine().IsMatch(l.Trimmed) || date;
            if (current.Length > 0 && starts)
            {
                yield return new SourceLine(first, current.ToString(), null);
                current.Clear();
            }
            if (current.Length == 0) first = l.Number;
            current.Append(l.Trimmed);
            if (date) { yield return new SourceLine(first, current.ToString(), null); current.Clear(); }
        }
        if (current.Length > 0) yield return new SourceLine(first, current.ToString(), null);
    }

    private static int Indent(Line l) => l.Text.Length - l.Text.TrimStart().Length;

    // ---- tables ----------------------------------------------------------------------------

    private static IEnumerable<SourceLine> Table(int number, List<Line> lines, HashSet<int> pageBreaks, int offset)
    {
        var output = new List<SourceLine>();
        var numbered = number is not (1 or 4);
        // The title, 编制部门 and an empty table's sentence are read as they are.
        var dataStart = -1;
        var seenItem = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var t = lines[i].Trimmed;
            if (numbered && t.StartsWith('※')) { dataStart = i + 1; output.Add(new SourceLine(lines[i].Number, lines[i].Collapsed, null)); break; }
            if (!numbered && t.Contains("项目")) seenItem = true;
            if (!numbered && seenItem && t.StartsWith("一、", StringComparison.Ordinal)) { dataStart = i; break; }
            if (!lines[i].Blank && (lines.Take(i).Count(l => !l.Blank) < 2 || t.StartsWith("编制部门", StringComparison.Ordinal))) output.Add(new SourceLine(lines[i].Number, lines[i].Collapsed, null));
        }
        if (dataStart < 0) return output.Concat(lines.Where(l => !l.Blank).Select(l => new SourceLine(l.Number, l.Collapsed, null)));

        var unitAt = lines.FindIndex(l => l.Trimmed.StartsWith("编制部门", StringComparison.Ordinal));
        var firstHeader = unitAt < 0 ? null : lines.Skip(unitAt + 1).FirstOrDefault(l => !l.Blank)?.Trimmed;
        var data = new List<Line>();
        for (var i = dataStart; i < lines.Count; i++)
        {
            // A header repeated on the next page: from its first line to its ※ row. Lines before it
            // finish the last row of the page before.
            if (numbered && pageBreaks.Contains(offset + i) && firstHeader is not null)
            {
                var headerAgain = lines.FindIndex(i, Math.Min(8, lines.Count - i), l => l.Trimmed.Replace(" ", "") == firstHeader.Replace(" ", ""));
                var star = headerAgain < 0 ? -1 : lines.FindIndex(headerAgain, l => l.Trimmed.StartsWith('※'));
                if (star >= 0)
                {
                    for (var k = i; k < headerAgain; k++) data.Add(lines[k]);
                    i = star;
                    continue;
                }
            }
            if (lines[i].Trimmed.StartsWith("编制部门", StringComparison.Ordinal)) continue;
            if (!numbered && TwoSidedHeader().IsMatch(lines[i].Trimmed.Replace(" ", ""))) continue;
            if (SourceText.IsPageNumber(lines[i].Trimmed) && lines[i].Trimmed.Length <= 2) continue;
            data.Add(lines[i]);
        }
        if (data.Any(l => l.Trimmed.Contains("没有") ))
        {
            output.AddRange(Paragraphs(data).Select(p => p with { Text = p.Text }));
            return output;
        }
        output.AddRange(Rows(number, data));
        return output;
    }

    private sealed record Token(int X, string Text);

    private static List<Token> Tokens(string line)
    {
        var tokens = new List<Token>();
        var x = 0;
        var sb = new StringBuilder();
        var start = 0;
        foreach (var ch in line)
        {
            if (ch == ' ')
            {
                if (sb.Length > 0) { tokens.Add(new Token(start, sb.ToString())); sb.Clear(); }
                x++;
                continue;
            }
            if (sb.Length == 0) start = x;
            sb.Append(ch);
            x += Width(ch);
        }
        if (sb.Length > 0) tokens.Add(new Token(start, sb.ToString()));
        return tokens;
    }

    private static bool IsCode(string s) => CodeToken().IsMatch(s);



    /// <summary>One output line per table row: the wrapped parts of its label, above and below it, put back.</summary>
    private static IEnumerable<SourceLine> Rows(int number, List<Line> data)
    {
        var twoSided = number is 1 or 4;
        bool IsAnchor(Line l)
        {
            var tokens = Tokens(l.Text);
            if (tokens.Count == 0) return false;
            if (tokens.Any(t => Prose.IsAmount(t.Text))) return true;
            if (IsCode(tokens[0].Text) && tokens[0].Text.Length == 3) return true;
            if (twoSided && tokens.Any(t => IsCode(t.Text) && t.Text.Length == 3)) return true;
            var s = l.Trimmed.Replace(" ", "");
            return s is "总计" or "合计" || s.StartsWith("收入总计", StringComparison.Ordinal) || number == 10 || (number == 1);
        }

        // Values pushed onto the next lines (by the page footer) belong to the code row above that has none.
        var merged = new List<Line>();
        var receiving = -1;
        foreach (var l in data)
        {
            var tokens = Tokens(l.Text);
            if (l.Blank) { merged.Add(l); continue; }
            if (tokens.All(t => Prose.IsAmount(t.Text)) && receiving >= 0)
            {
                merged[receiving] = merged[receiving] with { Text = merged[receiving].Text + "  " + string.Join("  ", tokens.Select(t => t.Text)) };
                continue;
            }
            receiving = tokens.Count > 0 && IsCode(tokens[0].Text) && !tokens.Any(t => Prose.IsAmount(t.Text)) ? merged.Count : -1;
            merged.Add(l);
        }
        data = merged;

        var blocks = new List<List<Line>>();
        var block = new List<Line>();
        foreach (var l in data)
        {
            if (l.Blank) { if (block.Count > 0) { blocks.Add(block); block = []; } continue; }
            block.Add(l);
        }
        if (block.Count > 0) blocks.Add(block);

        foreach (var b in blocks)
        {
            var anchors = Enumerable.Range(0, b.Count).Where(i => IsAnchor(b[i])).ToList();
            if (anchors.Count == 0)
            {
                foreach (var l in b) yield return new SourceLine(l.Number, l.Collapsed, null);
                continue;
            }
            var parts = anchors.ToDictionary(a => a, _ => new List<(int Y, List<Token> Tokens)>());
            var owner = twoSided ? Nearest(anchors, b.Count) : Centred(anchors, b.Count);
            for (var i = 0; i < b.Count; i++)
                if (!anchors.Contains(i)) parts[owner[i]].Add((i, Tokens(b[i].Text)));
            foreach (var a in anchors)
            {
                var tokens = Tokens(b[a].Text);
                var fragments = parts[a];
                if (twoSided && !tokens.Any(t => IsCode(t.Text) && t.Text.Length == 3) && fragments.Count == 0)
                {
                    yield return new SourceLine(b[a].Number, b[a].Collapsed, null);
                    continue;
                }
                if (twoSided)
                {
                    var codeAt = tokens.FindIndex(t => IsCode(t.Text) && t.Text.Length == 3);
                    var codeX = codeAt >= 0 ? tokens[codeAt].X : int.MaxValue;
                    var income = new List<(int Y, string Text)>();
                    var name = new List<(int Y, string Text)>();
                    string? incomeValue = null;
                    var values = new List<string>();
                    for (var k = 0; k < tokens.Count; k++)
                    {
                        var tk = tokens[k];
                        if (k == codeAt) continue;
                        if (Prose.IsAmount(tk.Text)) { if (tk.X < codeX && codeAt >= 0 || (codeAt < 0 && incomeValue is null && !tokens.Skip(k + 1).Any(x => !Prose.IsAmount(x.Text)) && false)) incomeValue = tk.Text; else values.Add(tk.Text); }
                        else if (tk.X < codeX) income.Add((a, tk.Text));
                        else name.Add((a, tk.Text));
                    }
                    foreach (var (y, ft) in fragments)
                        foreach (var tk in ft)
                            (tk.X < codeX - 2 ? income : name).Add((y, tk.Text));
                    var sb = new StringBuilder(string.Concat(income.OrderBy(p => p.Y).Select(p => p.Text)));
                    if (incomeValue is not null) sb.Append(' ').Append(incomeValue);
                    if (codeAt >= 0) sb.Append(' ').Append(tokens[codeAt].Text).Append(' ').Append(string.Concat(name.OrderBy(p => p.Y).Select(p => p.Text)));
                    else if (name.Count > 0) sb.Append(' ').Append(string.Join(' ', name.OrderBy(p => p.Y).Select(p => p.Text)));
                    foreach (var v in values) sb.Append(' ').Append(v);
                    yield return new SourceLine(b[a].Number, Spaces().Replace(sb.ToString().Trim(), " "), null);
                    continue;
                }
                var codes = new List<string>();
                var k0 = 0;
                while (k0 < tokens.Count && IsCode(tokens[k0].Text) && codes.Count < 3 && !Prose.IsAmount(tokens[k0].Text)) codes.Add(tokens[k0++].Text);
                var labelParts = new List<(int Y, int X, string Text)>();
                var amounts = new List<string>();
                for (var k = k0; k < tokens.Count; k++)
                {
                    if (Prose.IsAmount(tokens[k].Text)) amounts.Add(tokens[k].Text);
                    else labelParts.Add((a, tokens[k].X, tokens[k].Text));
                }
                foreach (var (y, ft) in fragments)
                    foreach (var tk in ft) labelParts.Add((y, tk.X, tk.Text));
                if (number == 7 && codes.Count == 3)
                {
                    // 项 name and project name share the lines: emitted line by line, as the seeds' text has
                    // them, for the table reader to part by the 项's name (see TableReader.SplitProject).
                    yield return new SourceLine(b[a].Number, string.Join(' ', codes), null);
                    foreach (var g in labelParts.GroupBy(p => p.Y).OrderBy(g => g.Key))
                        yield return new SourceLine(b[a].Number, string.Join(' ', g.OrderBy(p => p.X).Select(p => p.Text)), null);
                    yield return new SourceLine(b[a].Number, string.Join(' ', amounts), null);
                    continue;
                }
                var label = string.Concat(labelParts.OrderBy(p => p.Y).ThenBy(p => p.X).Select(p => p.Text));
                var text = string.Join(' ', codes.Append(label).Concat(amounts).Where(s => s.Length > 0));
                yield return new SourceLine(b[a].Number, text, null);
            }
        }
    }

    /// <summary>Each line's row: the nearest anchor, the one below on a tie.</summary>
    private static int[] Nearest(List<int> anchors, int count) =>
        Enumerable.Range(0, count).Select(i => anchors.OrderBy(a => Math.Abs(a - i)).ThenByDescending(a => a).First()).ToArray();

    /// <summary>
    /// Each line's row when wrapped cells are centred on their row: a row takes as many lines below
    /// it as it has above it; what is left between two rows goes to the lower one. Lines before the
    /// first row go to it, lines after the last row to it.
    /// </summary>
    private static int[] Centred(List<int> anchors, int count)
    {
        var owner = new int[count];
        var sorted = anchors.Order().ToList();
        var above = sorted[0];
        for (var i = 0; i < sorted[0]; i++) owner[i] = sorted[0];
        for (var k = 0; k < sorted.Count; k++)
        {
            var a = sorted[k];
            owner[a] = a;
            var next = k + 1 < sorted.Count ? sorted[k + 1] : count;
            var run = next - a - 1;
            var below = k + 1 < sorted.Count ? Math.Min(above, run) : run;
            for (var i = a + 1; i < next; i++) owner[i] = i - a <= below ? a : next;
            above = run - below;
        }
        return owner;
    }

    // ---- performance sheets ---------------------------------------------------------------

    private static readonly string[] Level1Words = ["产出指标", "成本指标", "效益指标", "满意度指标", "履职效能", "社会效益", "管理效率"];
    private static readonly string[] Level2Words = ["数量指标", "质量指标", "时效指标", "经济成本指标", "社会成本指标", "生态环境成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "满意度指标", "服务对象满意度指标"];

    private static IEnumerable<SourceLine> Sheet(List<Line> lines)
    {
        var output = new List<SourceLine>();
        var department = lines[0].Trimmed.StartsWith("部门整体", StringComparison.Ordinal);
        output.Add(new SourceLine(lines[0].Number, lines[0].Trimmed, null));
        var headerAt = lines.FindIndex(l => l.Text.Contains("三级指标"));
        if (headerAt < 0) return output.Concat(lines.Skip(1).Where(l => !l.Blank).Select(l => new SourceLine(l.Number, l.Collapsed, null)));
        var head = lines.Take(headerAt).Skip(1).Where(l => !l.Blank).ToList();
        // The header's rows (一级 may sit a line or two above 三级指标).
        var headStart = headerAt;
        for (var k = headerAt - 1; k >= Math.Max(1, headerAt - 3) && !lines[k].Blank; k--)
            if (lines[k].Text.Contains("一级") || lines[k].Text.Contains("指标值") || lines[k].Text.Contains("分值")) headStart = k;
        head = lines.Take(headStart).Skip(1).Where(l => !l.Blank).ToList();

        string Value(Line l) => Spaces().Replace(HeadLabel().Replace(l.Trimmed, "").Trim(), " ");
        var year = head.FirstOrDefault(l => YearLine().IsMatch(l.Trimmed));
        if (year is not null) output.Add(new SourceLine(year.Number, year.Trimmed, null));
        var collapsed = string.Join(' ', head.Select(l => l.Collapsed));
        if (department)
        {
            var nameFrom = head.FindIndex(l => l.Trimmed.StartsWith("部门名", StringComparison.Ordinal));
            var nameTo = head.FindIndex(Math.Max(nameFrom, 0), l => l.Trimmed.StartsWith("部门联", StringComparison.Ordinal) || l.Text.Contains("联系电话"));
            var name = nameFrom < 0 ? "" : string.Concat(head.Skip(nameFrom).Take((nameTo < 0 ? head.Count : nameTo) - nameFrom).Select(Value));
            output.Add(new SourceLine(nameFrom < 0 ? 0 : head[nameFrom].Number, "部门名称（盖章） " + name, null));
            var contact = head.FirstOrDefault(l => l.Text.Contains("联系电话"));
            if (contact is not null) output.Add(new SourceLine(contact.Number, "部门联系人 " + Value(contact), null));
            var goalFrom = contact is null ? 0 : head.IndexOf(contact) + 1;
            while (goalFrom < head.Count && Value(head[goalFrom]).Length == 0) goalFrom++;
            var goalTo = head.FindIndex(goalFrom, l => l.Text.Contains("资金来源"));
            output.Add(new SourceLine(0, "年度绩效目标", null));
            output.Add(new SourceLine(goalFrom < head.Count ? head[goalFrom].Number : 0, string.Concat(head.Skip(goalFrom).Take((goalTo < 0 ? head.Count : goalTo) - goalFrom).Select(Value)), null));
            output.Add(new SourceLine(0, "年度预算(万元)", null));
            // 上级安排, 本级安排, 其他: three amounts in this order (each may sit a line off its label).
            var fundsText = collapsed[Math.Max(0, collapsed.IndexOf("资金来源", StringComparison.Ordinal))..];
            var amounts = Regex.Matches(fundsText, @"(?<![\d.])\d+\.\d+(?![\d.])").Select(m => m.Value).ToList();
            if (amounts.Count == 3 && fundsText.Contains("上级安排") && fundsText.Contains("本级安排"))
            {
                output.Add(new SourceLine(0, "上级安排 " + amounts[0], null));
                output.Add(new SourceLine(0, "本级安排 " + amounts[1], null));
                output.Add(new SourceLine(0, "其他资金（万元） 其他 " + amounts[2], null));
            }
            else
                foreach (var m in FundsLines().Matches(collapsed).Cast<Match>())
                    output.Add(new SourceLine(0, m.Value.StartsWith("其他", StringComparison.Ordinal) ? "其他资金（万元） " + m.Value : m.Value, null));
        }
        else
        {
            // The fields in their order: 预算单位, 项目名称 (with 项目负责人), 项目资金 (with 年度预算总额),
            // 项目总体目标. Blank lines part them when their labels wrap; else a label starts each.
            var fields = new List<(string Label, List<Line> Lines)>();
            var headLines = lines.Take(headStart).Skip(1).SkipWhile(l => l.Blank || YearLine().IsMatch(l.Trimmed)).ToList();
            var blocks = new List<List<Line>> { new() };
            foreach (var l in headLines)
            {
                if (l.Blank) { if (blocks[^1].Count > 0) blocks.Add([]); continue; }
                if (ProjectField().IsMatch(l.Trimmed) && blocks[^1].Count > 0 && blocks[^1].Any(x => ProjectField().IsMatch(x.Trimmed))) blocks.Add([]);
                blocks[^1].Add(l);
            }
            blocks.RemoveAll(b => b.Count == 0);
            var nameBlock = blocks.FindIndex(b => b.Any(l => l.Text.Contains("项目负责人")));
            var fundsBlock = blocks.FindIndex(b => b.Any(l => l.Text.Contains("年度预算总额")));
            for (var k = 0; k < blocks.Count; k++)
            {
                var label = k == nameBlock ? "项目名" : k == fundsBlock ? "项目资" : k < Math.Max(nameBlock, 0) || (nameBlock < 0 && k == 0) ? "预算单" : k > fundsBlock ? "项目总" : "";
                fields.Add((label, blocks[k]));
            }
            string FieldValue(string label) => string.Join(' ', fields.Where(f => f.Label == label).SelectMany(f => f.Lines).Select(Value).Where(v => v.Length > 0));
            output.Add(new SourceLine(head.FirstOrDefault()?.Number ?? 0, "预算单位 " + FieldValue("预算单"), null));
            output.Add(new SourceLine(head.FirstOrDefault()?.Number ?? 0, "项目名称 " + FieldValue("项目名"), null));
            var funds = FieldValue("项目资");
            var total = Regex.Match(funds, @"年度预算总额\s*([\d.]+)");
            var other = Regex.Match(funds, @"其他资金\s*([\d.]+)");
            var fiscal = Regex.Matches(funds, @"(?<![\d.])\d+\.\d+(?![\d.])").Cast<Match>()
                .FirstOrDefault(m => m.Index != total.Groups[1].Index && m.Index != other.Groups[1].Index);
            output.Add(new SourceLine(0, $"年度预算总额 {total.Groups[1].Value}", null));
            output.Add(new SourceLine(0, $"其中：财政拨款 {fiscal?.Value} 其他资金 {other.Groups[1].Value}", null));
            output.Add(new SourceLine(0, "项目总体目标", null));
            output.Add(new SourceLine(0, string.Concat(fields.Where(f => f.Label == "项目总").SelectMany(f => f.Lines).Select(Value)), null));
        }

        // The indicator rows: anchored by their weight; the wrapped parts of a cell above and below.
        output.Add(new SourceLine(lines[headerAt].Number, department ? "一级指标 二级指标 三级指标 指标值 指标设定依据 分值权重" : "一级指标 二级指标 三级指标 指标值 指标值设置依据 上年完成值 指标分值权重 指标赋分规则 佐证资料", null));
        // The header rows end at the first blank line (or at the first line that is not a header word).
        var gridStart = headerAt + 1;
        var blankAfterHeader = lines.FindIndex(gridStart, Math.Min(4, lines.Count - gridStart), l => l.Blank);
        if (blankAfterHeader >= 0) gridStart = blankAfterHeader;
        while (gridStart < lines.Count && (lines[gridStart].Blank || HeaderTail().IsMatch(lines[gridStart].Trimmed))) gridStart++;
        var grid = lines.Skip(gridStart).ToList();
        var tokens = grid.Select(l => SheetTokens(l.Text)).ToList();

        // 一级 and 二级 words (merged cells, printed once and wrapped) are read apart from the rows.
        var level2X = tokens.SelectMany(t => t).Where(t => Level2Words.Contains(t.Text)).Select(t => t.X)
            .Concat(lines.Skip(headStart).Take(headerAt - headStart + 2).SelectMany(l => Tokens(l.Text)).Where(t => t.Text.StartsWith("二级指", StringComparison.Ordinal)).Select(t => t.X))
            .DefaultIfEmpty(-100).ToList();
        var headerTokens = lines.Skip(headStart).Take(headerAt - headStart + 2).SelectMany(l => Tokens(l.Text)).ToList();
        var level1X = headerTokens.Where(t => t.Text.StartsWith("一级", StringComparison.Ordinal)).Select(t => t.X).DefaultIfEmpty(0).First();
        bool IsLevel1Piece(Token t) => Math.Abs(t.X - level1X) <= 3 && Level1Words.Any(w => w.Contains(t.Text, StringComparison.Ordinal));
        bool IsLevel2Piece(Token t) => Level2Words.Contains(t.Text)
            || (level2X.Any(x => Math.Abs(x - t.X) <= 5) && Level2Words.Any(w => w.Contains(t.Text, StringComparison.Ordinal)));
        var level1Pieces = new List<(int Y, string Text)>();
        var level2Pieces = new List<(int Y, string Text)>();
        for (var i = 0; i < grid.Count; i++)
        {
            foreach (var t in tokens[i].Where(IsLevel1Piece)) level1Pieces.Add((i, t.Text));
            foreach (var t in tokens[i].Where(t => !IsLevel1Piece(t) && IsLevel2Piece(t))) level2Pieces.Add((i, t.Text));
            tokens[i] = tokens[i].Where(t => !IsLevel1Piece(t) && !IsLevel2Piece(t)).ToList();
        }

        var anchors = Enumerable.Range(0, grid.Count).Where(i => tokens[i].Any(t => IntegerToken().IsMatch(t.Text)) && tokens[i].Count >= 2).ToList();
        // No row found: the sheet reader gets the lines as they are, and reports them.
        if (anchors.Count == 0) return output.Concat(grid.Where(l => !l.Blank).Select(l => new SourceLine(l.Number, l.Collapsed, null)));
        // Rows are runs of lines with text (blank lines and lines holding only 一级/二级 words part
        // them); within a run, wrapped cells are centred on their row.
        var rowLines = anchors.Select(a => new List<int> { a }).ToList();
        var runStart = 0;
        for (var i = 0; i <= grid.Count; i++)
        {
            if (i < grid.Count && tokens[i].Count > 0) continue;
            var run = Enumerable.Range(runStart, i - runStart).ToList();
            runStart = i + 1;
            var runAnchors = run.Where(anchors.Contains).ToList();
            if (run.Count == 0) continue;
            if (runAnchors.Count == 0)
            {
                // Text without a row of its own: the nearest row takes it.
                foreach (var k in run)
                    rowLines[Enumerable.Range(0, anchors.Count).OrderBy(r => Math.Abs(anchors[r] - k)).First()].Add(k);
                continue;
            }
            var owners = Centred(runAnchors.Select(a => run.IndexOf(a)).ToList(), run.Count);
            for (var j = 0; j < run.Count; j++)
                if (!anchors.Contains(run[j])) rowLines[anchors.IndexOf(run[owners[j]])].Add(run[j]);
        }
        var level1 = Levels(level1Pieces, Level1Words, rowLines);
        var level2 = Levels(level2Pieces, Level2Words, rowLines);
        for (var r = 0; r < anchors.Count; r++)
        {
            var a = anchors[r];
            var anchorTokens = tokens[a];
            var weight = anchorTokens.Last(t => IntegerToken().IsMatch(t.Text));
            var all = rowLines[r].OrderBy(i => i).SelectMany(i => tokens[i].Select(t => (Y: i, T: t))).Where(p => p.T != weight).ToList();
            // Parts of a cell: wrapped lines joined with nothing, words of one line by the space printed between them.
            string Join(IEnumerable<(int Y, Token T)> parts)
            {
                var sb = new StringBuilder();
                (int Y, Token T)? prev = null;
                foreach (var p in parts.OrderBy(p => p.Y).ThenBy(p => p.T.X))
                {
                    if (prev is { } q && q.Y == p.Y && q.T.X + q.T.Text.Length + 1 == p.T.X) sb.Append(' ');
                    sb.Append(p.T.Text);
                    prev = p;
                }
                return sb.ToString();
            }
            string[] cells;
            if (department)
            {
                var value = anchorTokens.FirstOrDefault(t => DepartmentValue().IsMatch(t.Text));
                if (value is null) { output.Add(Unread(grid, rowLines[r])); continue; }
                var valueParts = all.Where(p => Math.Abs(p.T.X - value.X) <= 2).ToList();
                var left = all.Where(p => p.T.X < value.X - 2).ToList();
                var right = all.Where(p => p.T.X > value.X + 2).ToList();
                cells = [level1[r], level2[r], Join(left), Join(valueParts), Join(right), weight.Text];
            }
            else
            {
                var basis = all.Where(p => BasisWords.Contains(p.T.Text)).OrderBy(p => p.Y == a ? 0 : 1).Select(p => p.T).FirstOrDefault();
                if (basis is null)
                {
                    // 计划标 / 准: the word wrapped in a narrow column.
                    foreach (var head1 in all.Where(p => BasisWords.Any(w => w.Length > p.T.Text.Length && w.StartsWith(p.T.Text, StringComparison.Ordinal))).ToList())
                    {
                        var tail1 = all.FirstOrDefault(p => p.Y > head1.Y && Math.Abs(p.T.X - head1.T.X) <= 3 && BasisWords.Contains(head1.T.Text + p.T.Text));
                        if (tail1.T is null) continue;
                        basis = new Token(head1.T.X, head1.T.Text + tail1.T.Text);
                        all.Remove(head1);
                        all.Remove(tail1);
                        all.Add((a, basis));
                        break;
                    }
                }
                if (basis is null) { output.Add(Unread(grid, rowLines[r])); continue; }
                var before = anchorTokens.Where(t => t.X < basis.X).ToList();
                var value = before.LastOrDefault(t => ValueStart().IsMatch(t.Text))
                            ?? all.Where(p => p.T.X < basis.X && ValueStart().IsMatch(p.T.Text)).Select(p => p.T).OrderByDescending(t => t.X).FirstOrDefault()
                            ?? before.LastOrDefault();
                if (value is null) { output.Add(Unread(grid, rowLines[r])); continue; }
                var valueParts = all.Where(p => p.T != basis && p.T.X >= value.X - 2 && p.T.X < basis.X).ToList();
                var level3 = all.Where(p => p.T.X < value.X - 2).ToList();
                var last = all.Where(p => p.T.X > basis.X && p.T.X < weight.X).ToList();
                var tail = all.Where(p => p.T.X > weight.X).SelectMany(p => Tokens(new string(' ', p.T.X) + p.T.Text).Select(t => (p.Y, T: t))).ToList();
                // 佐证资料 are the pieces of 工作资料 / 原始凭证 / 说明材料; the rest is 赋分规则.
                var evidence = tail.Where(p => IsEvidencePiece(p.T.Text)).ToList();
                var scoring = tail.Except(evidence).ToList();
                cells = [level1[r], level2[r], Join(level3), Join(valueParts), basis.Text, Join(last), weight.Text, Join(scoring), Join(evidence)];
            }
            output.Add(new SourceLine(grid[a].Number, string.Join(' ', cells), cells));
        }
        return output;
    }

    /// <summary>A row that could not be parted into its cells, as text: the sheet reader cannot read it and says so.</summary>
    private static SourceLine Unread(List<Line> grid, List<int> rowLines) =>
        new(grid[rowLines.Min()].Number, string.Join(" ", rowLines.Order().Select(i => grid[i].Collapsed)), null);

    private static bool IsEvidencePiece(string t)
    {
        var parts = t.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts.All(p => "工作资料原始凭证说明材料".Contains(p, StringComparison.Ordinal));
    }

    private static readonly string[] BasisWords = ["计划标准", "预算支出标准", "历史标准", "行业标准", "其他标准"];

    /// <summary>
    /// Words split at spaces, except that a word after a number stays with it (`＞=130 批次`,
    /// `2025 年工作计划`): that space is printed inside the cell.
    /// </summary>
    private static List<Token> SheetTokens(string line)
    {
        var result = new List<Token>();
        foreach (var t in Tokens(line))
        {
            if (result.Count > 0 && result[^1] is var prev && prev.X + prev.Text.Length + 1 == t.X
                && (char.IsAsciiDigit(prev.Text[^1]) || prev.Text[^1] == '%') && !IntegerToken().IsMatch(t.Text) && !char.IsAsciiDigit(t.Text[0]))
                result[^1] = prev with { Text = prev.Text + " " + t.Text };
            else
                result.Add(t);
        }
        return result;
    }

    /// <summary>Runs of text separated by two or more spaces, with their display position.</summary>
    private static List<Token> Segments(string line)
    {
        var result = new List<Token>();
        var x = 0;
        var sb = new StringBuilder();
        var start = 0;
        var spaces = 0;
        foreach (var ch in line)
        {
            if (ch == ' ')
            {
                spaces++;
                x++;
                continue;
            }
            if (sb.Length > 0 && spaces >= 2) { result.Add(new Token(start, sb.ToString())); sb.Clear(); }
            else if (sb.Length > 0 && spaces == 1) sb.Append(' ');
            if (sb.Length == 0) start = x;
            spaces = 0;
            sb.Append(ch);
            x += Width(ch);
        }
        if (sb.Length > 0) result.Add(new Token(start, sb.ToString()));
        return result;
    }

    /// <summary>
    /// 一级 and 二级 cells are merged over their rows and printed once, centred: read the words by
    /// the vocabulary and give each word the consecutive rows around which it is centred.
    /// </summary>
    private static string[] Levels(List<(int Y, string Text)> pieces, string[] words, List<List<int>> rows)
    {
        var chars = pieces.OrderBy(p => p.Y).SelectMany(p => p.Text.Replace(" ", "").Select(ch => (Ch: ch, p.Y))).ToList();
        var text = new string(chars.Select(c => c.Ch).ToArray());
        var labels = new List<(string Word, double Center)>();
        var at = 0;
        while (at < text.Length)
        {
            var word = words.Where(w => at + w.Length <= text.Length && string.CompareOrdinal(text, at, w, 0, w.Length) == 0).OrderByDescending(w => w.Length).FirstOrDefault();
            if (word is null) { at++; continue; }
            labels.Add((word, chars.Skip(at).Take(word.Length).Average(c => c.Y)));
            at += word.Length;
        }
        var result = new string[rows.Count];
        if (labels.Count == 0 || labels.Count > rows.Count) return result.Select(_ => "").ToArray();
        var tops = rows.Select(r => r.Min()).ToList();
        var bottoms = rows.Select(r => r.Max()).ToList();
        var start = 0;
        for (var l = 0; l < labels.Count; l++)
        {
            var remaining = labels.Count - l - 1;
            var bestEnd = start;
            var best = double.MaxValue;
            for (var end = start; end < rows.Count - remaining; end++)
            {
                var d = Math.Abs((tops[start] + bottoms[end]) / 2.0 - labels[l].Center);
                if (d < best) { best = d; bestEnd = end; }
            }
            if (l == labels.Count - 1) bestEnd = rows.Count - 1;
            for (var r = start; r <= bestEnd; r++) result[r] = labels[l].Word;
            start = bestEnd + 1;
        }
        return result.Select(r => r ?? "").ToArray();
    }

    // ---- helpers ---------------------------------------------------------------------------

    /// <summary>The portal's page footer (`{部门} {Y} 年部门预算公开 · 第 1 版 · … 发布   第 n 页 共 m 页`), replaced by spaces so columns keep their place.</summary>
    private static string RemoveFooter(string line, out bool found)
    {
        var result = line;
        foreach (var re in new[] { FooterTitle(), FooterRest(), FooterPage(), FooterMiddle(), FooterVersion(), FooterDate() })
            result = re.Replace(result, m => new string(' ', Width(m.Value)));
        found = result != line;
        return result;
    }

    /// <summary>pdftotext -layout gives every character one column, CJK included.</summary>
    public static int Width(char ch) => 1;

    public static int Width(string s) => s.Sum(Width);

    [GeneratedRegex(@"^([一二三四五六七八九十]+、|第[一二三四]部分)")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十]+[)）]")]
    private static partial Regex SubHeadingLine();

    [GeneratedRegex(@"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")]
    private static partial Regex SignOffDate();

    [GeneratedRegex(@"^(收入支出|项目预算数.*|财政拨款收入财政拨款支出|项目合计.*|(一般公共预|政府性基金预|国有资本经营预|算)+)$")]
    private static partial Regex TwoSidedHeader();

    [GeneratedRegex(@"\S {6,}\S")]
    private static partial Regex ColumnGap();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^表\s*(\d{1,2})$")]
    private static partial Regex TableStart();

    [GeneratedRegex(@"^[（(]五[)）]\s*其他需说明的事项")]
    private static partial Regex OtherMatters();

    [GeneratedRegex(@"^\d{2,3}$")]
    private static partial Regex CodeToken();

    [GeneratedRegex(@"(?<![\d.])\d+\.\d+(?![\d.])")]
    private static partial Regex Amount();

    [GeneratedRegex(@"[\u4e00-\u9fa5（）()]+\s*\d{4}\s*年部门预算公开\s*·\s*第(?:\s*\d+\s*版\s*·\s*\d{4}\s*年\s*\d+\s*月\s*\d+\s*日发布)?")]
    private static partial Regex FooterTitle();

    [GeneratedRegex(@"^\s*(\d{4}\s*)?年部门预算公开\s*·\s*第")]
    private static partial Regex FooterSecondHalf();

    [GeneratedRegex(@"[\u4e00-\u9fa5（）()]{4,}(\s*\d{4})?(?= {2,}|$)")]
    private static partial Regex FooterFirstHalf();

    [GeneratedRegex(@"\d{4}\s*年部门预算公开\s*·\s*第|年部门预算公开\s*·\s*第")]
    private static partial Regex FooterMiddle();

    [GeneratedRegex(@"\d+\s*版\s*·")]
    private static partial Regex FooterVersion();

    [GeneratedRegex(@"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日发布")]
    private static partial Regex FooterDate();

    [GeneratedRegex(@"\d+\s*版\s*·\s*\d{4}\s*年\s*\d+\s*月\s*\d+\s*日发布")]
    private static partial Regex FooterRest();

    [GeneratedRegex(@"第\s*\d+\s*页\s*共\s*\d+\s*页")]
    private static partial Regex FooterPage();

    [GeneratedRegex(@"^[（(]\s*\d{4}\s*年\s*[)）]$")]
    private static partial Regex YearLine();

    [GeneratedRegex(@"^(部门名称|（盖章）|部门联系|人|年度绩效|年度预算|部门名|称（盖|章）|部门联|系人|年度绩|效目标|年度预|算\(万|元\)|预算单位|预算单|位|项目名称|项目名|称|项目资金|项目资|金\(万|金（万|\(万元\)|（万元）|项目总体目|项目总体|项目总|体目标|目标|标|预算|单位|项目|名称|资金|总体|\(万元\))(?=\s|$)")]
    private static partial Regex HeadLabel();

    [GeneratedRegex(@"^(预算单|项目名|项目资|项目总)")]
    private static partial Regex ProjectField();


    [GeneratedRegex(@"(上级安排\s*[\d.]+|本级安排\s*[\d.]+|(?<=\s|^)其他\s+[\d.]+)")]
    private static partial Regex FundsLines();

    [GeneratedRegex(@"^(标|置依据|值|权重|值权重|则|规则|料|\s)+$")]
    private static partial Regex HeaderTail();

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex IntegerToken();

    [GeneratedRegex(@"^([＞＜>≥≤<]|=\s*[\d.]|\d{4}\s*年)")]
    private static partial Regex ValueStart();

    [GeneratedRegex(@"^([＞＜>≥≤<]\s*=?|=)|^(保障|是|否|持续加强|提高)$")]
    private static partial Regex DepartmentValue();
}
