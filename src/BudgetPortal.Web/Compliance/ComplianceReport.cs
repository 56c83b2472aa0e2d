using BudgetPortal.Data;
using BudgetPortal.Domain.Compliance;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Compliance;

/// <summary>What the dashboard is asked: a 主管部门 (by code), a status, a sort column and direction, a page.</summary>
public sealed record ComplianceQuery(string? Parent = null, ComplianceStatus? Status = null, string Sort = "parent", bool Descending = false)
{
    public static readonly IReadOnlyList<(string Key, string Heading)> Columns =
    [
        ("name", "部门"), ("parent", "主管部门"), ("approved", "批复日期"), ("status", "状态"), ("days", "批复至公开天数"),
        ("complete", "完整性"), ("errors", "错误"), ("warnings", "警告"),
    ];

    public static string NormalSort(string? sort) => Columns.Any(c => c.Key == sort) ? sort! : "parent";
}

/// <summary>
/// A year's compliance on a day (issue 17): every expected department assessed against its region's rules,
/// totals per 主管部门 and for the region, and publication by day. Read in four queries, each bounded by the
/// year's expected departments (or the year's rules): the expected departments with their 主管部门, the stored
/// facts of the year's published versions, the versions waiting for review, the rules. No disclosure is loaded.
/// </summary>
public sealed class ComplianceReport
{
    public required int Year { get; init; }
    public required DateOnly AsOf { get; init; }
    public required IReadOnlyList<ComplianceRow> Rows { get; init; }
    public required ComplianceRules DefaultRules { get; init; }
    /// <summary>Regions with rules of their own this year.</summary>
    public required IReadOnlyDictionary<string, ComplianceRules> RegionRules { get; init; }

    public ComplianceTotals Region => _region ??= ComplianceTotals.Of("全部", Rows);
    private ComplianceTotals? _region;

    /// <summary>The 主管部门 groups: a department's 主管部门, or the department itself when it has none.</summary>
    public IReadOnlyList<(string Code, string Name, ComplianceTotals Totals)> ByParent => _byParent ??=
        Rows.GroupBy(r => (Code: ParentCode(r), r.Department.ParentName)).OrderBy(g => g.Key.ParentName, StringComparer.Ordinal).ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => (g.Key.Code, g.Key.ParentName, ComplianceTotals.Of(g.Key.ParentName, g.ToList()))).ToList();
    private IReadOnlyList<(string Code, string Name, ComplianceTotals Totals)>? _byParent;

    /// <summary>The code of a row's 主管部门 (the department's own when it has none).</summary>
    public string ParentCode(ComplianceRow row) => _parentCodes.GetValueOrDefault(row.Department.DepartmentId, row.Department.Code);

    private readonly Dictionary<int, string> _parentCodes = [];

    public ComplianceRules RulesFor(ExpectedDepartment d) =>
        d.Region is { Length: > 0 } region && RegionRules.TryGetValue(region, out var own) ? own : DefaultRules;

    /// <summary>Names compare by code point (fast and the same everywhere; a culture's collation costs ~10× over 10,000 rows).</summary>
    private static readonly Comparer<IComparable?> Ordinal = Comparer<IComparable?>.Create((a, b) =>
        a is string x && b is string y ? string.CompareOrdinal(x, y) : Comparer<IComparable?>.Default.Compare(a, b));

    /// <summary>The rows a query selects, in its order.</summary>
    public IReadOnlyList<ComplianceRow> Select(ComplianceQuery q)
    {
        IEnumerable<ComplianceRow> rows = Rows;
        if (!string.IsNullOrEmpty(q.Parent)) rows = rows.Where(r => ParentCode(r) == q.Parent);
        if (q.Status is { } s) rows = rows.Where(r => r.Status == s);
        // Rows without a value (no days yet) come last in either direction; the name breaks ties.
        Func<ComplianceRow, IComparable?> key = q.Sort switch
        {
            "name" => r => r.Department.Name,
            "approved" => r => r.Department.ApprovedOn,
            "status" => r => (int)r.Status,
            "days" => r => r.Days,
            "complete" => r => r.IsPublished ? r.Missing.Count : null,
            "errors" => r => r.IsPublished ? r.Errors : null,
            "warnings" => r => r.IsPublished ? r.Warnings : null,
            _ => r => r.Department.ParentName,
        };
        var ordered = rows.OrderBy(r => key(r) is null ? 1 : 0);
        ordered = q.Descending ? ordered.ThenByDescending(key, Ordinal) : ordered.ThenBy(key, Ordinal);
        return ordered.ThenBy(r => r.Department.Name, StringComparer.Ordinal).ThenBy(r => r.Department.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>The year's report on <paramref name="asOf"/>; null when no department is expected to publish that year.</summary>
    public static async Task<ComplianceReport?> LoadAsync(BudgetDbContext db, int year, DateOnly asOf, CancellationToken ct)
    {
        var expected = await (
            from e in db.ExpectedDisclosures.AsNoTracking()
            where e.FiscalYear == year
            join d in db.Departments on e.DepartmentId equals d.Id
            join p in db.Departments on d.ParentId equals p.Id into parents
            from p in parents.DefaultIfEmpty()
            select new { d.Id, d.Code, d.Name, d.ParentId, ParentCode = p == null ? null : p.Code, ParentName = p == null ? null : p.Name, d.Region, e.ApprovedOn })
            .ToListAsync(ct);
        if (expected.Count == 0) return null;

        var facts = (await db.ComplianceFacts.AsNoTracking()
                .Where(f => f.FiscalYear == year && db.ExpectedDisclosures.Any(e => e.FiscalYear == year && e.DepartmentId == f.DepartmentId))
                .ToListAsync(ct))
            .ToLookup(f => f.DepartmentId, f => f.ToFacts());
        var waiting = (await db.Disclosures.AsNoTracking()
                .Where(d => d.FiscalYear == year && d.Status == DisclosureStatus.Submitted)
                .Select(d => d.DepartmentId).ToListAsync(ct)).ToHashSet();
        var rules = (await db.ComplianceRules.AsNoTracking().Where(r => r.FiscalYear == year).ToListAsync(ct))
            .GroupBy(r => r.Region).ToDictionary(g => g.Key, g => ComplianceRuleEntry.ToRules(g.ToList()));
        var defaults = rules.GetValueOrDefault(ComplianceRuleEntry.AllRegions) ?? ComplianceRules.Default;
        var regionRules = rules.Where(r => r.Key != ComplianceRuleEntry.AllRegions).ToDictionary(r => r.Key, r => r.Value);

        var rows = new List<ComplianceRow>(expected.Count);
        var report = new ComplianceReport { Year = year, AsOf = asOf, Rows = rows, DefaultRules = defaults, RegionRules = regionRules };
        foreach (var e in expected)
        {
            var department = new ExpectedDepartment(e.Id, e.Code, e.Name, e.ParentId, e.ParentName ?? e.Name, e.Region, e.ApprovedOn);
            rows.Add(ComplianceAssessment.Assess(department, facts[e.Id], waiting.Contains(e.Id), report.RulesFor(department), asOf));
            report._parentCodes[e.Id] = e.ParentCode ?? e.Code;
        }
        return report;
    }

    /// <summary>Today in China.</summary>
    public static DateOnly Today => ComplianceAssessment.ChinaDate(DateTimeOffset.UtcNow);

    public static string Share(decimal? share) => share is { } s ? (s * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";

    public static string Ratio(decimal? value) => value is { } v ? v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>The row's completeness as the page and the files say it.</summary>
    public static string Completeness(ComplianceRow r) =>
        !r.IsPublished ? "—" : r.Missing.Count == 0 ? "完整" : "不完整：" + string.Join("；", r.Missing.Select(m => $"{ChecklistItems.Label(m.Item)}（{m.Detail}）"));
}
