using System.Globalization;
using System.IO.Compression;
using System.Text;
using BudgetPortal.Domain;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BudgetPortal.Web.Uploads;

/// <summary>One line of a list file: its number as the person sees it (CSV line, Excel row) and its cells.</summary>
public sealed record TabularRow(int Line, IReadOnlyList<string> Cells);

/// <summary>
/// The explicit limits of one kind of list file. Rows past MaxRows are not read (the caller, which
/// counts its own lines, says the file is too long); bytes, cells and columns past theirs are refused.
/// </summary>
public sealed record TabularLimits(long MaxBytes, int MaxRows, int MaxCellLength)
{
    /// <summary>An .xlsx is a zip: what it unpacks to is limited too, so a small file cannot fill the memory.</summary>
    public long MaxUnpackedBytes { get; init; } = 40 * 1024 * 1024;
    /// <summary>Cells read per row at most (lists have a handful of columns).</summary>
    public int MaxColumns { get; init; } = 64;
}

/// <summary>Why a list file cannot be read at all, in Chinese.</summary>
public sealed class TabularFileException(string message) : Exception(message);

/// <summary>
/// The rows of the lists administrators upload (departments, classification catalogs): a CSV —
/// UTF-8 with or without BOM, UTF-16 with a BOM, or GB18030 as Chinese Excel saves it; comma, tab or
/// semicolon separated; RFC 4180 quoting — or the first worksheet of an .xlsx, read as a stream of
/// cells. Each row keeps the line number the person sees, so problems name it. Every limit is
/// explicit (<see cref="TabularLimits"/>); what is past one is refused, never read.
/// </summary>
public static class TabularFile
{
    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IReadOnlyList<TabularRow> Read(string fileName, byte[] content, TabularLimits limits)
    {
        if (content.Length == 0) throw new TabularFileException($"文件“{fileName}”是空的。");
        if (content.Length > limits.MaxBytes)
            throw new TabularFileException($"文件“{fileName}”有 {content.Length / 1024.0 / 1024.0:0.0} MB，超过 {limits.MaxBytes / 1024 / 1024} MB 的上限。");
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" or ".txt" or ".tsv" => Csv(Decode(content), limits),
            ".xlsx" => Workbook(content, limits),
            ".xls" => throw new TabularFileException($"不能读取“{fileName}”：旧版 Excel（.xls）请在 Excel 中另存为 .xlsx 或 CSV 后上传。"),
            _ => throw new TabularFileException($"不能读取“{fileName}”：只接受 .csv 或 .xlsx 文件。"),
        };
    }

    /// <summary>UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030 (what Chinese Excel writes for “CSV”).</summary>
    private static string Decode(byte[] content)
    {
        if (content is [0xEF, 0xBB, 0xBF, ..]) return Encoding.UTF8.GetString(content, 3, content.Length - 3);
        if (content is [0xFF, 0xFE, ..]) return Encoding.Unicode.GetString(content, 2, content.Length - 2);
        if (content is [0xFE, 0xFF, ..]) return Encoding.BigEndianUnicode.GetString(content, 2, content.Length - 2);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }

    /// <summary>RFC 4180 CSV (<see cref="Domain.Csv.Parse"/>): quoted fields may hold separators, quotes and line breaks; the separator is the most frequent of , tab ; on the first lines.</summary>
    public static IReadOnlyList<TabularRow> Csv(string text, TabularLimits limits)
    {
        try
        {
            return Domain.Csv.Parse(text, limits.MaxRows, limits.MaxCellLength, limits.MaxColumns).Select(r => new TabularRow(r.Line, r.Cells)).ToList();
        }
        catch (DomainException e)
        {
            throw new TabularFileException(e.Message);
        }
    }

    /// <summary>
    /// The first worksheet as rows of cell text (Line = Excel row). Read as a stream of cells and
    /// checked for what it unpacks to first, so a small file that unpacks to a huge sheet is refused.
    /// </summary>
    private static IReadOnlyList<TabularRow> Workbook(byte[] content, TabularLimits limits)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            SpreadsheetDocument document;
            try
            {
                document = SheetCells.Open(stream, limits.MaxUnpackedBytes);
            }
            catch (UnpackedSizeException e)
            {
                throw new TabularFileException(e.Message);
            }
            using var _ = document;
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
                throw new TabularFileException("工作簿没有工作表。");

            var grid = new SortedDictionary<int, SortedDictionary<int, string>>();
            try
            {
                foreach (var cell in SheetCells.Read(part, SheetCells.SharedStrings(workbook), limits.MaxCellLength))
                {
                    if (cell.Column >= limits.MaxColumns || cell.Text.Length == 0) continue;
                    if (cell.Row > limits.MaxRows) break;   // past the limit: the caller says so, nothing more is read
                    if (!grid.TryGetValue(cell.Row, out var cells)) grid[cell.Row] = cells = [];
                    cells[cell.Column] = cell.Text;
                }
            }
            catch (SheetCellException e)
            {
                throw new TabularFileException(e.BadReference ? $"{e.Message}。" : $"第 {e.Row} 行有一个值{e.Message}。");
            }
            return grid.Select(g => new TabularRow(g.Key, Enumerable.Range(0, g.Value.Keys.Max() + 1).Select(c => g.Value.GetValueOrDefault(c, "")).ToList())).ToList();
        }
        catch (Exception e) when (e is OpenXmlPackageException or IOException or InvalidDataException or FormatException or ArgumentException
                                   or InvalidOperationException or System.Xml.XmlException)
        {
            throw new TabularFileException("文件不是有效的 Excel 工作簿（.xlsx）。");
        }
    }
}
