using System.Text;

namespace BudgetPortal.Domain;

/// <summary>One line of a CSV text: its number as the person sees it (a quoted cell may span lines) and its cells.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Cells);

/// <summary>
/// The portal's one CSV codec (RFC 4180): the downloads write with it, the uploads (departments, catalogs,
/// budget lines) and the seeds' line files read with it. Reading takes comma, tab or semicolon (the most
/// frequent on the first lines), quoted cells with separators, quotes and line breaks, and keeps each row's
/// line number so problems name it. Writing quotes where needed, ends lines with CRLF and neutralises a
/// text a spreadsheet would run as a formula. The file's bytes (BOM, encodings) are the caller's.
/// </summary>
public static class Csv
{
    /// <summary>UTF-8 with a BOM, so Excel opens the Chinese text correctly.</summary>
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>
    /// The rows of a CSV text. Past <paramref name="maxRows"/> rows nothing more is read (one more row is
    /// returned, so the caller can say the file is too long); a cell past <paramref name="maxCellLength"/>,
    /// a row past <paramref name="maxColumns"/> cells, NUL and an unclosed quote are refused in Chinese.
    /// A leading BOM is dropped.
    /// </summary>
    public static IReadOnlyList<CsvRow> Parse(string text, int maxRows, int maxCellLength, int maxColumns = 64)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (text.IndexOf('\0') is >= 0 and var nul)
            throw new DomainException($"第 {text[..nul].Count(c => c == '\n') + 1} 行含有不允许的空字符（\\0），文件可能不是文本文件。");
        var head = string.Join('\n', text.Split('\n').Take(40));
        var separator = new[] { ',', '\t', ';' }.OrderByDescending(s => head.Count(c => c == s)).First();
        var rows = new List<CsvRow>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var rowStart = 1;
        void EndField()
        {
            if (row.Count >= maxColumns) throw new DomainException($"第 {rowStart} 行超过 {maxColumns} 列。");
            row.Add(field.ToString());
            field.Clear();
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == separator) EndField();
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndField();
                rows.Add(new CsvRow(rowStart, row));
                row = [];
                line++;
                rowStart = line;
                if (rows.Count > maxRows) return rows;   // past the limit: the caller says so, nothing more is read
            }
            else field.Append(c);
            if (field.Length > maxCellLength)
                throw new DomainException($"第 {rowStart} 行有一个值超过 {maxCellLength} 个字（是否有未闭合的引号？）。");
        }
        if (quoted) throw new DomainException($"第 {rowStart} 行的引号没有闭合。");
        if (field.Length > 0 || row.Count > 0)
        {
            EndField();
            rows.Add(new CsvRow(rowStart, row));
        }
        return rows;
    }

    /// <summary>
    /// The rows as a grid where row n is line n of the text (a line inside a quoted cell, or past the end
    /// of the rows, is an empty row), so what reads the grid names the line the person sees.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Grid(IReadOnlyList<CsvRow> rows)
    {
        var byLine = rows.ToDictionary(r => r.Line, r => r.Cells);
        var last = rows.Count == 0 ? 0 : rows.Max(r => r.Line);
        return Enumerable.Range(1, last).Select(line => byLine.GetValueOrDefault(line) ?? []).ToList();
    }

    /// <summary>One CSV line (RFC 4180 quoting, CRLF), every cell neutralised against formula injection.</summary>
    public static string Line(IEnumerable<string> values) => string.Join(',', values.Select(v => Quote(Neutralise(v)))) + "\r\n";

    /// <summary>A grid as CSV text, one <see cref="Line"/> per row.</summary>
    public static string Write(IEnumerable<IEnumerable<string>> grid) => string.Concat(grid.Select(Line));

    /// <summary>
    /// A text that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
    /// return: OWASP's CSV injection list) is written with a leading apostrophe, so it shows as typed.
    /// Amounts are never negative and never start with these, so every figure goes out unchanged.
    /// </summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>A cell read back as it was before <see cref="Neutralise"/>: the apostrophe before = + - @ dropped.</summary>
    public static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
