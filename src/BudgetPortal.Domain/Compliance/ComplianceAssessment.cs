namespace BudgetPortal.Domain.Compliance;

/// <summary>Where an expected department stands on a day.</summary>
public enum ComplianceStatus
{
    /// <summary>未提交: nothing submitted, and the deadline not passed (or no 批复 yet).</summary>
    NotSubmitted,
    /// <summary>审核中: a version waits for the finance bureau, the deadline not passed.</summary>
    InReview,
    /// <summary>已公开: published within the deadline (or with no 批复 date to count from).</summary>
    Published,
    /// <summary>逾期公开: published after the deadline.</summary>
    PublishedLate,
    /// <summary>逾期未公开: the deadline passed and nothing is published.</summary>
    Overdue,
}

/// <summary>A department the finance bureau expects to publish in a year, with its 主管部门 and 批复 date.</summary>
public sealed record ExpectedDepartment(int DepartmentId, string Code, string Name, int? ParentId, string ParentName, string? Region, DateOnly? ApprovedOn);

/// <summary>
/// What is stored of one published version for the dashboard (written when it is published): when, which
/// version, its frozen checks' errors and warnings, and the checklist items it fails.
/// </summary>
public sealed record PublishedFacts(int Version, DateTimeOffset PublishedAt, int Errors, int Warnings, IReadOnlyList<ChecklistFinding> Failures);

/// <summary>One row of the dashboard.</summary>
public sealed record ComplianceRow(
    ExpectedDepartment Department,
    ComplianceStatus Status,
    DateOnly? Deadline,
    DateOnly? FirstPublishedOn,
    /// <summary>Days from 批复 to the first publication (null when either is missing).</summary>
    int? Days,
    /// <summary>The latest version public on the day (null: nothing public).</summary>
    int? Version,
    int Errors,
    int Warnings,
    /// <summary>The required items the latest public version fails.</summary>
    IReadOnlyList<ChecklistFinding> Missing)
{
    public bool IsPublished => Status is ComplianceStatus.Published or ComplianceStatus.PublishedLate;
    public bool IsComplete => IsPublished && Missing.Count == 0;
    public bool IsOnTime => Status == ComplianceStatus.Published;
    public int Corrections => Version is { } v ? v - 1 : 0;
}

/// <summary>The figures of a group of rows (a 主管部门's, or the region's).</summary>
public sealed record ComplianceTotals(string Name, int Expected, int Published, int OnTime, int Late, int Overdue, int InReview, int Complete, int Errors, int Warnings)
{
    /// <summary>按时公开率: published within the deadline, of every expected department.</summary>
    public decimal? OnTimeShare => Expected == 0 ? null : (decimal)OnTime / Expected;
    /// <summary>完整率: complete, of the published.</summary>
    public decimal? CompleteShare => Published == 0 ? null : (decimal)Complete / Published;
    /// <summary>每份公开的错误数.</summary>
    public decimal? ErrorsPerDisclosure => Published == 0 ? null : (decimal)Errors / Published;

    public static ComplianceTotals Of(string name, IReadOnlyCollection<ComplianceRow> rows) => new(name, rows.Count,
        rows.Count(r => r.IsPublished), rows.Count(r => r.IsOnTime), rows.Count(r => r.Status == ComplianceStatus.PublishedLate),
        rows.Count(r => r.Status == ComplianceStatus.Overdue), rows.Count(r => r.Status == ComplianceStatus.InReview),
        rows.Count(r => r.IsComplete), rows.Where(r => r.IsPublished).Sum(r => r.Errors), rows.Where(r => r.IsPublished).Sum(r => r.Warnings));
}

/// <summary>
/// The dashboard's rule: the status of an expected department on a day, from its 批复 date, what was
/// published by then and whether a version waits for review. Days are calendar days in China Standard
/// Time; a department approved on day A may publish up to day A + deadline. Published on time is decided
/// by the first publication (a correction later does not make it late); completeness and the checks by
/// the latest version public on the day.
/// </summary>
public static class ComplianceAssessment
{
    /// <summary>China Standard Time, the calendar of 批复 and of the publication date.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime);

    /// <param name="published">Every published version of the department's year (any order); those after <paramref name="asOf"/> are ignored.</param>
    /// <param name="inReview">A version of the year is submitted and waits for review.</param>
    public static ComplianceRow Assess(ExpectedDepartment department, IEnumerable<PublishedFacts> published, bool inReview, ComplianceRules rules, DateOnly asOf)
    {
        var versions = published.Where(p => ChinaDate(p.PublishedAt) <= asOf).OrderBy(p => p.Version).ToList();
        var deadline = department.ApprovedOn is { } approved ? rules.DeadlineFor(approved) : (DateOnly?)null;
        if (versions.Count == 0)
        {
            var status = deadline is { } d && asOf > d ? ComplianceStatus.Overdue
                : inReview ? ComplianceStatus.InReview : ComplianceStatus.NotSubmitted;
            return new ComplianceRow(department, status, deadline, null, null, null, 0, 0, []);
        }
        var first = ChinaDate(versions[0].PublishedAt);
        var latest = versions[^1];
        var days = department.ApprovedOn is { } a ? first.DayNumber - a.DayNumber : (int?)null;
        var late = deadline is { } dl && first > dl;
        var missing = latest.Failures.Where(f => rules.Requires(f.Item)).ToList();
        return new ComplianceRow(department, late ? ComplianceStatus.PublishedLate : ComplianceStatus.Published, deadline, first, days,
            latest.Version, latest.Errors, latest.Warnings, missing);
    }

    public static string Label(ComplianceStatus status) => status switch
    {
        ComplianceStatus.NotSubmitted => "未提交",
        ComplianceStatus.InReview => "审核中",
        ComplianceStatus.Published => "已公开",
        ComplianceStatus.PublishedLate => "逾期公开",
        ComplianceStatus.Overdue => "逾期未公开",
        _ => status.ToString(),
    };

    /// <summary>Reads a status by its label or name (the page's filter); null when it is neither.</summary>
    public static ComplianceStatus? ParseStatus(string? text) =>
        Enum.GetValues<ComplianceStatus>().Cast<ComplianceStatus?>().FirstOrDefault(s => Label(s!.Value) == text || s.Value.ToString() == text);

    /// <summary>
    /// How many of <paramref name="rows"/> were published by each day after 批复 (0 … the last day any
    /// was, at least the deadline): the chart of publication over the days.
    /// </summary>
    public static IReadOnlyList<(int Day, int Published, int Cumulative)> ByDay(IEnumerable<ComplianceRow> rows, int deadlineDays)
    {
        var days = rows.Where(r => r.Days is >= 0).Select(r => r.Days!.Value).ToList();
        var last = Math.Max(deadlineDays, days.Count == 0 ? 0 : days.Max());
        var counts = days.GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        var result = new List<(int, int, int)>();
        var sum = 0;
        for (var day = 0; day <= last; day++)
        {
            var n = counts.GetValueOrDefault(day);
            sum += n;
            result.Add((day, n, sum));
        }
        return result;
    }
}
