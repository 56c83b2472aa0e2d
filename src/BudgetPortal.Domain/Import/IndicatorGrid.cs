using System.Text;
using System.Text.RegularExpressions;
using BudgetPortal.Domain.Performance;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// The indicator rows of a performance sheet in text without cells (one value per line, or a few cells
/// on a line set apart by spaces), read by the vocabulary of their columns, whatever the wrapping
/// (issue 13). The text is cut into pieces at every line end and space; a cell is a run of pieces, a
/// word of a column's vocabulary may be cut anywhere, even between two lines. A row is found by its
/// columns, not by its lines:
/// - 项目支出绩效目标表: [一级指标] [二级指标] 三级指标 指标值 指标值设置依据 [上年完成值] 分值权重 赋分规则
///   佐证资料 — a row ends with its weight (a number of one to three digits), a scoring rule and evidence
///   from their vocabularies; its basis is the last basis word before the weight, what lies between
///   them is 上年完成值; before the basis, 一级/二级指标 by their words, then 三级指标 up to its value:
///   the first piece with a value's operator (＞ ＜ ≥ ≤ =), else a date, else the last piece;
/// - 部门整体绩效目标表: [一级指标] [二级指标] 三级指标 指标值 指标设定依据 分值权重 — the value is the first
///   run of pieces with a value's shape (an operator and a number with its unit, a date, or a word of
///   the qualitative values), the weight the next number alone (the last number of the row), the basis
///   what lies between them.
/// A row whose cells do not have these shapes — a value that is not one whole value, a number alone on
/// its line inside a text cell (a page number the furniture did not recognise) — stops the sheet, which
/// is then left for an officer.
/// </summary>
public static partial class IndicatorGrid
{
    private const char Soft = '\u0001';

    private sealed record Piece(string Text, bool LineStart);

    public static List<Indicator> Project(IEnumerable<SourceLine> rows)
    {
        var p = Pieces(rows);
        var result = new List<Indicator>();
        string level1 = "", level2 = "";
        var at = 0;
        while (at < p.Count)
        {
            // The row's end: a weight, a scoring rule and evidence, one after the other.
            int weight = -1, scoringEnd = -1, evidenceEnd = -1;
            for (var k = at + 1; k < p.Count && weight < 0; k++)
            {
                if (!IsWeight(p[k - 1].Text)) continue;
                var s = WordAt(p, k, ScoringWord());
                var e = s < 0 ? -1 : WordAt(p, s, EvidenceWords());
                if (e > 0) (weight, scoringEnd, evidenceEnd) = (k - 1, s, e);
            }
            if (weight < 0) throw Unreadable(p, at, "找不到分值权重、赋分规则和佐证资料");
            // The basis: the last basis word before the weight; between them, 上年完成值.
            int basis = -1, basisEnd = -1;
            for (var i = weight - 1; i > at && basis < 0; i--)
                if (WordAt(p, i, BasisWord()) is var end and > 0 && end <= weight) (basis, basisEnd) = (i, end);
            if (basis < 0) throw Unreadable(p, at, "找不到指标值设置依据");
            var (l1, l2, start) = Levels(p, at, basis);
            var value = ValueStart(p, start, basis, anyWord: true);
            if (value <= start) throw Unreadable(p, at, "分不出三级指标和指标值");
            var (level3, text) = (Cell(p, start, value), Cell(p, value, basis));
            CheckValue(p, value, basis, anyWord: true);
            CheckNoLoneNumber(p, start, value, "三级指标");
            CheckNoLoneNumber(p, weight + 1, evidenceEnd, "赋分规则和佐证资料");
            if (l1 is not null) level1 = l1;
            if (l2 is not null) level2 = l2;
            result.Add(new Indicator
            {
                Level1 = level1, Level2 = level2, Level3 = level3, Value = ValueText(text), Basis = Cell(p, basis, basisEnd),
                LastYear = basisEnd < weight ? Cell(p, basisEnd, weight) : null, Weight = Prose.Amount(p[weight].Text),
                Scoring = Cell(p, weight + 1, scoringEnd), Evidence = Cell(p, scoringEnd, evidenceEnd),
            });
            at = evidenceEnd;
        }
        return result;
    }

    public static List<Indicator> Department(IEnumerable<SourceLine> rows)
    {
        var p = Pieces(rows);
        var result = new List<Indicator>();
        string level1 = "", level2 = "";
        var at = 0;
        while (at < p.Count)
        {
            var (l1, l2, start) = Levels(p, at, p.Count);
            // The value: the first run of pieces after 三级指标 with a value's whole shape.
            int value = -1, valueEnd = -1;
            for (var v = start + 1; v < p.Count && value < 0; v++)
                if (ValueEnd(p, v, anyWord: false) is var end and > 0) (value, valueEnd) = (v, end);
            if (value < 0) throw Unreadable(p, at, "找不到指标值");
            // The weight: the next number alone after a basis (the last number of the row).
            var weight = -1;
            for (var w = valueEnd + 1; w < p.Count && weight < 0; w++)
                if (IsWeight(p[w].Text)) weight = w;
            if (weight < 0) throw Unreadable(p, at, "找不到分值权重");
            CheckNoLoneNumber(p, start, value, "三级指标");
            if (l1 is not null) level1 = l1;
            if (l2 is not null) level2 = l2;
            result.Add(new Indicator
            {
                Level1 = level1, Level2 = level2, Level3 = Cell(p, start, value), Value = ValueText(Cell(p, value, valueEnd)),
                Basis = Cell(p, valueEnd, weight), Weight = Prose.Amount(p[weight].Text),
            });
            at = weight + 1;
        }
        return result;
    }

    private static List<Piece> Pieces(IEnumerable<SourceLine> rows) =>
        rows.SelectMany(l => l.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((t, k) => new Piece(t, k == 0))).ToList();

    /// <summary>The cell pieces [from, to) make: the pieces of a line joined by their space, a cell's wrapped lines with nothing.</summary>
    private static string Cell(List<Piece> p, int from, int to) => Joined(p, from, to, ' ', "").Trim();

    private static string Joined(List<Piece> p, int from, int to, char space, string line)
    {
        var sb = new StringBuilder();
        for (var i = from; i < to; i++)
        {
            if (i > from) sb.Append(p[i].LineStart ? line : space.ToString());
            sb.Append(p[i].Text);
        }
        return sb.ToString();
    }

    /// <summary>The end of the longest run of pieces from <paramref name="at"/> whose letters, put together, are a word of the vocabulary; -1 if none.</summary>
    private static int WordAt(List<Piece> p, int at, Regex words)
    {
        var joined = "";
        var end = -1;
        for (var j = at; j < p.Count && j < at + 8; j++)
        {
            joined += p[j].Text;
            if (words.IsMatch(joined)) end = j + 1;
        }
        return end;
    }

    /// <summary>一级 and 二级指标 at the start of a row, by their words (a row under the last ones printed leaves them out).</summary>
    private static (string? Level1, string? Level2, int Next) Levels(List<Piece> p, int at, int before)
    {
        string? l1 = null, l2 = null;
        // A longer 二级指标 word where the row starts (社会效益 / 指标: 社会效益指标) is 二级指标: 一级 is left out.
        if (WordAt(p, at, Level1Word()) is var e1 and > 0 && e1 < before && WordAt(p, at, Level2Word()) <= e1) { l1 = Joined(p, at, e1, ' ', "").Replace(" ", ""); at = e1; }
        if (WordAt(p, at, Level2Word()) is var e2 and > 0 && e2 < before) { l2 = Joined(p, at, e2, ' ', "").Replace(" ", ""); at = e2; }
        return (l1, l2, at);
    }

    /// <summary>
    /// Where a project row's value starts in the pieces [start, basis) that hold 三级指标 and the value: the
    /// first piece with an operator, else the first where a date starts, else the last piece.
    /// </summary>
    private static int ValueStart(List<Piece> p, int start, int basis, bool anyWord)
    {
        for (var v = start + 1; v < basis; v++)
            if (Operator().IsMatch(p[v].Text)) return v;
        // A qualitative value wrapped (持续加 / 强).
        for (var v = Math.Max(start + 1, basis - 4); v < basis - 1; v++)
            if (QualitativeWord().IsMatch(string.Concat(p.Skip(v).Take(basis - v).Select(x => x.Text)))) return v;
        // A date; else a word value is the last piece.
        for (var v = start + 1; v < basis; v++)
            if (WholeValue(p, v, basis, anyWord)) return v;
        return basis - 1;
    }

    private static bool WholeValue(List<Piece> p, int from, int to, bool anyWord) =>
        (anyWord ? AnyValue() : QualitativeValue()).IsMatch(Joined(p, from, to, ' ', Soft.ToString()));

    private static void CheckValue(List<Piece> p, int from, int to, bool anyWord)
    {
        if (!WholeValue(p, from, to, anyWord))
            throw new DomainException($"指标值“{Cell(p, from, to)}”不是一个完整的指标值（运算符、数字和单位，日期，或一个词），读不准。");
    }

    /// <summary>The end of the value that starts at piece <paramref name="v"/>: the longest run of pieces with a value's whole shape; -1 if none.</summary>
    private static int ValueEnd(List<Piece> p, int v, bool anyWord)
    {
        var end = -1;
        for (var j = v + 1; j <= p.Count && j <= v + 5; j++)
            if (WholeValue(p, v, j, anyWord)) end = j;
        return end;
    }

    private static bool IsWeight(string piece) => Weight().IsMatch(piece);

    /// <summary>A number alone on its line inside a text cell: a page number the furniture did not recognise (or a cell out of place).</summary>
    private static void CheckNoLoneNumber(List<Piece> p, int from, int to, string column)
    {
        for (var i = from; i < to; i++)
            if (p[i].LineStart && (i + 1 >= p.Count || p[i + 1].LineStart) && Weight().IsMatch(p[i].Text))
                throw new DomainException($"{column}“{Cell(p, from, to)}”中有单独一行的数字（页码？），读不准。");
    }

    private static DomainException Unreadable(List<Piece> p, int at, string why) =>
        new($"读不出指标行（{why}）：“{Cell(p, at, Math.Min(p.Count, at + 12))}”");

    /// <summary>An indicator value with wrapping undone; a date (＜=2024年 6月30日) is written without spaces.</summary>
    private static string ValueText(string v) => Regex.IsMatch(v, @"\d{4}\s*年\s*\d{1,2}\s*月") ? v.Replace(" ", "") : v;

    private static string Words(params string[] words) => "^(?:" + string.Join("|", words.OrderByDescending(w => w.Length).Select(Regex.Escape)) + ")$";

    // A value: a date (its 年 月 日 say what it is, cut anywhere, an operator or not); an operator and a
    // number with its unit, the number's rest on the next line only before a unit (`＞=3` / `0 批次`, never
    // a year: `=1` / `2025 年工作计划` is a value and its basis); or (project sheets) any one word, and
    // (整体表) a qualitative word.
    private const string S = "[\u0001 ]*";
    private const string Date = @"(?:[＞＜>≥≤<][\u0001 ]*=?[\u0001 ]*)?(?:\d[\u0001 ]*){4}年[\u0001 ]*(?:\d[\u0001 ]*){1,2}月[\u0001 ]*(?:\d[\u0001 ]*){1,2}日";
    /// <summary>Words that may be cut anywhere, by a line end or a space extraction put in.</summary>
    private static string SoftWords(params string[] words) =>
        "(?:" + string.Join("|", words.OrderByDescending(w => w.Length).Select(w => string.Join("[\u0001 ]?", w.Select(c => Regex.Escape(c.ToString()))))) + ")";

    private static readonly string Unit = SoftWords("日历日", "工作日", "平方米", "个月", "万元", "批次", "人次", "小时", "课时", "次", "人", "辆", "个", "处", "份", "项", "年",
        "%", "％", "天", "月", "家", "篇", "期", "场", "件", "台", "户", "元", "条", "套", "本", "所", "批", "分");
    /// <summary>The units after which digits on the next line finish a number its cell's wrap cut: counts, areas and money, never a year or a date.</summary>
    private static readonly string CutUnit = SoftWords("平方米", "万元", "批次", "人次", "小时", "次", "人", "个", "项", "辆", "处", "家", "件", "份", "篇", "场", "台", "户", "套", "本", "所", "批", "%", "％", "元");
    private static readonly string Number = @"(?:[＞＜>≥≤<]" + S + "=?|=)" + S + @"[\d.,]+(?:(?:\u0001[\d.]{1,4}){1,3}(?=[\u0001 ]?" + CutUnit + "))?(?:" + S + Unit + ")?";

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex Weight();

    [GeneratedRegex(@"^[＞＜>≥≤<=]")]
    private static partial Regex Operator();


    private const string Qualitative = "保障|是|否|持续加强|提高|有效|良好|明显提升|逐步提高|达标|合格|完成|及时|规范|稳定|长期|持续";
    private static readonly string QualitativeSoft = SoftWords(Qualitative.Split('|'));
    private static readonly Regex QualitativeValueRegex = new("^(?:" + Date + "|" + Number + "|" + QualitativeSoft + ")$");

    private static readonly Regex AnyValueRegex = new("^(?:" + Date + "|" + Number + "|" + QualitativeSoft + @"|[^\u0001 \d＞＜>≥≤<=][^\u0001 ]*)$");
    private static Regex AnyValue() => AnyValueRegex;

    private static readonly Regex QualitativeWordRegex = new("^(?:" + Qualitative + ")$");
    private static Regex QualitativeWord() => QualitativeWordRegex;
    private static Regex QualitativeValue() => QualitativeValueRegex;

    private static readonly Regex BasisWordRegex = new(Words("计划标准", "预算支出标准", "历史标准", "行业标准", "其他标准"));
    private static Regex BasisWord() => BasisWordRegex;

    private static readonly Regex ScoringWordRegex = new(Words("按照完成比例赋分", "按评判等级赋分", "直接赋分", "满意度赋分"));
    private static Regex ScoringWord() => ScoringWordRegex;

    private static readonly Regex EvidenceWordsRegex = new("^(?:工作资料|原始凭证|说明材料)(?:[,，、](?:工作资料|原始凭证|说明材料))*$");
    private static Regex EvidenceWords() => EvidenceWordsRegex;

    private static readonly Regex Level1WordRegex = new(Words("产出指标", "成本指标", "效益指标", "满意度指标", "履职效能", "社会效益", "管理效率", "服务对象满意度"));
    private static Regex Level1Word() => Level1WordRegex;

    private static readonly Regex Level2WordRegex = new(Words("数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
        "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "满意度指标", "服务对象满意度指标"));
    private static Regex Level2Word() => Level2WordRegex;
}
