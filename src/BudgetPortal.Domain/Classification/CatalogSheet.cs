using System.Globalization;

namespace BudgetPortal.Domain.Classification;

/// <summary>One code of a catalog file, with the line it was read from (1-based).</summary>
public sealed record CatalogLine(int Line, string Code, string Name)
{
    public int Level => ClassificationCode.LevelOf(Code);
}

/// <summary>
/// A yearly catalog as the finance ministry publishes it (a CSV or a worksheet of 编码 + 名称), read
/// from its rows of cells and checked line by line. The header row is found by its titles: a code
/// column (编码, 科目编码, 功能分类科目编码 …) or separate 类 / 款 / 项 columns (where a blank 类 or 款
/// cell means the one above, as the ministry prints them), a name column (名称, 科目名称 …) and
/// optionally a 级次 column that must agree with the code. Codes may be written 2011350, 201 13 50 or
/// 201-13-50; names lose their indentation and a "其中：" prefix. Nothing is returned unless every
/// line is right (<see cref="Errors"/> names each bad line).
/// </summary>
public sealed class CatalogSheet
{
    public const int MaxLines = 20_000;
    public const int MaxNameLength = 100;
    /// <summary>How many rows above the header (titles, units) are looked through for it.</summary>
    private const int HeaderSearchRows = 30;

    private CatalogSheet(ClassificationScheme scheme, IReadOnlyList<CatalogLine> lines, IReadOnlyList<string> errors)
    {
        Scheme = scheme;
        Lines = errors.Count == 0 ? lines : [];
        Errors = errors;
    }

    public ClassificationScheme Scheme { get; }
    /// <summary>The codes in file order; empty when there are errors.</summary>
    public IReadOnlyList<CatalogLine> Lines { get; }
    public IReadOnlyList<string> Errors { get; }
    public bool IsValid => Errors.Count == 0;

    public static CatalogSheet Failed(ClassificationScheme scheme, string error) => new(scheme, [], [error]);

    public static CatalogSheet Read(ClassificationScheme scheme, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var dataRows = rows.Count(r => r.Any(c => Clean(c).Length > 0));
        if (dataRows > MaxLines + HeaderSearchRows || rows.Count > MaxLines * 2)
            return Failed(scheme, $"文件有 {dataRows:N0} 行，超过 {MaxLines:N0} 行的上限。");
        if (FindHeader(rows) is not { } header)
            return Failed(scheme, $"找不到表头：前 {HeaderSearchRows} 行中应有“编码”（或“科目编码”，或“类”“款”“项”三列）和“名称”（或“科目名称”）列。");

        var errors = new List<string>();
        var lines = new List<CatalogLine>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string? lastCategory = null, lastClass = null;
        for (var i = header.FirstDataRow; i < rows.Count; i++)
        {
            var row = rows[i];
            var line = i + 1;
            if (row.All(c => Clean(c).Length == 0)) continue;
            var name = Name(Cell(row, header.Name));
            string raw;
            if (header.Code is { } codeColumn)
                raw = Digits(Cell(row, codeColumn));
            else
            {
                var category = Digits(Cell(row, header.Category!.Value));
                var @class = Pad(Digits(Cell(row, header.Class!.Value)));
                var item = header.Item is { } itemColumn ? Pad(Digits(Cell(row, itemColumn))) : "";
                if (category.Length == 0 && (@class.Length > 0 || item.Length > 0)) category = lastCategory ?? "";
                if (@class.Length == 0 && item.Length > 0) @class = lastClass ?? "";
                raw = category + @class + item;
            }
            if (!raw.Any(char.IsAsciiDigit))
            {
                // A total line or a footnote under the list is not a code; anything else is a line without one.
                var label = raw.Length > 0 ? raw : name;
                if (label is "合计" or "总计" || label.StartsWith('注') || label.StartsWith("说明", StringComparison.Ordinal)) continue;
                if (raw.Length == 0)
                {
                    errors.Add($"第 {line} 行：缺少科目编码{(name.Length > 0 ? $"（名称“{name}”）" : "")}。");
                    continue;
                }
            }
            if (!scheme.Allows(raw))
            {
                errors.Add($"第 {line} 行：科目编码“{Shown(row, header)}”无效：{scheme.Label()}编码应为 {scheme.CodeShape()}。");
                continue;
            }
            if (raw.Length >= 3) lastCategory = raw[..3];
            lastClass = raw.Length >= 5 ? raw[3..5] : null;
            var printed = ClassificationCode.Printed(raw);
            if (header.Level is { } levelColumn && Cell(row, levelColumn) is { Length: > 0 } levelText)
            {
                var level = LevelOf(levelText);
                if (level is null)
                    errors.Add($"第 {line} 行：级次“{levelText}”无法识别，应为 类、款 或 项。");
                else if (level != ClassificationCode.LevelOf(raw))
                    errors.Add($"第 {line} 行：级次为“{ClassificationSchemes.LevelName(level.Value)}”，但编码 {printed} 是{ClassificationSchemes.LevelName(ClassificationCode.LevelOf(raw))}。");
            }
            if (name.Length == 0)
                errors.Add($"第 {line} 行：科目 {printed} 缺少名称。");
            else if (name.Length > MaxNameLength)
                errors.Add($"第 {line} 行：科目 {printed} 的名称有 {name.Length} 个字，超过 {MaxNameLength} 个字的上限。");
            if (seen.TryGetValue(raw, out var first))
            {
                errors.Add($"第 {line} 行：科目编码 {printed} 与第 {first} 行重复。");
                continue;
            }
            seen[raw] = line;
            lines.Add(new CatalogLine(line, raw, name));
        }
        foreach (var l in lines.Where(l => l.Code.Length > 3))
        {
            var parent = l.Code[..(l.Code.Length - 2)];
            if (!seen.ContainsKey(parent))
                errors.Add($"第 {l.Line} 行：{ClassificationSchemes.LevelName(l.Level)} {ClassificationCode.Printed(l.Code)} {l.Name} 所属的{ClassificationSchemes.LevelName(l.Level - 1)} {ClassificationCode.Printed(parent)} 不在文件中。");
        }
        if (lines.Count == 0 && errors.Count == 0)
            errors.Add($"表头（第 {header.FirstDataRow} 行）下没有科目。");
        // By line, keeping the order of several problems of one line (OrderBy is stable, Sort is not).
        return new CatalogSheet(scheme, lines, errors.OrderBy(e => e, Comparer<string>.Create(CompareByLine)).ToList());
    }

    /// <summary>The codes as tab-separated text (编码, 名称): what the preview carries to the confirmation.</summary>
    public string ToText() =>
        "编码\t名称\n" + string.Concat(Lines.Select(l => $"{l.Code}\t{l.Name}\n"));

    /// <summary>Reads back <see cref="ToText"/> (checked again like any file).</summary>
    public static CatalogSheet FromText(ClassificationScheme scheme, string text) =>
        Read(scheme, text.Replace("\r", "").Split('\n').Select(l => (IReadOnlyList<string>)l.Split('\t')).ToList());

    private sealed record Header(int FirstDataRow, int? Code, int? Category, int? Class, int? Item, int Name, int? Level);

    private static Header? FindHeader(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        for (var i = 0; i < Math.Min(rows.Count, HeaderSearchRows); i++)
        {
            var titles = rows[i].Select(Title).ToList();
            var name = titles.FindIndex(t => t is "名称" or "科目名称" || t.EndsWith("名称", StringComparison.Ordinal));
            if (name < 0) continue;
            var code = titles.FindIndex(t => t.EndsWith("编码", StringComparison.Ordinal) || t.EndsWith("代码", StringComparison.Ordinal));
            var level = titles.FindIndex(t => t is "级次" or "科目级次" or "级别" or "层级" or "类款项");
            // 类 / 款 / 项 as their own columns: in the header row, or in a second header row under 科目编码.
            var below = i + 1 < rows.Count ? rows[i + 1].Select(Title).ToList() : [];
            foreach (var (split, first) in new[] { (titles, i + 1), (below, i + 2) })
            {
                var category = split.IndexOf("类");
                var @class = split.IndexOf("款");
                if (category >= 0 && @class >= 0)
                {
                    var item = split.IndexOf("项");
                    return new Header(first, null, category, @class, item < 0 ? null : item, name, level < 0 ? null : level);
                }
            }
            if (code >= 0) return new Header(i + 1, code, null, null, null, name, level < 0 ? null : level);
        }
        return null;
    }

    private static int CompareByLine(string a, string b)
    {
        static int LineOf(string s) => s.StartsWith("第 ", StringComparison.Ordinal) && s.IndexOf(' ', 2) is > 2 and var end &&
            int.TryParse(s[2..end], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return LineOf(a).CompareTo(LineOf(b));
    }

    private static string Cell(IReadOnlyList<string> row, int column) => column < row.Count ? Clean(row[column]) : "";

    /// <summary>Trims ordinary, ideographic and no-break spaces (the ministry indents names with them).</summary>
    private static string Clean(string? text) => (text ?? "").Trim(' ', '\t', '\u3000', '\u00A0', '\uFEFF');

    private static string Title(string? text) => new((text ?? "").Where(c => !char.IsWhiteSpace(c) && c != '\u3000' && c != '\uFEFF').ToArray());

    private static string Name(string text)
    {
        // A line break or tab inside a quoted cell is a space in the name (and keeps ToText one line per code).
        var name = Clean(text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' '));
        foreach (var prefix in new[] { "其中：", "其中:" })
            if (name.StartsWith(prefix, StringComparison.Ordinal)) name = Clean(name[prefix.Length..]);
        return name;
    }

    /// <summary>The code's digits: spaces, hyphens and dots dropped, full-width digits read as digits; anything else is kept (and refused).</summary>
    private static string Digits(string text) => new(text
        .Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '－' or '.' or '\u3000'))
        .Select(c => c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c).ToArray());

    /// <summary>A 款 or 项 written 1 in a spreadsheet that dropped the leading zero.</summary>
    private static string Pad(string digits) => digits.Length == 1 && char.IsAsciiDigit(digits[0]) ? "0" + digits : digits;

    private static string Shown(IReadOnlyList<string> row, Header header) => header.Code is { } c
        ? Cell(row, c)
        : string.Join(" ", new[] { header.Category, header.Class, header.Item }.Where(x => x is not null).Select(x => Cell(row, x!.Value)).Where(s => s.Length > 0));

    private static int? LevelOf(string text) => Title(text) switch
    {
        "类" or "1" or "一级" or "一" => 1,
        "款" or "2" or "二级" or "二" => 2,
        "项" or "3" or "三级" or "三" => 3,
        _ => null,
    };
}
