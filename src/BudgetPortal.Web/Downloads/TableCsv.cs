using System.Text;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Downloads;

/// <summary>
/// A table as CSV: the same rows and columns as the page shows (one header line naming each column
/// by the headers above it, the ※ numbering row left out, blanks for zeros), UTF-8 with BOM so
/// Excel opens the Chinese text correctly.
/// </summary>
public static class TableCsv
{
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static async Task WriteAsync(TextWriter writer, PrintedTable table)
    {
        await writer.WriteAsync(Line(HeaderGrid.Of(table.Schema).ColumnNames(table.Schema)));
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

    /// <summary>One CSV line (RFC 4180 quoting, CRLF), every cell neutralised against formula injection.</summary>
    public static string Line(IEnumerable<string> values) => string.Join(',', values.Select(v => Quote(Neutralise(v)))) + "\r\n";

    /// <summary>
    /// A text that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
    /// return: OWASP's CSV injection list) is written with a leading apostrophe, so it shows as typed.
    /// Amounts are never negative and never start with these, so every figure goes out unchanged.
    /// </summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
