using System.Globalization;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tables;
using System.Xml;
using BudgetPortal.Web.Uploads;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using BudgetPortal.Web.Downloads;

namespace BudgetPortal.Web.Workspace;

/// <summary>
/// Reads the eleven tables back from a workbook in the layout <see cref="DisclosureWorkbook"/>
/// writes (one sheet 表N per table, laid out as published). Every problem names the sheet, the row
/// and the column; the tables are returned only when there is none.
/// </summary>
public static class WorkbookUpload
{
    /// <summary>Rows a sheet may reach: the header, a table's <see cref="TableForm.MaxRows"/> rows and its closing lines.</summary>
    public const int MaxSheetRows = TableForm.MaxRows + 40;

    /// <summary>Columns a sheet may reach (表7 has the widest, 16).</summary>
    public const int MaxSheetColumns = 64;

    /// <summary>Characters a cell may hold (a 项目名称 or an empty table's sentence, with room).</summary>
    public const int MaxCellLength = 2000;

    public sealed record Result(IReadOnlyList<BudgetTable> Tables, IReadOnlyList<string> Errors);

    public static Result Read(Stream input, long maxUnpackedBytes, int fiscalYear, string departmentName,
        IReadOnlyList<ClassificationCode> functional, IReadOnlyList<ClassificationCode> economic)
    {
        var errors = new List<string>();
        var tables = new List<BudgetTable>();
        SpreadsheetDocument document;
        try
        {
            // What the file unpacks to is checked before anything is parsed (a small zip can unpack to gigabytes).
            document = SheetCells.Open(input, maxUnpackedBytes);
        }
        catch (UnpackedSizeException e)
        {
            return new Result([], [e.Message]);
        }
        catch (Exception e) when (e is OpenXmlPackageException or IOException or InvalidDataException or FormatException or ArgumentException or XmlException)
        {
            return new Result([], ["文件不是有效的 Excel 工作簿（.xlsx），请上传从本平台下载的工作簿格式。"]);
        }
        using (document)
        {
            try
            {
                var workbook = document.WorkbookPart;
                if (workbook?.Workbook.Sheets is null)
                    return new Result([], ["文件不是有效的 Excel 工作簿：没有工作表。"]);
                var shared = SheetCells.SharedStrings(workbook);
                foreach (var kind in TableSchemas.All)
                {
                    var name = $"表{(int)kind}";
                    var sheet = workbook.Workbook.Sheets.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == name);
                    if (sheet?.Id?.Value is not { } relId || workbook.GetPartById(relId) is not WorksheetPart part)
                    {
                        errors.Add($"缺少工作表“{name}”。");
                        continue;
                    }
                    var before = errors.Count;
                    var grid = Grid(part, shared, name, errors);
                    if (errors.Count > before) continue;
                    var schema = TableSchemas.For(kind, fiscalYear);
                    var table = ReadTable(schema, grid, name, fiscalYear, departmentName, schema.CodeScheme == ClassificationScheme.Economic ? economic : functional, errors);
                    if (table is not null) tables.Add(table);
                }
            }
            catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or FormatException or ArgumentException or InvalidOperationException)
            {
                // A workbook part that is not what its type says (e.g. the workbook XML itself is malformed).
                return new Result([], ["文件不是有效的 Excel 工作簿（.xlsx）：工作簿结构无法读取。"]);
            }
        }
        return new Result(errors.Count == 0 ? tables : [], errors);
    }

    /// <summary>
    /// The sheet as text by (row, column), 1-based rows and 0-based columns, read as a stream of cells.
    /// A reference that is not a cell (B, 6B), a row or column past the limits, NUL in a cell, a cell
    /// too long or XML that does not parse is an error naming the sheet (and the cell), never a crash.
    /// </summary>
    private static Dictionary<(int Row, int Column), string> Grid(WorksheetPart part, List<string> shared, string sheet, List<string> errors)
    {
        var grid = new Dictionary<(int, int), string>();
        try
        {
            foreach (var cell in SheetCells.Read(part, shared, MaxCellLength))
            {
                if (cell.Row > MaxSheetRows || cell.Column >= MaxSheetColumns)
                {
                    errors.Add($"工作表“{sheet}”单元格 {TextLimits.Preview(cell.Reference)}：超出范围（最多 {MaxSheetRows} 行、{MaxSheetColumns} 列）。");
                    return grid;
                }
                grid[(cell.Row, cell.Column)] = cell.Text.Trim();
            }
        }
        catch (SheetCellException e)
        {
            errors.Add(e.BadReference ? $"工作表“{sheet}”：{e.Message}。" : $"工作表“{sheet}”单元格 {e.Reference}：{e.Message}。");
        }
        catch (Exception e) when (e is XmlException or InvalidOperationException or OpenXmlPackageException or InvalidDataException or IOException)
        {
            errors.Add($"工作表“{sheet}”的内容不是有效的 XML，无法读取（请在 Excel 中打开后重新保存）。");
        }
        return grid;
    }

    private static BudgetTable? ReadTable(TableSchema schema, Dictionary<(int Row, int Column), string> grid, string sheet,
        int year, string departmentName, IReadOnlyList<ClassificationCode> catalog, List<string> errors)
    {
        var first = 3 + HeaderGrid.Of(schema).Height + (schema.NumberingRow is null ? 0 : 1) + 1;
        var last = grid.Keys.Select(k => k.Row).DefaultIfEmpty(first - 1).Max();
        string T(int r, int c) => grid.GetValueOrDefault((r, c), "");
        var labels = schema.LabelColumnCount;
        var before = errors.Count;

        decimal? Amount(int r, int c)
        {
            var text = T(r, c);
            if (TableForm.TryParseAmount(text, false, out var a, out var message)) return a;
            errors.Add($"工作表“{sheet}”第 {r} 行 {DisclosureWorkbook.Reference((uint)r, c).TrimEnd("0123456789".ToCharArray())} 列：{message}");
            return null;
        }
        TableRow Amounts(TableRow row, int r, IEnumerable<(string Key, int Column)> columns)
        {
            foreach (var (key, c) in columns) row.Set(key, Amount(r, c));
            return row;
        }
        var columnsAt = schema.Columns.Select((c, i) => (c.Key, Column: labels + i)).ToList();
        // The sheet has data only if some amount column holds something.
        var hasData = Enumerable.Range(first, Math.Max(0, last - first + 1))
            .Any(r => columnsAt.Any(c => T(r, c.Column).Length > 0) ||
                      (schema.Layout == TableLayout.TwoSided && (T(r, 1).Length > 0 || Enumerable.Range(3, schema.Columns.Count - 1).Any(c => T(r, c).Length > 0))));
        string? emptyText = null;
        if (!hasData && schema.EmptySentence is not null)
        {
            var sentence = Enumerable.Range(first, Math.Max(0, last - first + 1)).Select(r => T(r, 0)).LastOrDefault(t => t.Length > 0);
            var standard = schema.FormatEmptySentence(departmentName, year);
            emptyText = sentence is null || sentence == standard ? null : sentence;
        }

        var rows = new List<TableRow>();
        // A text past its limit (a 项目名称 of 301 characters) is refused by the row itself; named here with its sheet row.
        var at = first;
        try
        {
        switch (schema.Layout)
        {
            case TableLayout.TwoSided:
            {
                var incomeColumns = schema.IncomeColumns.Select((k, i) => (k, 1 + i)).ToList();
                var expenditureColumns = schema.Columns.Select(c => c.Key).Except(schema.IncomeColumns).Select((k, i) => (k, 3 + i)).ToList();
                var r = first;
                var categories = new List<TableRow>();
                for (; r <= last && T(r, 0) != "收入总计"; r++)
                {
                    at = r;
                    var i = r - first;
                    if (i < schema.FixedRows.Count)
                    {
                        var f = schema.FixedRows[i];
                        var row = Amounts(new TableRow(RowKind.Fixed, key: f.Key), r, incomeColumns);
                        if (row.Cells.Count > 0) rows.Add(row);
                    }
                    if (T(r, 2) is { Length: > 0 } label)
                    {
                        var code = label.Split(' ')[0];
                        var row = new TableRow(RowKind.Category, ClassificationCode.Normalize(code) is { Length: 3 } c ? c : BadCode(r, 2, label), label[code.Length..].Trim());
                        if (Amounts(row, r, expenditureColumns).Cells.Count > 0) categories.Add(row);
                    }
                }
                rows.AddRange(categories);
                if (r <= last) rows.Add(Amounts(new TableRow(RowKind.Total), r, incomeColumns.Concat(expenditureColumns)));
                break;
            }
            case TableLayout.FixedRows:
                for (var i = 0; i < schema.FixedRows.Count; i++)
                {
                    var row = Amounts(new TableRow(RowKind.Fixed, key: schema.FixedRows[i].Key), first + i, columnsAt);
                    if (row.Cells.Count > 0) rows.Add(row);
                }
                break;
            default:
            {
                if (!hasData) break;
                var codeColumns = schema.CodeColumnCount;
                for (var r = first; r <= last; r++)
                {
                    at = r;
                    var label = T(r, 0);
                    if (r == first && label == "总计") { rows.Add(Amounts(new TableRow(RowKind.Total), r, columnsAt)); continue; }
                    if (r == first + 1 && schema.Layout is TableLayout.Projects or TableLayout.Carryover && !label.All(char.IsAsciiDigit))
                    {
                        rows.Add(Amounts(new TableRow(RowKind.Department, name: label), r, columnsAt));
                        continue;
                    }
                    if (schema.Layout == TableLayout.Carryover)
                    {
                        rows.Add(Amounts(new TableRow(RowKind.Project, project: label), r, columnsAt));
                        continue;
                    }
                    var code = string.Concat(Enumerable.Range(0, codeColumns).Select(c => T(r, c)));
                    var name = T(r, codeColumns);
                    var project = schema.Layout == TableLayout.Projects ? T(r, codeColumns + 1) : "";
                    if (code.Length == 0 && name.Length == 0 && columnsAt.All(c => T(r, c.Column).Length == 0)) continue;
                    if (ClassificationCode.Normalize(code) is not { } normalized || project.Length == 0 && schema.KindOfCode(normalized) is null)
                    {
                        errors.Add($"工作表“{sheet}”第 {r} 行 A 列：科目编码“{code}”无效：{schema.CodeScheme.Label()}编码应为 {schema.CodeScheme.CodeShape()}。");
                        continue;
                    }
                    // A well-formed code outside the catalog is kept with its name as written (the checks report it, M1);
                    // a name left blank is the catalog's.
                    if (name.Length == 0) name = catalog.FirstOrDefault(c => c.Code == normalized)?.Name ?? "";
                    var kind = project.Length > 0 ? RowKind.Project : schema.KindOfCode(normalized) ?? RowKind.Item;
                    try
                    {
                        rows.Add(Amounts(new TableRow(kind, normalized, name.Length == 0 ? null : name, project: project.Length == 0 ? null : project), r, columnsAt));
                    }
                    catch (DomainException e)
                    {
                        errors.Add($"工作表“{sheet}”第 {r} 行：{e.Message}");
                    }
                }
                break;
            }
        }
        if (errors.Count > before) return null;
        if (rows.All(r => r.Cells.Count == 0)) rows.Clear();
        return new BudgetTable(schema.Kind, rows, emptyText);
        }
        catch (DomainException e)
        {
            errors.Add($"工作表“{sheet}”第 {at} 行：{e.Message}");
            return null;
        }

        string BadCode(int r, int c, string label)
        {
            errors.Add($"工作表“{sheet}”第 {r} 行 {DisclosureWorkbook.Reference((uint)r, c).TrimEnd("0123456789".ToCharArray())} 列：科目“{label}”无法识别。");
            return "000";
        }
    }
}
