using System.Text;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Downloads;

/// <summary>
/// A table as CSV: the same rows and columns as the page shows (one header line naming each column
/// by the headers above it, the ※ numbering row left out, blanks for zeros), UTF-8 with BOM so
/// Excel opens the Chinese text correctly.
/// </summary>
public static class TableCsv
{
    public static readonly Encoding Utf8WithBom = Csv.Utf8WithBom;

    public static async Task WriteAsync(TextWriter writer, PrintedTable table)
    {
        await writer.WriteAsync(Line(table.Schema.ColumnNames));
        foreach (var row in table.Body)
            await writer.WriteAsync(Line(Cells(row)));
        if (table.EmptyText is { } empty)
            await writer.WriteAsync(Line([empty, .. Enumerable.Repeat("", table.Width - 1)]));
    }

    /// <summary>The cells of a printed row, a spanning label followed by blanks for the columns it covers.</summary>
    public static IEnumerable<string> Cells(PrintedRow row)
    {
        foreach (var cell in row.Cells)
        {
            yield return cell.Text;
            for (var i = 1; i < cell.ColSpan; i++) yield return "";
        }
    }

    /// <summary>One CSV line (RFC 4180 quoting, CRLF), every cell neutralised against formula injection (<see cref="Csv.Line"/>).</summary>
    public static string Line(IEnumerable<string> values) => Csv.Line(values);
}
