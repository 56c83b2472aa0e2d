using System.Globalization;
using System.Text;
using BudgetPortal.Domain.Classification;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BudgetPortal.Web.Classification;

/// <summary>
/// The rows of cells of a catalog file as the finance ministry publishes it: a CSV (UTF-8, with or
/// without BOM, or GB18030 as Chinese Excel saves it; comma, tab or semicolon separated) or the first
/// worksheet of an .xlsx. Row n of the result is line n of the file, so problems name the line the
/// administrator sees. <see cref="CatalogSheet"/> then reads and checks the codes.
/// </summary>
public static class CatalogFile
{
    public const long MaxBytes = 5 * 1024 * 1024;

    static CatalogFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static CatalogSheet Read(ClassificationScheme scheme, string fileName, byte[] content)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (content.Length == 0) return CatalogSheet.Failed(scheme, $"文件“{fileName}”是空的。");
        if (content.Length > MaxBytes)
            return CatalogSheet.Failed(scheme, $"文件“{fileName}”有 {content.Length / 1024.0 / 1024.0:0.0} MB，超过 {MaxBytes / 1024 / 1024} MB 的上限。");
        return extension switch
        {
            ".csv" or ".txt" or ".tsv" => CatalogSheet.Read(scheme, Csv(Decode(content))),
            ".xlsx" => Workbook(content) is { } rows ? CatalogSheet.Read(scheme, rows)
                : CatalogSheet.Failed(scheme, $"文件“{fileName}”不是有效的 Excel 工作簿（.xlsx）。"),
            ".xls" => CatalogSheet.Failed(scheme, $"不能读取“{fileName}”：旧版 Excel（.xls）请在 Excel 中另存为 .xlsx 或 CSV 后上传。"),
            _ => CatalogSheet.Failed(scheme, $"不能读取“{fileName}”：只接受 .csv 或 .xlsx 文件。"),
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

    /// <summary>RFC 4180 CSV (quoted fields may hold separators, quotes and line breaks); the separator is the most frequent of , tab ; on the first lines.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Csv(string text)
    {
        var head = string.Join('\n', text.Split('\n').Take(40));
        var separator = new[] { ',', '\t', ';' }.OrderByDescending(s => head.Count(c => c == s)).First();
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == separator) { row.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Cells read per row at most (a catalog has a handful of columns).</summary>
    private const int MaxColumns = 64;
    /// <summary>Text kept of one cell: far above a name's 100 characters, far below what a crafted file could hold.</summary>
    private const int MaxCellLength = 1000;

    /// <summary>
    /// The first worksheet as rows of cell text (row n = Excel row n), or null when the file is not a
    /// workbook. Read as a stream of cells, stopping past twice the line limit, so a small file that
    /// unpacks to a huge sheet costs no more than a catalog does.
    /// </summary>
    private static IReadOnlyList<IReadOnlyList<string>>? Workbook(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) return null;
            var maxRows = CatalogSheet.MaxLines * 2 + 1;

            var shared = new List<string>();
            if (workbook.SharedStringTablePart is { } strings)
            {
                using var reader = OpenXmlReader.Create(strings);
                while (reader.Read() && shared.Count <= maxRows * 4)
                    if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                        shared.Add(Cut(reader.LoadCurrentElement()!.InnerText));
            }

            var grid = new SortedDictionary<int, SortedDictionary<int, string>>();
            using (var reader = OpenXmlReader.Create(part))
            {
                while (reader.Read())
                {
                    if (reader.ElementType != typeof(Cell) || !reader.IsStartElement) continue;
                    var cell = (Cell)reader.LoadCurrentElement()!;
                    if (cell.CellReference?.Value is not { } reference) continue;
                    var letters = new string(reference.TakeWhile(char.IsLetter).ToArray());
                    if (!int.TryParse(reference[letters.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var r) || r < 1) continue;
                    if (r > maxRows) break;
                    var column = letters.Length > 3 ? int.MaxValue : letters.Aggregate(0, (n, l) => n * 26 + (char.ToUpperInvariant(l) - 'A' + 1)) - 1;
                    if (column is < 0 or >= MaxColumns) continue;
                    var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                        : cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var s) && s >= 0 && s < shared.Count ? shared[s]
                        : cell.CellValue?.Text ?? "";
                    if (!grid.TryGetValue(r, out var cells)) grid[r] = cells = [];
                    cells[column] = Cut(text);
                }
            }
            if (grid.Count == 0) return [];
            var last = grid.Keys.Max();
            var rows = new List<IReadOnlyList<string>>(last);
            for (var r = 1; r <= last; r++)
            {
                if (!grid.TryGetValue(r, out var cells)) { rows.Add([]); continue; }
                rows.Add(Enumerable.Range(0, cells.Keys.Max() + 1).Select(c => cells.GetValueOrDefault(c, "")).ToList());
            }
            return rows;
        }
        catch (Exception e) when (e is OpenXmlPackageException or IOException or InvalidDataException or FormatException or ArgumentException
                                   or InvalidOperationException or System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string Cut(string text) => text.Length > MaxCellLength ? text[..MaxCellLength] : text;
}
