using System.Text;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Lines;

/// <summary>What <see cref="LineSheet.Read"/> found: every line, or nothing and every problem (row and column named).</summary>
public sealed record LineSheetResult(IReadOnlyList<BudgetLine> Lines, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The budget lines as a sheet: the columns of the Excel line template, of the lines' CSV (seeds/lines) and
/// of the download, in this order: 功能分类科目编码 | 功能分类科目名称 | 经济分类科目编码 | 经济分类科目名称 |
/// 支出类型 | 项目名称 | 项目负责人 | 资金来源 | 金额（万元）. <see cref="Write"/> names the codes from the year's
/// catalogs; <see cref="Read"/> does not need the names. Reading is forgiving in form (the header found by
/// its words among the first rows, codes written 201 31 50 or in full-width digits, amounts with thousands
/// separators, blank rows) and strict in content: every bad cell is named by its row and column, and
/// nothing is read unless every line is right. Every limit is explicit.
/// </summary>
public static class LineSheet
{
    /// <summary>Lines read at most from one sheet.</summary>
    public const int MaxLines = 20_000;

    /// <summary>The longest cell read (the longest field, a project name, is 300).</summary>
    public const int MaxCellLength = 500;

    /// <summary>How many rows above the header (a title, the unit) are looked through for it.</summary>
    public const int HeaderSearchRows = 30;

    /// <summary>The sheet's columns, in order.</summary>
    public enum Column { FunctionalCode, FunctionalName, EconomicCode, EconomicName, Spending, Project, ProjectLeader, Source, Amount }

    /// <summary>The header of each column as the template and the download write it.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["功能分类科目编码", "功能分类科目名称", "经济分类科目编码", "经济分类科目名称", "支出类型", "项目名称", "项目负责人", "资金来源", "金额（万元）"];

    /// <summary>The columns a sheet must have; the names and the project's columns may be left out.</summary>
    private static readonly Column[] Required = [Column.FunctionalCode, Column.EconomicCode, Column.Spending, Column.Source, Column.Amount];

    /// <summary>What a line pays for, in the sheet's and the form's words.</summary>
    public static readonly IReadOnlyList<(LineSpending Spending, string Label)> Spendings =
        [(LineSpending.Personnel, "人员经费"), (LineSpending.Public, "公用经费"), (LineSpending.Project, "项目支出")];

    public static string Label(LineSpending spending) => Spendings.First(s => s.Spending == spending).Label;

    /// <summary>
    /// 支出类型 as typed: 人员经费 (人员), 公用经费 (公用), 项目支出 (项目), or 基本支出, which the economic 类
    /// decides (301, 303 人员经费; 302 公用经费); null when it cannot be read.
    /// </summary>
    public static LineSpending? ParseSpending(string? text, string? economicCode)
    {
        var t = Title(text);
        foreach (var (spending, label) in Spendings)
            if (t == label || t == label[..2]) return spending;
        if (t == "基本支出" && economicCode is { Length: 5 })
            return economicCode[..3] switch { "301" or "303" => LineSpending.Personnel, "302" => LineSpending.Public, _ => null };
        return null;
    }

    /// <summary>The lines as a sheet: the header row, then one row per line with its codes as printed (201 31 50) and named from the catalogs.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Write(IEnumerable<BudgetLine> lines, YearCatalogs catalogs)
    {
        var grid = new List<IReadOnlyList<string>> { Headers };
        foreach (var line in lines)
            grid.Add(
            [
                ClassificationCode.Printed(line.FunctionalCode), catalogs.Functional.NameOf(line.FunctionalCode) ?? "",
                ClassificationCode.Printed(line.EconomicCode), catalogs.Economic.NameOf(line.EconomicCode) ?? "",
                Label(line.Spending), line.Project ?? "", line.ProjectLeader ?? "", line.SourceInfo.Label,
                Amounts.Format(line.Amount, AmountStyle.Figure),
            ]);
        return grid;
    }

    /// <summary>
    /// The lines of a sheet (row n of the grid is row n of the file, so messages name the row the person
    /// sees). With any problem no line is returned, and every bad cell is named: 第 5 行“金额（万元）”：….
    /// </summary>
    public static LineSheetResult Read(IReadOnlyList<IReadOnlyList<string>> grid)
    {
        static LineSheetResult Failed(params string[] errors) => new([], errors);
        if (grid.Count > MaxLines * 2)
            return Failed($"文件有 {grid.Count:N0} 行（含空行），超过 {MaxLines * 2:N0} 行的上限，请删去空行或分成几个文件。");
        var filled = grid.Count(r => r.Any(c => Clean(c).Length > 0));
        if (filled > MaxLines + HeaderSearchRows)
            return Failed($"明细有 {filled:N0} 行，超过 {MaxLines:N0} 行的上限，请分成几个文件。");
        if (FindHeader(grid) is not { } header)
            return Failed($"找不到表头：前 {HeaderSearchRows} 行中应有“{Headers[(int)Column.FunctionalCode]}”“{Headers[(int)Column.EconomicCode]}”“{Headers[(int)Column.Amount]}”等列。");
        var missing = Required.Where(c => !header.Columns.ContainsKey(c)).Select(c => $"“{Headers[(int)c]}”").ToList();
        if (missing.Count > 0)
            return Failed($"第 {header.Row + 1} 行的表头缺少{string.Join("", missing)}列。");
        if (header.Columns.TryGetValue(Column.Amount, out var amountColumn) && Title(grid[header.Row][amountColumn]) is var unit
            && unit.Contains('元') && !unit.Contains("万元"))
            return Failed($"第 {header.Row + 1} 行“{Clean(grid[header.Row][amountColumn])}”：金额应以万元填写，请换算后把表头改为“{Headers[(int)Column.Amount]}”。");

        var dataRows = Enumerable.Range(header.Row + 1, grid.Count - header.Row - 1).Where(i => grid[i].Any(c => Clean(c).Length > 0)).ToList();
        if (dataRows.Count > MaxLines)
            return Failed($"明细有 {dataRows.Count:N0} 行，超过 {MaxLines:N0} 行的上限，请分成几个文件。");
        if (dataRows.Count == 0)
            return Failed($"表头（第 {header.Row + 1} 行）下没有预算明细。");

        var errors = new List<string>();
        var lines = new List<BudgetLine>();
        var leaders = new Dictionary<string, (string Leader, int Row)>(StringComparer.Ordinal);
        foreach (var i in dataRows)
        {
            var rowNumber = i + 1;
            var rowErrors = new List<(Column Column, string Message)>();
            string HeaderOf(Column c) => header.Columns.TryGetValue(c, out var at) ? Clean(grid[header.Row][at]) : Headers[(int)c];
            void Refuse(Column c, string reason) => rowErrors.Add((c, $"第 {rowNumber} 行“{HeaderOf(c)}”：{reason}"));
            string? Cell(Column c)
            {
                if (!header.Columns.TryGetValue(c, out var at) || at >= grid[i].Count) return "";
                var text = Clean(grid[i][at]);
                if (text.Length <= MaxCellLength) return text;
                Refuse(c, $"有 {text.Length} 个字，超过 {MaxCellLength} 个字的上限。");
                return null;
            }
            string? Needed(Column c, Func<string, string?> read)
            {
                var text = Cell(c);
                if (text is null) return null;
                if (text.Length == 0) { Refuse(c, "未填写。"); return null; }
                return read(text);
            }

            var functional = Needed(Column.FunctionalCode, Code);
            var economic = Needed(Column.EconomicCode, Code);
            var spendingText = Needed(Column.Spending, t => t);
            var spending = spendingText is null ? null : ParseSpending(spendingText, economic);
            if (spendingText is not null && spending is null)
                Refuse(Column.Spending, (Title(spendingText), economic) switch
                {
                    ("基本支出", null) => "“基本支出”要按经济分类确定为人员经费或公用经费，请先填好经济分类科目编码。",
                    ("基本支出", _) => $"“基本支出”要按经济分类确定为人员经费（301、303 类）或公用经费（302 类），“{economic}”不属于这三类；请填写人员经费、公用经费或项目支出。",
                    _ => $"“{spendingText}”无法识别，应为{string.Join("、", Spendings.Select(s => s.Label))}（或基本支出，按经济分类确定人员经费或公用经费）。",
                });
            var project = Cell(Column.Project);
            var leader = Cell(Column.ProjectLeader);
            var sourceText = Needed(Column.Source, t => t);
            var source = sourceText is null ? null : MoneySources.Parse(Title(sourceText))?.Source;
            if (sourceText is not null && source is null)
                Refuse(Column.Source, $"“{sourceText}”无法识别，应为以下之一：{string.Join("、", MoneySources.All.Select(s => s.Label))}。");
            decimal? amount = null;
            var amountText = Needed(Column.Amount, t => t);
            if (amountText is not null)
            {
                if (!AmountLimits.TryParse(amountText, false, out amount, out var message)) Refuse(Column.Amount, message);
                else if (amount is null) Refuse(Column.Amount, "未填写。");
            }
            foreach (var refusal in BudgetLine.Refusals(functional, economic, spending, source, amount,
                         NullIfEmpty(project), NullIfEmpty(leader)))
                Refuse(ColumnOf(refusal.Field), refusal.Reason);
            if (rowErrors.Count == 0 && spending == LineSpending.Project && NullIfEmpty(leader) is { } named)
            {
                if (leaders.TryGetValue(project!, out var first) && first.Leader != named)
                    Refuse(Column.ProjectLeader, $"项目“{project}”的负责人在第 {first.Row} 行是“{first.Leader}”，这里是“{named}”；同一项目只能有一位负责人。");
                else leaders.TryAdd(project!, (named, rowNumber));
            }
            if (rowErrors.Count > 0)
            {
                // A row's problems in the order of its columns (OrderBy is stable: one cell's keep their order).
                errors.AddRange(rowErrors.OrderBy(e => e.Column).Select(e => e.Message));
                continue;
            }
            lines.Add(new BudgetLine(functional!, economic!, spending!.Value, source!.Value, amount!.Value, NullIfEmpty(project), NullIfEmpty(leader), $"第 {rowNumber} 行"));
        }
        return errors.Count > 0 ? Failed([.. errors]) : new LineSheetResult(lines, []);
    }

    /// <summary>The sheet's column of a line's field (the lines form names its fields by these headers too).</summary>
    public static Column ColumnOf(LineField field) => field switch
    {
        LineField.FunctionalCode => Column.FunctionalCode,
        LineField.EconomicCode => Column.EconomicCode,
        LineField.Spending => Column.Spending,
        LineField.Project => Column.Project,
        LineField.ProjectLeader => Column.ProjectLeader,
        LineField.Source => Column.Source,
        _ => Column.Amount,
    };

    private sealed record Header(int Row, IReadOnlyDictionary<Column, int> Columns);

    /// <summary>The first row (of <see cref="HeaderSearchRows"/>) naming the 功能分类 and 经济分类 codes and the amount; each column by its words.</summary>
    private static Header? FindHeader(IReadOnlyList<IReadOnlyList<string>> grid)
    {
        for (var i = 0; i < Math.Min(grid.Count, HeaderSearchRows); i++)
        {
            var columns = new Dictionary<Column, int>();
            for (var c = 0; c < grid[i].Count; c++)
                if (ColumnOfTitle(Title(grid[i][c])) is { } column)
                    columns.TryAdd(column, c);
            if (columns.ContainsKey(Column.FunctionalCode) && columns.ContainsKey(Column.EconomicCode) && columns.ContainsKey(Column.Amount))
                return new Header(i, columns);
        }
        return null;
    }

    private static Column? ColumnOfTitle(string t)
    {
        var code = t.EndsWith("编码", StringComparison.Ordinal) || t.EndsWith("代码", StringComparison.Ordinal);
        var name = t.EndsWith("名称", StringComparison.Ordinal);
        if (t.StartsWith("功能", StringComparison.Ordinal)) return code ? Column.FunctionalCode : name ? Column.FunctionalName : null;
        if (t.StartsWith("经济", StringComparison.Ordinal)) return code ? Column.EconomicCode : name ? Column.EconomicName : null;
        if (t is "支出类型" or "支出类别") return Column.Spending;
        if (t is "项目名称" or "项目") return Column.Project;
        if (t.EndsWith("负责人", StringComparison.Ordinal)) return Column.ProjectLeader;
        if (t is "资金来源" or "资金性质") return Column.Source;
        if (t.StartsWith("金额", StringComparison.Ordinal)) return Column.Amount;
        return null;
    }

    /// <summary>A code's digits: spaces (ordinary, ideographic), hyphens and dots dropped, full-width digits read as digits.</summary>
    private static string Code(string text) =>
        new(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '.')).ToArray());

    /// <summary>A cell as typed: trimmed of ordinary, ideographic and no-break spaces, a download's formula guard undone.</summary>
    private static string Clean(string? text) => Csv.Restore((text ?? "").Trim(' ', '\t', '\r', '\n', '\u3000', '\u00A0', '\uFEFF'));

    /// <summary>A header or a word compared loosely: no spaces, full-width brackets and letters as half-width.</summary>
    private static string Title(string? text) =>
        new((text ?? "").Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c != '\uFEFF').ToArray());

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
