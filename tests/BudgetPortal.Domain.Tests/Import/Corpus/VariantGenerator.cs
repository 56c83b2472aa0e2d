using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Import;
using BudgetPortal.Domain.Performance;

namespace BudgetPortal.Domain.Tests.Import.Corpus;

/// <summary>One re-typeset disclosure: its text, the transcription it must import to, and what was varied.</summary>
public sealed record Variant(string Seed, int Number, string Text, DisclosureDocument Truth, string Description);

/// <summary>
/// The variation corpus of issue 13: a seed disclosure's published text re-typeset the way other
/// offices' PDFs come out of pdftotext (seeded, so a variant is reproducible from its seed and
/// number). The seed's text is cut into what it is made of — headings, paragraphs (found by the
/// transcription's paragraphs), table rows, performance-sheet rows (typeset again from the
/// transcription's indicators) — and printed again:
/// - paragraphs wrapped at 25–60 characters, broken at any character, the first line indented;
/// - table names wrapped to a column width (codes / name pieces / values on separate lines, or the
///   pieces around the values), sheet cells wrapped to their column widths in any line grouping,
///   the weight alone on a line below;
/// - page breaks at random places: a page number (`14`, `- 14 -`, `第 14 页`, `第 14 页 共 30 页`), a
///   running header, a form feed, and a table's header repeated on the next page;
/// - spaces inside numbers (`179 .66`) and codes written whole or in other groups (`2013150`, `20131 50`);
/// - full-width and half-width punctuation swapped; titles centred with spaces; the cover and 目录
///   present or not (the truth's hasCover follows).
/// Nothing in a variant changes what the disclosure says: its transcription stays the truth.
/// </summary>
public static partial class VariantGenerator
{
    internal enum UnitKind { Line, Title, Paragraph, TableRow, TableHeader, SheetRows, PageBreakHint }

    internal sealed record Unit(UnitKind Kind, string Text, int Table = 0, IReadOnlyList<string>? Header = null,
        IReadOnlyList<Indicator>? Indicators = null, bool Project = false, bool Tabbed = false);

    /// <summary>The seed cut into units; made once per seed and typeset again for every variant.</summary>
    public sealed class Source
    {
        internal Source(string id, DisclosureDocument truth, List<Unit> cover, List<Unit> body)
        {
            Id = id;
            Truth = truth;
            Cover = cover;
            Body = body;
        }

        public string Id { get; }
        public DisclosureDocument Truth { get; }
        internal List<Unit> Cover { get; }
        internal List<Unit> Body { get; }
    }

    public static Source Parse(string id, string text, DisclosureDocument truth)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\f', '\n').Split('\n')
            .Select(l => l.Contains('\t') ? l.TrimEnd() : SourceText.Clean(l)).Where(l => l.Trim().Length > 0).ToList();
        var p1 = -1;
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].StartsWith("第一部分", StringComparison.Ordinal) && lines.Skip(i + 1).Take(3).Any(l => l.Contains("主要职能"))) p1 = i;
        int After(int from, string start) => lines.FindIndex(from + 1, l => l.StartsWith(start, StringComparison.Ordinal));
        var p2 = After(p1, "第二部分");
        var p3 = After(p2, "第三部分");
        var p4 = After(p3, "第四部分");
        if (p1 < 0 || p2 < 0 || p3 < 0 || p4 < 0) throw new InvalidDataException($"{id}: the four parts are not found.");

        var cover = lines.Take(p1).Select(l => new Unit(UnitKind.Line, l)).ToList();
        var body = new List<Unit>();
        var overview = truth.Overview.Functions.Concat(truth.Overview.StructureText).ToList();
        body.Add(new Unit(UnitKind.Title, lines[p1]));
        body.AddRange(Prose(lines.GetRange(p1 + 1, p2 - p1 - 1), overview));
        body.Add(new Unit(UnitKind.Title, lines[p2]));
        body.AddRange(Tables(lines.GetRange(p2 + 1, p3 - p2 - 1), truth));
        body.Add(new Unit(UnitKind.Title, lines[p3]));
        body.AddRange(Notes(lines.GetRange(p3 + 1, p4 - p3 - 1), truth));
        body.Add(new Unit(UnitKind.Title, lines[p4]));
        body.AddRange(lines.Skip(p4 + 1).Where(l => !BareNumber().IsMatch(l)).Select(l => new Unit(UnitKind.Line, l)));
        return new Source(id, truth, cover, body);
    }

    private static string Squash(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>Lines cut into the truth's paragraphs (matched without whitespace); the other lines kept as they are.</summary>
    private static IEnumerable<Unit> Prose(List<string> lines, IReadOnlyList<string> paragraphs)
    {
        var candidates = paragraphs.Select(p => (Squashed: Squash(p), Text: p)).Where(p => p.Squashed.Length > 0).ToList();
        lines = lines.Where(l => !BareNumber().IsMatch(l.Trim())).ToList();
        var i = 0;
        while (i < lines.Count)
        {
            var acc = "";
            var matched = -1;
            string? text = null;
            for (var j = i; j < lines.Count; j++)
            {
                acc += Squash(lines[j]);
                if (!candidates.Any(c => c.Squashed.StartsWith(acc, StringComparison.Ordinal))) break;
                if (candidates.FirstOrDefault(c => c.Squashed == acc) is { Text: not null } hit) { matched = j; text = hit.Text; break; }
            }
            if (matched >= 0)
            {
                yield return new Unit(UnitKind.Paragraph, text!);
                i = matched + 1;
                continue;
            }
            yield return new Unit(IsTitle(lines[i]) ? UnitKind.Title : UnitKind.Line, lines[i]);
            i++;
        }
    }

    private static bool IsTitle(string line) => TitleLine().IsMatch(line.Trim());

    private static IEnumerable<Unit> Tables(List<string> lines, DisclosureDocument truth)
    {
        var starts = lines.Select((l, i) => (l, i)).Where(x => TableStart().IsMatch(x.l.Trim())).Select(x => x.i).ToList();
        foreach (var l in lines.Take(starts.FirstOrDefault())) yield return new Unit(UnitKind.Line, l);
        for (var k = 0; k < starts.Count; k++)
        {
            var end = k + 1 < starts.Count ? starts[k + 1] : lines.Count;
            var n = int.Parse(TableStart().Match(lines[starts[k]].Trim()).Groups[1].Value, CultureInfo.InvariantCulture);
            var table = lines.GetRange(starts[k], end - starts[k]).Where(l => !BareNumber().IsMatch(l.Trim())).ToList();
            yield return new Unit(UnitKind.Title, table[0]);
            yield return new Unit(UnitKind.Title, table[1]);
            var numbered = n is not (1 or 4);
            var headerEnd = numbered
                ? table.FindIndex(2, l => l.TrimStart().StartsWith('※'))
                : table.FindIndex(2, l => l.TrimStart().StartsWith("一、", StringComparison.Ordinal)) - 1;
            if (headerEnd < 0) headerEnd = 1;
            var header = table.GetRange(2, headerEnd - 1);
            foreach (var h in header) yield return new Unit(UnitKind.TableHeader, h, n);
            var data = table.Skip(headerEnd + 1).ToList();
            var empty = truth.Tables.GetValueOrDefault(n.ToString(CultureInfo.InvariantCulture))?.EmptyText;
            if (empty is not null)
            {
                foreach (var u in Prose(data, [empty])) yield return u;
                continue;
            }
            for (var i = 0; i < data.Count; i++)
            {
                // The header the seed repeats after its own page break: the variant repeats it where it breaks pages.
                if (data[i].TrimStart().StartsWith("编制部门", StringComparison.Ordinal) && numbered)
                {
                    var star = data.FindIndex(i, l => l.TrimStart().StartsWith('※'));
                    if (star >= 0) { i = star; continue; }
                }
                yield return new Unit(UnitKind.TableRow, data[i], n, header, Tabbed: data[i].Contains('\t'));
            }
        }
    }

    private static IEnumerable<Unit> Notes(List<string> lines, DisclosureDocument truth)
    {
        var paragraphs = truth.Notes.SelectMany(n => n.Paragraphs).ToList();
        var sheetAt = lines.FindIndex(IsSheetTitle);
        var otherAt = sheetAt < 0 ? -1 : lines.FindIndex(sheetAt, l => OtherMatters().IsMatch(l.Trim()));
        if (sheetAt < 0 || otherAt < 0)
        {
            foreach (var u in Prose(lines, paragraphs)) yield return u;
            yield break;
        }
        foreach (var u in Prose(lines.GetRange(0, sheetAt), paragraphs)) yield return u;
        var sheets = lines.GetRange(sheetAt, otherAt - sheetAt);
        var starts = sheets.Select((l, i) => (l, i)).Where(x => IsSheetTitle(x.l)).Select(x => x.i).ToList();
        var project = 0;
        for (var k = 0; k < starts.Count; k++)
        {
            var sheet = sheets.GetRange(starts[k], (k + 1 < starts.Count ? starts[k + 1] : sheets.Count) - starts[k]);
            var department = sheet[0].Trim().StartsWith("部门整体", StringComparison.Ordinal);
            var indicators = department ? truth.Performance.Department?.Indicators : truth.Performance.Projects.ElementAtOrDefault(project++)?.Indicators;
            if (indicators is null || sheet.Any(l => l.Contains('\t')))
            {
                foreach (var l in sheet) yield return new Unit(IsSheetTitle(l) ? UnitKind.Title : UnitKind.Line, l, Tabbed: l.Contains('\t'));
                continue;
            }
            var headerAt = department
                ? sheet.FindIndex(l => Squash(l).StartsWith("一级指标二级指标", StringComparison.Ordinal))
                : sheet.FindIndex(l => Squash(l).StartsWith("一级", StringComparison.Ordinal));
            var headerEnd = department ? headerAt : sheet.FindIndex(Math.Max(headerAt, 0), l => l.Contains("佐证资料"));
            if (headerAt < 0 || headerEnd < 0) throw new InvalidDataException("A sheet's indicator header is not found.");
            yield return new Unit(UnitKind.Title, sheet[0]);
            foreach (var l in sheet.Skip(1).Take(headerEnd)) yield return new Unit(UnitKind.Line, l);
            yield return new Unit(UnitKind.SheetRows, "", Indicators: indicators, Project: !department, Header: sheet.GetRange(headerAt, headerEnd - headerAt + 1));
        }
        foreach (var u in Prose(lines.Skip(otherAt).ToList(), paragraphs)) yield return u;
    }

    private static bool IsSheetTitle(string l) =>
        l.Trim().StartsWith("部门整体绩效目标表", StringComparison.Ordinal) || l.Trim().StartsWith("项目支出绩效目标表", StringComparison.Ordinal);

    // ---- typesetting ---------------------------------------------------------------------------

    /// <summary>What one variant varies (drawn from its seed).</summary>
    private sealed class Style
    {
        public required Random Random { get; init; }
        public int Width { get; init; }
        public string Indent { get; init; } = "　　";
        public bool BlankLines { get; init; }
        public int PageLines { get; init; }
        public int PageForm { get; init; }
        public bool RunningHeader { get; init; }
        public bool FormFeed { get; init; }
        public double Punctuation { get; init; }
        public double NumberSpace { get; init; }
        public int CodeForm { get; init; }
        public double WrapRows { get; init; }
        public bool Cover { get; init; }
        public bool Centre { get; init; }
        public bool RepeatLevel2 { get; init; }
        public double SameLine { get; init; }
    }

    public static Variant Make(Source source, int number)
    {
        var random = new Random((int)(StableHash(source.Id) ^ (uint)(number * 7919)));
        var style = new Style
        {
            Random = random,
            Width = random.Next(25, 61),
            Indent = random.Next(3) switch { 0 => "　　", 1 => "  ", _ => "    " },
            BlankLines = random.Next(2) == 0,
            PageLines = random.Next(22, 56),
            PageForm = random.Next(5),
            RunningHeader = random.Next(3) == 0,
            FormFeed = random.Next(2) == 0,
            Punctuation = new[] { 0.0, 0.3, 1.0 }[random.Next(3)],
            NumberSpace = new[] { 0.0, 0.05, 0.2 }[random.Next(3)],
            CodeForm = random.Next(4),
            WrapRows = new[] { 0.0, 0.3, 0.8 }[random.Next(3)],
            Cover = random.Next(2) == 0,
            Centre = random.Next(2) == 0,
            RepeatLevel2 = random.Next(2) == 0,
            SameLine = new[] { 0.0, 0.5, 0.9 }[random.Next(3)],
        };
        var w = new Writer(style, source.Truth);
        if (style.Cover)
        {
            if (source.Cover.Count > 0) foreach (var u in source.Cover) w.Emit(u.Text);
            else foreach (var l in CoverLines(source.Truth)) w.Emit(l);
            w.PageBreak(null);
        }
        foreach (var u in source.Body) w.Write(u);
        w.PageBreak(null);
        var truth = DisclosureDocument.Parse(source.Truth.ToJson());
        truth.HasCover = style.Cover;
        var description = $"宽 {style.Width}，每页 {style.PageLines} 行，页码式样 {style.PageForm}{(style.RunningHeader ? "，页眉" : "")}，标点互换 {style.Punctuation:0.0}，数字内空格 {style.NumberSpace:0.00}，"
                          + $"编码式样 {style.CodeForm}，换行的表行 {style.WrapRows:0.0}，{(style.Cover ? "有封面" : "无封面")}，指标格同行 {style.SameLine:0.0}{(style.RepeatLevel2 ? "，二级指标逐行" : "")}";
        return new Variant(source.Id, number, w.Text, truth, description);
    }

    private static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) { h ^= c; h *= 16777619u; }
        return h;
    }

    private static IEnumerable<string> CoverLines(DisclosureDocument d)
    {
        yield return d.Department.Name;
        yield return $"{d.FiscalYear} 年部门预算公开";
        yield return "目 录";
        yield return $"第一部分 {d.FiscalYear} 年{d.Department.Name}部门概况";
        yield return "一、 主要职能";
        yield return "二、 机构设置及人员情况";
        yield return $"第二部分 {d.FiscalYear} 年部门预算公开表";
        yield return $"第三部分 {d.FiscalYear} 年部门预算情况说明";
        yield return "第四部分 名词解释";
    }

    private sealed class Writer(Style style, DisclosureDocument truth)
    {
        private readonly StringBuilder _text = new();
        private int _onPage;
        private int _page = 1;
        private readonly Random _r = style.Random;
        private IReadOnlyList<string>? _tableHeader;

        public string Text => _text.ToString();

        public void Emit(string line)
        {
            _text.Append(line.TrimEnd()).Append('\n');
            if (style.BlankLines) _text.Append('\n');
            if (++_onPage >= style.PageLines) PageBreak(_tableHeader);
        }

        public void PageBreak(IReadOnlyList<string>? repeat)
        {
            if (_onPage == 0) return;
            var total = 40 + _page % 7;
            var footer = style.PageForm switch
            {
                0 => $"{_page}",
                1 => $"- {_page} -",
                2 => $"第 {_page} 页",
                3 => $"第 {_page} 页 共 {total} 页",
                _ => $"{_page}",
            };
            _text.Append(footer.PadLeft(style.Centre ? 30 : 0)).Append('\n');
            if (style.FormFeed) _text.Append('\f');
            _page++;
            _onPage = 0;
            if (style.RunningHeader) _text.Append($"{truth.Department.Name} {truth.FiscalYear} 年部门预算公开\n");
            if (repeat is not null)
            {
                _tableHeader = null;
                foreach (var h in repeat) Emit(h);
                _tableHeader = repeat;
            }
        }

        public void Write(Unit u)
        {
            if (u.Kind != UnitKind.TableRow) _tableHeader = null;
            switch (u.Kind)
            {
                case UnitKind.Title:
                    var t = u.Text.Trim();
                    if (TableStart().Match(t) is { Success: true } m) t = _r.Next(2) == 0 ? $"表{m.Groups[1].Value}" : $"表 {m.Groups[1].Value}";
                    Emit((style.Centre ? new string(' ', _r.Next(4, 24)) : "") + Punctuate(t));
                    break;
                case UnitKind.Line:
                    Emit(u.Tabbed ? u.Text : Punctuate(u.Text));
                    break;
                case UnitKind.TableHeader:
                    Emit(u.Text);
                    break;
                case UnitKind.Paragraph:
                    Paragraph(u.Text);
                    break;
                case UnitKind.TableRow:
                    Row(u);
                    _tableHeader = u.Header is null ? null : Repeated(u);
                    break;
                case UnitKind.SheetRows:
                    SheetRows(u.Indicators!, u.Project);
                    break;
            }
        }

        /// <summary>The header a table repeats on its next page: from 编制部门 (or the header's first line) to the ※ row.</summary>
        private static IReadOnlyList<string> Repeated(Unit row) => row.Header!;

        private void Paragraph(string text)
        {
            var s = Punctuate(SpaceNumbers(text));
            var first = true;
            var at = 0;
            while (at < s.Length)
            {
                var width = Math.Max(4, style.Width + _r.Next(-2, 3) - (first ? 2 : 0));
                var piece = s.Substring(at, Math.Min(width, s.Length - at));
                at += piece.Length;
                Emit((first ? style.Indent : "") + piece.Trim());
                first = false;
            }
        }

        private string Punctuate(string s)
        {
            if (style.Punctuation == 0) return s;
            var sb = new StringBuilder(s.Length);
            for (var k = 0; k < s.Length; k++)
            {
                var c = s[k];
                // A thousands separator (3,287.52) is not punctuation.
                if (c == ',' && k > 0 && k + 1 < s.Length && char.IsAsciiDigit(s[k - 1]) && char.IsAsciiDigit(s[k + 1])) { sb.Append(c); continue; }
                var other = c switch
                {
                    '，' => ',', ',' => '，', '：' => ':', ':' => '：', '；' => ';', ';' => '；',
                    '（' => '(', '(' => '（', '）' => ')', ')' => '）', '％' => '%', '%' => '％',
                    _ => c,
                };
                sb.Append(other != c && _r.NextDouble() < style.Punctuation ? other : c);
            }
            return sb.ToString();
        }

        /// <summary>`179.66` printed `179 .66` now and then.</summary>
        private string SpaceNumbers(string s) => style.NumberSpace == 0 ? s
            : Amount().Replace(s, m => _r.NextDouble() < style.NumberSpace ? m.Groups[1].Value + " ." + m.Groups[2].Value : m.Value);

        private void Row(Unit u)
        {
            if (u.Tabbed) { Emit(u.Text); return; }
            var text = u.Text.Trim();
            var m = RowShape().Match(text);
            if (!m.Success || u.Table is 1 or 4 or 10)
            {
                Emit(SpaceNumbers(text));
                return;
            }
            var codes = new[] { m.Groups["c1"], m.Groups["c2"], m.Groups["c3"] }.Where(g => g.Success).Select(g => g.Value).ToList();
            var code = codes.Count == 0 ? "" : style.CodeForm switch
            {
                0 => string.Join(' ', codes),
                1 => string.Concat(codes),
                2 => codes.Count == 3 ? codes[0] + codes[1] + " " + codes[2] : string.Join(' ', codes),
                _ => _r.Next(2) == 0 ? string.Concat(codes) : string.Join(' ', codes),
            };
            var name = m.Groups["name"].Value;
            var values = SpaceNumbers(m.Groups["values"].Value.Trim());
            if (name.Length == 0 || name.Contains(' ') || values.Length == 0 || _r.NextDouble() >= style.WrapRows)
            {
                Emit(string.Join(' ', new[] { code, name, values }.Where(x => x.Length > 0)));
                return;
            }
            var width = _r.Next(5, 15);
            var pieces = Enumerable.Range(0, (name.Length + width - 1) / width).Select(i => name.Substring(i * width, Math.Min(width, name.Length - i * width))).ToList();
            if (_r.Next(2) == 0)
            {
                if (code.Length > 0) Emit(code);
                foreach (var p in pieces) Emit(p);
                Emit(values);
            }
            else
            {
                Emit(string.Join(' ', new[] { code, pieces[0] }.Where(x => x.Length > 0)));
                foreach (var p in pieces.Skip(1).SkipLast(1)) Emit(p);
                Emit(pieces.Count > 1 ? pieces[^1] + " " + values : values);
            }
        }

        private static List<string> Wrap(string cell, int width)
        {
            cell = cell.Trim();
            if (cell.Length == 0) return [];
            return Enumerable.Range(0, (cell.Length + width - 1) / width).Select(i => cell.Substring(i * width, Math.Min(width, cell.Length - i * width)).Trim())
                .Where(p => p.Length > 0).ToList();
        }

        /// <summary>The indicator rows: every cell wrapped to its column's width, cells one after the other, sometimes on one line.</summary>
        private void SheetRows(IReadOnlyList<Indicator> indicators, bool project)
        {
            int[] widths = project
                ? [_r.Next(2, 5), _r.Next(2, 5), _r.Next(6, 17), _r.Next(3, 9), _r.Next(4, 9), _r.Next(3, 9), 4, _r.Next(5, 11), _r.Next(4, 11)]
                : [_r.Next(4, 9), _r.Next(4, 9), _r.Next(6, 17), _r.Next(3, 9), _r.Next(5, 15), 4];
            string l1 = "", l2 = "";
            foreach (var i in indicators)
            {
                var weight = i.Weight?.ToString(CultureInfo.InvariantCulture) ?? "";
                var cells = project
                    ? new[] { i.Level1 != l1 ? i.Level1 : "", i.Level2 != l2 || style.RepeatLevel2 ? i.Level2 : "", i.Level3, i.Value, i.Basis ?? "", i.LastYear ?? "", weight, i.Scoring ?? "", i.Evidence ?? "" }
                    : new[] { i.Level1 != l1 ? i.Level1 : "", i.Level2 != l2 || style.RepeatLevel2 ? i.Level2 : "", i.Level3, i.Value, i.Basis ?? "", weight };
                l1 = i.Level1;
                l2 = i.Level2;
                var line = "";
                for (var c = 0; c < cells.Length; c++)
                {
                    var pieces = Wrap(cells[c], widths[c]);
                    for (var p = 0; p < pieces.Count; p++)
                    {
                        var sameLine = p == 0 && line.Length > 0 && _r.NextDouble() < style.SameLine;
                        if (!sameLine && line.Length > 0) { Emit(line); line = ""; }
                        line = line.Length == 0 ? pieces[p] : line + " " + pieces[p];
                    }
                }
                if (line.Length > 0) Emit(line);
            }
        }
    }

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"^表\s*(\d{1,2})$")]
    private static partial Regex TableStart();

    [GeneratedRegex(@"^([一二三四五六七八九十]+、|第[一二三四]部分|[（(][一二三四五][)）])")]
    private static partial Regex TitleLine();

    [GeneratedRegex(@"^[（(]五[)）]\s*其他需说明的事项")]
    private static partial Regex OtherMatters();

    [GeneratedRegex(@"(?<![\d.])(\d+)\.(\d+)(?![\d.])")]
    private static partial Regex Amount();

    [GeneratedRegex(@"^(?:(?<c1>\d{3})(?:\s+(?<c2>\d{2}))?(?:\s+(?<c3>\d{2}))?\s+)?(?<name>[^\d].*?)??\s*(?<values>(?:\s*-?[\d,]+\.\d+)*)$")]
    private static partial Regex RowShape();
}
