using System.Xml;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Downloads;
using BudgetPortal.Web.Uploads;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BudgetPortal.Web.Workspace;

/// <summary>
/// The Excel line template (issue 12): sheet 预算明细 in the columns of <see cref="LineSheet"/> (the header
/// and the draft's lines, amounts as numbers), with drop-down lists for 支出类型 and 资金来源, and sheet
/// 可选值 listing the words those two columns take. An uploaded template is read back into the grid that
/// <see cref="LineSheet.Read"/> reads (row n of the grid is row n of the sheet), with the workbook upload's
/// limits: what it unpacks to, rows, columns and the length of a cell.
/// </summary>
public static class LineTemplate
{
    public const string LinesSheet = "预算明细";
    public const string WordsSheet = "可选值";

    /// <summary>Rows the drop-down lists cover, and the rows read from an upload at most (the header's search and the lines).</summary>
    public const int MaxRows = LineSheet.MaxLines + LineSheet.HeaderSearchRows;

    /// <summary>Columns read from an upload at most (the template has nine).</summary>
    public const int MaxColumns = 64;

    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the template with <paramref name="grid"/> (<see cref="LineSheet.Write"/>: the header, then the lines).</summary>
    public static void Write(Stream output, IReadOnlyList<IReadOnlyList<string>> grid, string title)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = DisclosureWorkbook.Stylesheet();
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());

        var amountColumn = (int)LineSheet.Column.Amount;
        var lines = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < grid.Count; r++)
            data.Append(DisclosureWorkbook.RowOf((uint)(r + 1), grid[r].Select((text, c) =>
                r == 0 ? DisclosureWorkbook.Text(text, DisclosureWorkbook.Header)
                : c == amountColumn && AmountLimits.TryParse(text, false, out var amount, out _) && amount is { } a ? DisclosureWorkbook.Number(a)
                : DisclosureWorkbook.Text(text, DisclosureWorkbook.Label))));
        var words = WordColumns();
        var validations = new DataValidations(words.Select((w, i) => new DataValidation
        {
            Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true,
            ErrorTitle = LineSheet.Headers[(int)w.Column], Error = $"请从“{WordsSheet}”工作表列出的词中选择。",
            SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{DisclosureWorkbook.Reference(2, (int)w.Column)}:{DisclosureWorkbook.Reference((uint)MaxRows, (int)w.Column)}" },
            Formula1 = new Formula1($"'{WordsSheet}'!${ColumnName(i)}$2:${ColumnName(i)}${w.Words.Count + 1}"),
        }));
        validations.Count = (uint)words.Count;
        lines.Worksheet = new Worksheet(
            new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
            new Columns(LineSheet.Headers.Select((h, i) => new Column
            {
                Min = (uint)(i + 1), Max = (uint)(i + 1), CustomWidth = true,
                Width = i switch { (int)LineSheet.Column.FunctionalName or (int)LineSheet.Column.EconomicName or (int)LineSheet.Column.Project => 30, (int)LineSheet.Column.Source => 34, _ => 14 },
            })),
            data, validations);
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(lines), SheetId = 1, Name = LinesSheet });

        var list = workbookPart.AddNewPart<WorksheetPart>();
        var listData = new SheetData();
        var height = words.Max(w => w.Words.Count);
        listData.Append(DisclosureWorkbook.RowOf(1, words.Select(w => DisclosureWorkbook.Text(LineSheet.Headers[(int)w.Column], DisclosureWorkbook.Header))));
        for (var r = 0; r < height; r++)
            listData.Append(DisclosureWorkbook.RowOf((uint)(r + 2), words.Select(w => r < w.Words.Count ? DisclosureWorkbook.Text(w.Words[r], DisclosureWorkbook.Label) : null)));
        list.Worksheet = new Worksheet(new Columns(new Column { Min = 1, Max = (uint)words.Count, CustomWidth = true, Width = 40 }), listData);
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(list), SheetId = 2, Name = WordsSheet });

        document.PackageProperties.Title = title;
        document.PackageProperties.Language = "zh-CN";
    }

    /// <summary>The words of the columns that take words (支出类型, 资金来源), in the order of sheet 可选值.</summary>
    public static IReadOnlyList<(LineSheet.Column Column, IReadOnlyList<string> Words)> WordColumns() =>
    [
        (LineSheet.Column.Spending, LineSheet.Spendings.Select(s => s.Label).ToList()),
        (LineSheet.Column.Source, MoneySources.All.Select(s => s.Label).ToList()),
    ];

    private static string ColumnName(int column) => DisclosureWorkbook.Reference(1, column)[..^1];

    /// <summary>
    /// The grid of an uploaded template's sheet 预算明细 (else its first sheet): row n of the grid is row n of
    /// the sheet. Null, with the reasons, when the file cannot be read or is past a limit.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>>? Read(Stream input, long maxUnpackedBytes, List<string> errors)
    {
        SpreadsheetDocument document;
        try
        {
            // What the file unpacks to is checked before anything is parsed (a small zip can unpack to gigabytes).
            document = SheetCells.Open(input, maxUnpackedBytes);
        }
        catch (UnpackedSizeException e)
        {
            errors.Add(e.Message);
            return null;
        }
        catch (Exception e) when (e is OpenXmlPackageException or IOException or InvalidDataException or FormatException or ArgumentException or XmlException)
        {
            errors.Add("文件不是有效的 Excel 工作簿（.xlsx），请使用下载的明细模板填写。");
            return null;
        }
        using (document)
        {
            try
            {
                var workbook = document.WorkbookPart;
                var all = workbook?.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
                var sheet = all.FirstOrDefault(s => s.Name?.Value == LinesSheet) ?? all.FirstOrDefault();
                if (workbook is null || sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
                {
                    errors.Add("文件不是有效的 Excel 工作簿：没有工作表。");
                    return null;
                }
                var name = sheet.Name?.Value ?? LinesSheet;
                var rows = new List<List<string>>();
                foreach (var cell in SheetCells.Read(part, SheetCells.SharedStrings(workbook), WorkbookUpload.MaxCellLength))
                {
                    if (cell.Row > MaxRows || cell.Column >= MaxColumns)
                    {
                        errors.Add($"工作表“{name}”单元格 {TextLimits.Preview(cell.Reference)}：超出范围（最多 {MaxRows} 行、{MaxColumns} 列）；明细超过 {LineSheet.MaxLines} 行时请分成几个文件。");
                        return null;
                    }
                    while (rows.Count < cell.Row) rows.Add([]);
                    var row = rows[cell.Row - 1];
                    while (row.Count <= cell.Column) row.Add("");
                    row[cell.Column] = cell.Text;
                }
                return rows;
            }
            catch (SheetCellException e)
            {
                errors.Add(e.BadReference ? $"工作表“{LinesSheet}”：{e.Message}。" : $"工作表“{LinesSheet}”单元格 {e.Reference}：{e.Message}。");
                return null;
            }
            catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or FormatException or ArgumentException or InvalidOperationException or IOException)
            {
                errors.Add("文件不是有效的 Excel 工作簿（.xlsx）：工作簿结构无法读取（请在 Excel 中打开后重新保存）。");
                return null;
            }
        }
    }
}
