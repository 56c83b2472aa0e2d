using System.Globalization;
using BudgetPortal.Domain;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BudgetPortal.Web.Uploads;

/// <summary>A cell the portal cannot read, in Chinese, with where it is; the reader that met it says which sheet.</summary>
public sealed class SheetCellException(string reference, int row, bool badReference, string problem) : Exception(problem)
{
    public string Reference { get; } = reference;
    /// <summary>The Excel row, or 0 when the reference itself is not a cell's.</summary>
    public int Row { get; } = row;
    public bool BadReference { get; } = badReference;
}

/// <summary>
/// The cells of an uploaded .xlsx, for every reader of one (the eleven tables of 上传 Excel, the
/// department list, the classification catalogs): checked for what the file unpacks to before it
/// is opened, read as a stream of cells (a sheet is never loaded whole), and each cell's text
/// checked — a reference that is not a cell's (B, 6B, B99999999999), NUL, a text past the reader's
/// limit — so a hostile or broken file is a Chinese message naming the cell, never a crash.
/// </summary>
public static class SheetCells
{
    public readonly record struct SheetCell(string Reference, int Row, int Column, string Text);

    /// <summary>The workbook, after its unpacked size is checked (<see cref="UnpackedSize"/>).</summary>
    public static SpreadsheetDocument Open(Stream zip, long maxUnpackedBytes)
    {
        UnpackedSize.Check(zip, maxUnpackedBytes);
        return SpreadsheetDocument.Open(zip, false);
    }

    /// <summary>The shared strings, read as a stream (only the texts are kept).</summary>
    public static List<string> SharedStrings(WorkbookPart workbook)
    {
        var shared = new List<string>();
        if (workbook.SharedStringTablePart is not { } strings) return shared;
        using var reader = OpenXmlReader.Create(strings);
        while (reader.Read())
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                shared.Add(reader.LoadCurrentElement()!.InnerText);
        return shared;
    }

    /// <summary>The sheet's cells with a reference, in file order (1-based rows, 0-based columns); throws <see cref="SheetCellException"/>.</summary>
    public static IEnumerable<SheetCell> Read(WorksheetPart part, IReadOnlyList<string> shared, int maxCellLength)
    {
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Cell) || !reader.IsStartElement) continue;
            var cell = (Cell)reader.LoadCurrentElement()!;
            if (cell.CellReference?.Value is not { } reference) continue;
            if (Reference(reference) is not var (row, column))
                throw new SheetCellException(reference, 0, true, $"单元格引用“{TextLimits.Preview(reference)}”无效（应为列字母加行号，如 B6）");
            var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                : cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i >= 0 && i < shared.Count ? shared[i]
                : cell.CellValue?.Text ?? "";
            if (text.Contains('\0')) throw new SheetCellException(reference, row, false, "含有不允许的空字符（\\0）");
            if (text.Length > maxCellLength) throw new SheetCellException(reference, row, false, $"内容超过 {maxCellLength} 个字");
            yield return new SheetCell(reference, row, column, text);
        }
    }

    /// <summary>B6 → (6, 1); null for what is not a cell reference (B, 6B, letters past XFD, a row past int).</summary>
    public static (int Row, int Column)? Reference(string reference)
    {
        var letters = 0;
        while (letters < reference.Length && char.IsAsciiLetter(reference[letters])) letters++;
        if (letters is 0 or > 3 || letters == reference.Length) return null;
        if (!int.TryParse(reference.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row < 1) return null;
        var column = 0;
        for (var i = 0; i < letters; i++) column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        return (row, column - 1);
    }
}
