namespace BudgetPortal.Domain.Compliance;

/// <summary>
/// A department the finance bureau expects to publish its budget for a fiscal year, and the day its budget
/// was approved (批复), from which the deadline counts. Entered by the bureau (form or list file); one per
/// department and year.
/// </summary>
public sealed class ExpectedDisclosure
{
    private ExpectedDisclosure() { }

    public ExpectedDisclosure(int departmentId, int fiscalYear, DateOnly? approvedOn)
    {
        if (fiscalYear is < 2000 or > 2100)
            throw new DomainException($"预算年度 {fiscalYear} 无效：应为 2000–2100 之间的年份。");
        DepartmentId = departmentId;
        FiscalYear = fiscalYear;
        Approve(approvedOn);
    }

    public int DepartmentId { get; private set; }
    public int FiscalYear { get; private set; }
    /// <summary>批复日期; null while the budget is not approved yet.</summary>
    public DateOnly? ApprovedOn { get; private set; }

    /// <summary>Sets the 批复 date: within the year before the fiscal year or the fiscal year itself.</summary>
    public void Approve(DateOnly? on)
    {
        if (on is { } d && (d.Year < FiscalYear - 1 || d.Year > FiscalYear))
            throw new DomainException($"批复日期 {d:yyyy-MM-dd} 不在 {FiscalYear - 1}–{FiscalYear} 年内：{FiscalYear} 年预算的批复日期应在上一年或当年。");
        ApprovedOn = on;
    }

    /// <summary>Reads a 批复 date as typed: 2025-01-20, 2025/1/20, 2025.1.20 or 2025年1月20日; empty is none.</summary>
    public static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = text.Trim().Replace('年', '-').Replace('月', '-').Replace("日", "").Replace('/', '-').Replace('.', '-');
        var parts = t.Split('-');
        if (parts.Length == 3 && int.TryParse(parts[0], out var y) && int.TryParse(parts[1], out var m) && int.TryParse(parts[2], out var day)
            && y is >= 1900 and <= 2200 && m is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y, m))
        {
            date = new DateOnly(y, m, day);
            return true;
        }
        return false;
    }
}
