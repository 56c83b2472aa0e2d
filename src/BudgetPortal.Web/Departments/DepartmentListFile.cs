using BudgetPortal.Web.Uploads;

namespace BudgetPortal.Web.Departments;

/// <summary>One line of a department list as written, before any rule is checked.</summary>
public sealed record DepartmentListLine(int Line, string Code, string Name, string ShortName, string ParentCode, string Region, string UnitType);

/// <summary>
/// Reads a list of departments for bulk creation: a .csv or an .xlsx (its first sheet), read by
/// <see cref="TabularFile"/>, with a header line naming the columns 代码, 全称, 简称, 主管部门代码, 地区,
/// 单位类型 (any order; 代码 and 全称 required). Line numbers are the file's own (the header is line 1
/// in a CSV; the row number in a sheet). Only the file's shape is checked here; the rules are
/// <see cref="DepartmentBulkCreation"/>'s.
/// </summary>
public static class DepartmentListFile
{
    public const long MaxBytes = 2 * 1024 * 1024;
    public const int MaxLines = 5000;
    /// <summary>No value in the list is longer than this; anything longer is refused before the rules run.</summary>
    private const int MaxCellLength = 500;

    public static readonly string[] Columns = ["代码", "全称", "简称", "主管部门代码", "地区", "单位类型"];

    public sealed record Result(IReadOnlyList<DepartmentListLine> Lines, IReadOnlyList<string> Errors);

    private static readonly TabularLimits Limits = new(MaxBytes, MaxLines + 1 + 1000, MaxCellLength);

    public static Result Read(Stream content, string fileName)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        try
        {
            return FromRows(TabularFile.Read(fileName, buffer.ToArray(), Limits).Select(r => (r.Line, r.Cells.ToList())).ToList());
        }
        catch (TabularFileException e)
        {
            return new Result([], [e.Message]);
        }
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
}
