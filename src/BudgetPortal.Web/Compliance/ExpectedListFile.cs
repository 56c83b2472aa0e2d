using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Compliance;
using BudgetPortal.Web.Uploads;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Compliance;

/// <summary>
/// The list of a year's expected departments as the finance bureau uploads it: a .csv (read with the
/// portal's <see cref="Csv"/> through <see cref="TabularFile"/>, so UTF-8, UTF-16 and GB18030 all read) or an
/// .xlsx, header <c>部门代码,批复日期</c> (a 部门名称 column may stand beside them and is not read). Every line
/// names a department of the department list; its 主管部门 is the list's. The whole file is one transaction:
/// with any bad line nothing is saved, and every bad line is named with its line and column.
/// </summary>
public static class ExpectedListFile
{
    public const long MaxBytes = 1024 * 1024;
    public const int MaxLines = 10_000;
    private const int MaxCellLength = 200;

    public static readonly string[] Columns = ["部门代码", "批复日期"];
    private static readonly string[] Ignored = ["部门名称", "主管部门"];
    private static readonly TabularLimits Limits = new(MaxBytes, MaxLines + 1 + 100, MaxCellLength);

    public sealed record Result(IReadOnlyList<(int DepartmentId, DateOnly? ApprovedOn)> Lines, IReadOnlyList<string> Errors);

    public static async Task<Result> ReadAsync(BudgetDbContext db, string fileName, byte[] content, int year, CancellationToken ct)
    {
        IReadOnlyList<TabularRow> rows;
        try { rows = TabularFile.Read(fileName, content, Limits); }
        catch (TabularFileException e) { return new Result([], [e.Message]); }
        catch (DomainException e) { return new Result([], [e.Message]); }

        var data = rows.Where(r => r.Cells.Any(c => c.Trim().Length > 0)).ToList();
        if (data.Count == 0) return new Result([], [$"文件是空的：第一行应为表头“{string.Join(",", Columns)}”。"]);
        var (headerLine, header) = (data[0].Line, data[0].Cells);
        var errors = new List<string>();
        var at = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0 || Ignored.Contains(name)) continue;
            if (!Columns.Contains(name)) errors.Add($"第 {headerLine} 行（表头）第 {i + 1} 列“{Shorten(name)}”不是可用的列名；可用的列：{string.Join("、", Columns)}。");
            else if (!at.TryAdd(name, i)) errors.Add($"第 {headerLine} 行（表头）：列“{name}”出现了两次。");
        }
        foreach (var required in Columns)
            if (!at.ContainsKey(required)) errors.Add($"第 {headerLine} 行（表头）缺少列“{required}”。");
        if (errors.Count > 0) return new Result([], errors);
        var lines = data.Skip(1).ToList();
        if (lines.Count == 0) return new Result([], ["文件只有表头，没有部门。"]);
        if (lines.Count > MaxLines) return new Result([], [$"文件有 {lines.Count} 行部门，一次最多 {MaxLines} 行；请分成几个文件上传。"]);

        string Cell(TabularRow r, string column) => at[column] < r.Cells.Count ? r.Cells[at[column]].Trim() : "";
        string Where(TabularRow r, string column) => $"第 {r.Line} 行第 {at[column] + 1} 列（{column}）";
        var codes = lines.Select(r => Cell(r, "部门代码").ToLowerInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        var ids = await db.Departments.Where(d => codes.Contains(d.Code)).Select(d => new { d.Code, d.Id }).ToDictionaryAsync(d => d.Code, d => d.Id, ct);
        var seen = new Dictionary<string, int>();
        var result = new List<(int, DateOnly?)>();
        foreach (var r in lines)
        {
            var code = Cell(r, "部门代码").ToLowerInvariant();
            var dateText = Cell(r, "批复日期");
            if (code.Length == 0) { errors.Add($"{Where(r, "部门代码")}是空的。"); continue; }
            if (!ids.TryGetValue(code, out var id)) { errors.Add($"{Where(r, "部门代码")}“{Shorten(code)}”不在部门清单中（请先在部门管理中新建）。"); continue; }
            if (!seen.TryAdd(code, r.Line)) { errors.Add($"{Where(r, "部门代码")}“{code}”与第 {seen[code]} 行重复。"); continue; }
            if (!ExpectedDisclosure.TryParseDate(dateText, out var date))
            {
                errors.Add($"{Where(r, "批复日期")}“{Shorten(dateText)}”不是日期；请写成 2025-01-20 的样子，尚未批复的留空。");
                continue;
            }
            try { _ = new ExpectedDisclosure(id, year, date); }
            catch (DomainException e) { errors.Add($"{Where(r, "批复日期")}：{e.Message}"); continue; }
            result.Add((id, date));
        }
        return new Result(errors.Count == 0 ? result : [], errors);
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
