using System.Globalization;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BudgetPortal.Web.Downloads;

/// <summary>
/// The eleven tables as one .xlsx workbook, one sheet per table laid out as published: 表 N and
/// the title, 编制部门 and 单位, the header rows with their merged cells, the ※ numbering row, the
/// rows with amounts as numbers (two decimals, blank for zero), and an empty table's sentence.
/// </summary>
public static class DisclosureWorkbook
{
    /// <summary>The cell styles of <see cref="Stylesheet"/> (the line template writes with them too).</summary>
    internal const uint Plain = 0, Bold = 1, Header = 2, Amount = 3, Label = 4;

    public static void Write(Stream output, Disclosure disclosure, ClassificationCatalog? catalog = null)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        uint sheetId = 1;
        foreach (var kind in TableSchemas.All)
        {
            var table = PrintedTable.Build(disclosure.Table(kind), disclosure.FiscalYear, disclosure.DepartmentName, catalog);
            var part = workbookPart.AddNewPart<WorksheetPart>();
            WriteSheet(part, table, disclosure.DepartmentName);
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId++, Name = $"表{(int)kind}" });
        }
        document.PackageProperties.Title = $"{disclosure.DepartmentName}{disclosure.FiscalYear}年部门预算公开表";
        document.PackageProperties.Creator = disclosure.DepartmentName;
        document.PackageProperties.Language = "zh-CN";
    }

    private static void WriteSheet(WorksheetPart part, PrintedTable table, string department)
    {
        var schema = table.Schema;
        var width = table.Width;
        var data = new SheetData();
        var merges = new List<string>();
        uint r = 1;

        data.Append(RowOf(r++, [Text($"表 {schema.Number}", Bold)]));
        data.Append(RowOf(r, [Text(schema.Title, Bold)]));
        merges.Add(Range(r++, 0, r - 1, width - 1));
        data.Append(RowOf(r++, [Text($"编制部门：{department}", Plain), .. Enumerable.Repeat<Cell?>(null, Math.Max(0, width - 2)), Text("单位：万元", Plain)]));

        var grid = HeaderGrid.Of(schema);
        var headerTop = r;
        for (var hr = 0; hr < grid.Height; hr++)
        {
            var cells = new Cell?[width];
            foreach (var p in grid.Cells.Where(p => p.Row == hr))
            {
                cells[p.Column] = Text(p.Cell.Text, Header);
                if (p.Cell.ColSpan > 1 || p.Cell.RowSpan > 1)
                    merges.Add(Range(headerTop + (uint)hr, p.Column, headerTop + (uint)(hr + p.Cell.RowSpan - 1), p.Column + p.Cell.ColSpan - 1));
            }
            data.Append(RowOf(r++, cells.Select(c => c ?? Text("", Header))));
        }
        if (schema.NumberingRow is { } numbering)
            data.Append(RowOf(r++, numbering.Select(n => Text(n, Header))));

        foreach (var row in table.Body)
        {
            var cells = new List<Cell?>();
            foreach (var cell in row.Cells)
            {
                if (cell.Column is not null)
                    cells.Add(cell.Amount is { } a ? Number(a) : Text("", Amount));
                else
                    cells.Add(Text(cell.Text, row.Kind == RowKind.Total ? Bold : Label));
                if (cell.ColSpan > 1)
                {
                    merges.Add(Range(r, cells.Count - 1, r, cells.Count - 2 + cell.ColSpan));
                    for (var i = 1; i < cell.ColSpan; i++) cells.Add(Text("", Label));
                }
            }
            data.Append(RowOf(r++, cells));
        }
        if (table.EmptyText is { } empty)
        {
            data.Append(RowOf(r, [Text(empty, Plain)]));
            merges.Add(Range(r, 0, r, width - 1));
        }

        var worksheet = new Worksheet();
        worksheet.Append(new Columns(Enumerable.Range(1, width).Select(i => new Column
        {
            Min = (uint)i, Max = (uint)i, CustomWidth = true,
            Width = i <= schema.LabelColumnCount ? LabelWidth(schema, i) : 14,
        })));
        worksheet.Append(data);
        if (merges.Count > 0)
            worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
        part.Worksheet = worksheet;
    }

    private static double LabelWidth(TableSchema schema, int column) => schema.Layout switch
    {
        TableLayout.FunctionalTree or TableLayout.Projects when column <= 3 => 6,
        TableLayout.EconomicTree when column <= 2 => 6,
        _ => 34,
    };

    internal static Row RowOf(uint index, IEnumerable<Cell?> cells)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var cell in cells)
        {
            if (cell is not null)
            {
                cell.CellReference = Reference(index, column);
                row.Append(cell);
            }
            column++;
        }
        return row;
    }

    internal static Cell Text(string text, uint style) => new()
    {
        DataType = CellValues.InlineString, StyleIndex = style,
        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }),
    };

    internal static Cell Number(decimal amount) => new()
    {
        DataType = CellValues.Number, StyleIndex = Amount,
        CellValue = new CellValue(amount.ToString(CultureInfo.InvariantCulture)),
    };

    private static string Range(uint r1, int c1, uint r2, int c2) => $"{Reference(r1, c1)}:{Reference(r2, c2)}";

    public static string Reference(uint row, int column)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    internal static Stylesheet Stylesheet()
    {
        var thin = new BorderPropertiesType[] { new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder() };
        foreach (var b in thin) { b.Style = BorderStyleValues.Thin; b.Append(new Color { Indexed = 64 }); }
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.00" }) { Count = 1 },
            new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(), new Border(thin[0], thin[1], thin[2], thin[3], new DiagonalBorder())) { Count = 2 },
            new CellFormats(
                new CellFormat(),                                                            // 0 plain
                new CellFormat { FontId = 1, ApplyFont = true },                              // 1 bold
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
                    { FontId = 1, BorderId = 1, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true },   // 2 header
                new CellFormat { NumberFormatId = 164, BorderId = 1, ApplyNumberFormat = true, ApplyBorder = true },   // 3 amount
                new CellFormat(new Alignment { WrapText = true }) { BorderId = 1, ApplyBorder = true, ApplyAlignment = true }) // 4 label
            { Count = 5 });
    }
}
