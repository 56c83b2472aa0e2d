using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BudgetPortal.Web.Departments;

/// <summary>One line of a department list as written, before any rule is checked.</summary>
public sealed record DepartmentListLine(int Line, string Code, string Name, string ShortName, string ParentCode, string Region, string UnitType);

/// <summary>
/// Reads a list of departments for bulk creation: a .csv (UTF-8, with or without BOM) or an .xlsx
/// (its first sheet), with a header line naming the columns 代码, 全称, 简称, 主管部门代码, 地区,
/// 单位类型 (any order; 代码 and 全称 required). Line numbers are the file's own (the header is line 1
/// in a CSV; the row number in a sheet). Only the file's shape is checked here; the rules are
/// <see cref="DepartmentBulkCreation"/>'s.
/// </summary>
public static class DepartmentListFile
{
    public const long MaxBytes = 2 * 1024 * 1024;
    public const int MaxLines = 5000;
    /// <summary>An .xlsx is a zip: what it unpacks to is limited too, so a small file cannot fill the memory.</summary>
    private const long MaxUnpackedBytes = 40 * 1024 * 1024;
    /// <summary>No value in the list is longer than this; anything longer is refused before the rules run.</summary>
    private const int MaxCellLength = 500;

    public static readonly string[] Columns = ["代码", "全称", "简称", "主管部门代码", "地区", "单位类型"];

    public sealed record Result(IReadOnlyList<DepartmentListLine> Lines, IReadOnlyList<string> Errors);

    public static Result Read(Stream content, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        List<(int Line, List<string> Cells)> rows;
        try
        {
            rows = extension switch
            {
                ".csv" or ".txt" => CsvRows(content),
                ".xlsx" => SheetRows(content),
                _ => throw new ListFileException($"不能读取“{fileName}”：只接受 .csv（UTF-8）或 .xlsx 文件。"),
            };
        }
        catch (ListFileException e)
        {
            return new Result([], [e.Message]);
        }
        return FromRows(rows);
    }

    private static Result FromRows(List<(int Line, List<string> Cells)> rows)
    {
        rows = rows.Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
        if (rows.Count == 0) return new Result([], ["文件是空的：第一行应为表头“" + string.Join(",", Columns) + "”。"]);
        var (headerLine, header) = rows[0];
        var errors = new List<string>();
        var at = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0) continue;
            if (!Columns.Contains(name))
                errors.Add($"第 {headerLine} 行（表头）第 {i + 1} 列“{name}”不是可用的列名；可用的列：{string.Join("、", Columns)}。");
            else if (!at.TryAdd(name, i))
                errors.Add($"第 {headerLine} 行（表头）：列“{name}”出现了两次。");
        }
        foreach (var required in Columns[..2])
            if (!at.ContainsKey(required)) errors.Add($"第 {headerLine} 行（表头）缺少列“{required}”。");
        if (errors.Count > 0) return new Result([], errors);

        var data = rows.Skip(1).ToList();
        if (data.Count == 0) return new Result([], ["文件只有表头，没有部门。"]);
        if (data.Count > MaxLines)
            return new Result([], [$"文件有 {data.Count} 行部门，一次最多 {MaxLines} 行；请分成几个文件上传。"]);

        string Cell(List<string> cells, string column) =>
            at.TryGetValue(column, out var i) && i < cells.Count ? cells[i].Trim() : "";
        var lines = new List<DepartmentListLine>();
        foreach (var (line, cells) in data)
        {
            var extra = cells.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Trim().Length > 0 && !at.ContainsValue(x.i));
            if (extra.c is not null)
                errors.Add($"第 {line} 行第 {extra.i + 1} 列有内容“{Shorten(extra.c)}”，但表头没有这一列。");
            lines.Add(new DepartmentListLine(line, Cell(cells, "代码"), Cell(cells, "全称"), Cell(cells, "简称"),
                Cell(cells, "主管部门代码"), Cell(cells, "地区"), Cell(cells, "单位类型")));
        }
        return new Result(errors.Count == 0 ? lines : [], errors);
    }

    internal static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static List<(int, List<string>)> CsvRows(Stream content)
    {
        string text;
        try
        {
            using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            throw new ListFileException("文件不是 UTF-8 编码（可能是 GBK）：请在 Excel 中“另存为 CSV UTF-8”，或上传 .xlsx。");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];

        // RFC 4180: fields separated by commas, quoted with "…" (a quote inside doubled), a quoted field may hold line breaks.
        var rows = new List<(int, List<string>)>();
        var cells = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowStart = 1;
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    cells.Add(field.ToString()); field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(field.ToString()); field.Clear();
                    rows.Add((rowStart, cells));
                    cells = [];
                    line++;
                    rowStart = line;
                    if (rows.Count > MaxLines + 1 + 1000) throw new ListFileException($"文件超过 {MaxLines} 行部门；请分成几个文件上传。");
                    break;
                default:
                    field.Append(c);
                    break;
            }
            if (field.Length > MaxCellLength)
                throw new ListFileException($"第 {rowStart} 行有一个值超过 {MaxCellLength} 个字（是否有未闭合的引号？）。");
            i++;
        }
        if (quoted) throw new ListFileException($"第 {rowStart} 行的引号没有闭合。");
        if (field.Length > 0 || cells.Count > 0)
        {
            cells.Add(field.ToString());
            rows.Add((rowStart, cells));
        }
        return rows;
    }

    private static List<(int, List<string>)> SheetRows(Stream content)
    {
        var buffer = new MemoryStream();
        content.CopyTo(buffer);
        try
        {
            buffer.Position = 0;
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true))
                if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
                    throw new ListFileException($"工作簿解压后超过 {MaxUnpackedBytes / 1024 / 1024} MB，不能读取。");
            buffer.Position = 0;
            using var document = SpreadsheetDocument.Open(buffer, false);
            var workbook = document.WorkbookPart;
            var first = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (first?.Id?.Value is not { } relId || workbook!.GetPartById(relId) is not WorksheetPart part)
                throw new ListFileException("工作簿没有工作表。");
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var rows = new List<(int, List<string>)>();
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
                var row = (Row)reader.LoadCurrentElement()!;
                var number = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1));
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? Column(reference) : cells.Count;
                    while (cells.Count < column) cells.Add("");
                    var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                        : cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var s) && s >= 0 && s < shared.Count ? shared[s]
                        : cell.CellValue?.Text ?? "";
                    if (text.Length > MaxCellLength)
                        throw new ListFileException($"第 {number} 行有一个值超过 {MaxCellLength} 个字。");
                    cells.Add(text);
                }
                rows.Add((number, cells));
                if (rows.Count > MaxLines + 1 + 1000) throw new ListFileException($"工作表超过 {MaxLines} 行部门；请分成几个文件上传。");
            }
            return rows;
        }
        catch (Exception e) when (e is OpenXmlPackageException or IOException or InvalidDataException or FormatException or ArgumentException or System.Xml.XmlException)
        {
            throw new ListFileException("文件不是有效的 Excel 工作簿（.xlsx）。");
        }
    }

    private static int Column(string reference)
    {
        var letters = reference.TakeWhile(char.IsLetter).ToArray();
        return letters.Aggregate(0, (c, l) => c * 26 + (char.ToUpperInvariant(l) - 'A' + 1)) - 1;
    }

    private sealed class ListFileException(string message) : Exception(message);
}
