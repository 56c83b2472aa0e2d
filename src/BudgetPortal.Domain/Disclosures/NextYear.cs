using System.Text.RegularExpressions;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Disclosures;

/// <summary>
/// A new year's draft started from last year's published disclosure (以上一年度为基础): what is not a
/// figure of last year carries over, no amount and no finding does.
/// <list type="bullet">
/// <item>every table's rows (codes and names, 表7's and 表11's projects, the department line, the fixed
/// lines) without amounts;</item>
/// <item>部门概况 with its staff as they were (no change against last year) and the sign-off name;</item>
/// <item>the performance sheets' indicators, last year's values as 上年完成值;</item>
/// <item>of 情况说明 the wording of 表7's projects, which carry over as rows: 说明七's policy basis, unit,
/// allocation (unless it quotes last year's amounts) and period (moved to the new year). The reasons for
/// last year's changes (主要原因) stay behind; 说明四's and 说明十一's 主要用于 belong to lines that exist
/// only once their amounts are entered, so the notes form offers last year's wording there instead.</item>
/// </list>
/// The notes the portal drafts are then drafted from the (empty) tables with last year's figures as
/// 上年预算数, so they state last year's amounts and follow the tables as they are filled in.
/// </summary>
public static partial class NextYear
{
    /// <param name="functional">The new year's 功能分类 catalog, naming 类 in the notes drafted (<see cref="Disclosure.NameCategoriesFrom"/>).</param>
    public static void CarryForward(Disclosure previous, Disclosure next, ClassificationCatalog? functional)
    {
        if (previous.Department.Code != next.Department.Code)
            throw new DomainException($"只能以同一部门上一年度的公开为基础：{previous.DepartmentName} 不是 {next.DepartmentName}。");
        if (previous.FiscalYear != next.FiscalYear - 1)
            throw new DomainException($"应以 {next.FiscalYear - 1} 年的公开为基础，而不是 {previous.FiscalYear} 年。");
        if (!previous.IsPublished)
            throw new DomainException($"{previous.FiscalYear} 年第 {previous.Version} 版尚未发布，不能作为新年度的基础。");

        var overview = previous.Overview.Copy();
        overview.Staff.ActiveChange = overview.Staff.RetiredChange = overview.Staff.HonoraryChange = 0;
        next.SetSignOff(new SignOff { Name = previous.SignOff.Name }, functional);
        overview.StructureText = StructureSentences.Compose(next.DepartmentName, overview);
        next.SetOverview(overview);

        foreach (var table in previous.Tables)
        {
            var schema = next.Schema(table.Kind);
            var rows = table.Rows
                .Where(r => r.Kind != RowKind.Fixed || schema.FixedRows.Any(f => f.Key == r.Key))
                .Select(r => new TableRow(r.Kind, r.Code, r.Name, r.Key, r.Project))
                .ToList();
            if (rows.Count > 0) next.SetTable(new BudgetTable(table.Kind, rows), functional);
        }

        next.SetPerformanceSheets(previous.PerformanceSheets.Select(s =>
            new PerformanceSheet(s.Kind, next.FiscalYear, s.Name, s.Indicators.Select(NextYearsIndicator))
            { Unit = s.Unit, Contact = s.Contact, Phone = s.Phone }));

        next.SetNotes(LastingWording(previous, next));
        next.DraftNotes(PriorYearFigures.FromDisclosure(previous), functional);
    }

    /// <summary>An indicator for next year: every field carried, last year's 指标值 its 上年完成值, its 指标值 to be set.</summary>
    private static Indicator NextYearsIndicator(Indicator last)
    {
        var next = last.Copy();
        (next.LastYear, next.Value) = (last.Value, "");
        return next;
    }

    /// <summary>The sections holding the wording that carries over, as drafted sections to be drafted again.</summary>
    private static IEnumerable<NoteSection> LastingWording(Disclosure previous, Disclosure next)
    {
        NoteSection Section(string key, IEnumerable<NoteLine> lines) =>
            new(key, NoteKeys.DefaultHeading(key, next.DepartmentName, next.FiscalYear), [], lines, isDrafted: true);
        if (previous.Note("7") is { } projects)
            yield return Section("7", projects.Lines.Select(l => new NoteLine(l.Key)
            {
                Label = l.Label, PolicyBasis = l.PolicyBasis, Unit = l.Unit,
                Allocation = l.Allocation is { } a && QuotesAmount().IsMatch(a) ? null : l.Allocation,
                Period = MovedPeriod(l.Period, previous.FiscalYear, next.FiscalYear),
            }));
    }

    /// <summary>
    /// 资金执行时间 in the new year: a period naming only last year moves to the new year; any other
    /// (several years, no year) is left for the officer (blank prints the whole new year).
    /// </summary>
    public static string? MovedPeriod(string? period, int previousYear, int year)
    {
        if (string.IsNullOrWhiteSpace(period)) return null;
        var years = FourDigits().Matches(period).Select(m => m.Value).Distinct().ToList();
        return years.Count == 1 && years[0] == previousYear.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? period.Replace(years[0], year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : null;
    }

    /// <summary>
    /// Last year's wording offered for the new year (主要用于 …): a text naming only last year names the
    /// new year instead; any other text is offered as it is.
    /// </summary>
    public static string? MovedWording(string? text, int previousYear, int year) =>
        MovedPeriod(text, previousYear, year) ?? text;

    [GeneratedRegex(@"[0-9]+(?:\.[0-9]+)?\s*万\s*元")]
    private static partial Regex QuotesAmount();

    [GeneratedRegex(@"(?<![0-9])[0-9]{4}(?![0-9])")]
    private static partial Regex FourDigits();
}
