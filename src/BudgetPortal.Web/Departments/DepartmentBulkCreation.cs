using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Departments;

/// <summary>
/// Checks every line of a department list against the rules and the database and, only when no line
/// is wrong, adds all the departments to the context (the caller saves them in one transaction).
/// A 主管部门 may be an existing department or one defined on an earlier line of the same file.
/// </summary>
public static class DepartmentBulkCreation
{
    public sealed record Result(IReadOnlyList<Department> Created, IReadOnlyList<string> Errors);

    public static async Task<Result> PrepareAsync(BudgetDbContext db, IReadOnlyList<DepartmentListLine> lines, CancellationToken ct)
    {
        var errors = new List<string>();
        var codes = lines.Select(l => l.Code).Concat(lines.Select(l => l.ParentCode)).Where(c => c.Length > 0).Distinct().ToList();
        // Tracked: an existing 主管部门 gets new units.
        var existing = await db.Departments.Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, ct);
        var firstLine = lines.GroupBy(l => l.Code).ToDictionary(g => g.Key, g => g.First().Line);
        var created = new Dictionary<string, (Department Department, int Line)>();
        var result = new List<Department>();

        foreach (var line in lines)
        {
            var problems = new List<string>();
            void Problem(string text) => problems.Add(text);

            if (line.Code.Length == 0) Problem("代码为空");
            else if (!Department.IsValidCode(line.Code))
                Problem($"代码“{DepartmentListFile.Shorten(line.Code)}”无效（只能使用小写字母、数字和连字符，长度 2–{Department.MaxCodeLength}）");
            else if (existing.TryGetValue(line.Code, out var taken))
                Problem($"代码“{line.Code}”已被“{taken.Name}”使用");
            else if (firstLine[line.Code] != line.Line)
                Problem($"代码“{line.Code}”与第 {firstLine[line.Code]} 行重复");

            if (line.Name.Length == 0) Problem("全称为空");
            else if (line.Name.Length > Department.MaxNameLength) Problem($"全称超过 {Department.MaxNameLength} 个字（{line.Name.Length} 个）");
            if (line.ShortName.Length > Department.MaxShortNameLength) Problem($"简称超过 {Department.MaxShortNameLength} 个字（{line.ShortName.Length} 个）");
            if (line.Region.Length > Department.MaxRegionLength) Problem($"地区超过 {Department.MaxRegionLength} 个字（{line.Region.Length} 个）");

            UnitType? unitType = null;
            if (line.UnitType.Length == 0) Problem("单位类型为空（应为 行政单位、事业单位 或 参公事业单位）");
            else if (Department.ParseUnitType(line.UnitType) is { } parsed) unitType = parsed;
            else Problem($"单位类型“{DepartmentListFile.Shorten(line.UnitType)}”无效（应为 行政单位、事业单位 或 参公事业单位）");

            Department? parent = null;
            if (line.ParentCode.Length > 0)
            {
                if (line.ParentCode == line.Code) Problem("主管部门代码是本部门自己");
                else if (created.TryGetValue(line.ParentCode, out var earlier))
                {
                    if (earlier.Department.Parent is not null)
                        Problem($"主管部门“{line.ParentCode}”（第 {earlier.Line} 行）本身是下属单位，不能作为主管部门");
                    else parent = earlier.Department;
                }
                else if (existing.TryGetValue(line.ParentCode, out var known))
                {
                    if (known.ParentId is not null) Problem($"主管部门“{line.ParentCode}”（{known.Name}）本身是下属单位，不能作为主管部门");
                    else parent = known;
                }
                else if (firstLine.TryGetValue(line.ParentCode, out var later) && later > line.Line)
                    Problem($"主管部门代码“{line.ParentCode}”在第 {later} 行才定义；主管部门要写在它的单位之前");
                else if (!firstLine.ContainsKey(line.ParentCode))
                    Problem($"主管部门代码“{DepartmentListFile.Shorten(line.ParentCode)}”不存在（既不是已有部门，也不在本文件中）");
                else Problem($"主管部门“{line.ParentCode}”所在的行有错误");
            }

            if (problems.Count > 0)
            {
                errors.Add($"第 {line.Line} 行：{string.Join("；", problems)}。");
                continue;
            }
            try
            {
                var department = new Department(line.Code, line.Name);
                department.Describe(line.ShortName, line.Region, unitType);
                department.PlaceUnder(parent, hasUnits: false);
                created[line.Code] = (department, line.Line);
                result.Add(department);
            }
            catch (DomainException e)
            {
                errors.Add($"第 {line.Line} 行：{e.Message}");
            }
        }
        if (errors.Count > 0) return new Result([], errors);
        db.Departments.AddRange(result);
        return new Result(result, []);
    }
}
