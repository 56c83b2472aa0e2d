using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Domain.Tests.Seeds;

namespace BudgetPortal.Domain.Tests.Disclosures;

/// <summary>A new year started from last year's published disclosure: rows and wording carry over, amounts and findings do not.</summary>
public sealed class NextYearTests
{
    private static readonly DateTimeOffset PublishedAt = new(2025, 2, 14, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Seed 000 (2025) as published, and 2026 started from it.</summary>
    internal static (Disclosure Previous, Disclosure Next) Started(string seed = "000")
    {
        var previous = SeedFiles.Get(seed).Load();
        previous.Publish(PublishedAt, ConsistencyChecks.Run(previous));
        var next = new Disclosure(previous.Department, previous.FiscalYear + 1);
        NextYear.CarryForward(previous, next, null);
        return (previous, next);
    }

    [Theory]
    [MemberData(nameof(SeedFiles.Ids), MemberType = typeof(SeedFiles))]
    public void EveryTableCarriesItsRowsWithoutAmounts(string seed)
    {
        var (previous, next) = Started(seed);

        var carried = 0;
        foreach (var table in previous.Tables.Where(t => t.Rows.Count > 0))
        {
            var rows = next.Table(table.Kind).Rows;
            Assert.Equal(table.Rows.Select(r => (r.Kind, r.Code, r.Name, r.Key, r.Project)), rows.Select(r => (r.Kind, r.Code, r.Name, r.Key, r.Project)));
            Assert.All(rows, r => Assert.Empty(r.Cells));
            carried += rows.Count;
        }
        Assert.True(carried > 50, $"only {carried} rows carried");
        Assert.Contains(next.Table(TableKind.GeneralBudgetProjects).Rows, r => r.Kind == RowKind.Project);
        Assert.Contains(next.Table(TableKind.IncomeAndExpenditure).Rows, r => r.Kind == RowKind.Fixed);
    }

    [Fact]
    public void OverviewCarriesWithTheStaffUnchangedAndTheSignOffName()
    {
        var (previous, next) = Started("001");

        Assert.Equal(previous.Overview.Functions, next.Overview.Functions);
        Assert.Equal(previous.Overview.InternalUnits, next.Overview.InternalUnits);
        Assert.Equal(previous.Overview.Staff.Actual, next.Overview.Staff.Actual);
        Assert.Equal((0, 0, 0), (next.Overview.Staff.ActiveChange, next.Overview.Staff.RetiredChange, next.Overview.Staff.HonoraryChange));
        Assert.Contains("在职 7 人，增加 0 人；退休 4 人，增加 0 人", next.Overview.StructureText[1]);
        Assert.Equal(previous.SignOff.Name, next.SignOff.Name);
        Assert.Equal(default, next.SignOff.Date);
        Assert.NotSame(previous.Overview.Functions, next.Overview.Functions);
    }

    [Fact]
    public void PerformanceIndicatorsCarryWithLastYearsValueAsLastYear()
    {
        var (previous, next) = Started();

        var before = previous.PerformanceSheets.SelectMany(s => s.Indicators).ToList();
        var after = next.PerformanceSheets.SelectMany(s => s.Indicators).ToList();
        Assert.NotEmpty(after);
        Assert.Equal(before.Select(i => (i.Level3, (string?)i.Value)), after.Select(i => (i.Level3, i.LastYear)));
        Assert.All(after, i => Assert.Equal("", i.Value));
    }

    [Fact]
    public void ProjectWordingCarriesWithItsPeriodMovedAndNoReasonDoes()
    {
        var (previous, next) = Started();

        var before = previous.Note("7")!.Lines;
        var after = next.Note("7")!.Lines;
        Assert.Equal(before.Select(l => (l.Label, l.PolicyBasis, l.Unit)), after.Select(l => (l.Label, l.PolicyBasis, l.Unit)));
        Assert.All(after, l => Assert.DoesNotContain("2025", l.Period ?? ""));
        Assert.Contains(next.Note("7")!.Paragraphs, p => p.StartsWith("设立的政策依据：", StringComparison.Ordinal) && p.Length > "设立的政策依据：".Length);
        Assert.Contains(previous.Note("2")!.Lines, l => l.Reason is not null);
        Assert.All(NoteDrafter.DraftedKeys, k => Assert.All(next.Note(k)!.Lines, l => Assert.Null(l.Reason)));
    }

    [Fact]
    public void EveryDraftedSectionIsThereDraftedWithLastYearsFiguresAsPrior()
    {
        var (previous, next) = Started();

        Assert.All(NoteDrafter.DraftedKeys, k => Assert.True(next.Note(k)?.IsDrafted, $"说明{NoteKeys.Label(k)}"));
        Assert.All(NoteKeys.HeadingOnly, k => Assert.NotNull(next.Note(k)));
        var basic = next.Note("3")!.Line("basic")!;
        Assert.Equal(0m, basic.Amount);
        Assert.Equal(previous.Table(TableKind.Expenditure).Total!.Amount("basic"), basic.PriorAmount);
        Assert.StartsWith("三、 关于昌吉回族自治州经济协作服务中心 2026 年支出预算情况说明", next.Note("3")!.Heading);
        Assert.Contains("2026 年支出预算 0.00 万元", next.Note("3")!.Paragraphs[0]);
    }

    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    public void AFreshYearShowsNoErrorFromCarryingOver(string seed)
    {
        var (previous, next) = Started(seed);

        // Last year's own problems (001's department sheet weighs 305) are still there to fix; nothing else is.
        var lastYear = previous.FrozenChecks!.Failures.Select(f => (f.Rule, f.Message)).ToHashSet();
        var errors = ConsistencyChecks.Run(next).Failures.Where(f => f.Severity == Severity.Error && !lastYear.Contains((f.Rule, f.Message))).ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"[{e.Rule}] {e.Location}: {e.Message}")));
        Assert.Empty(next.PublishedChecks);
    }

    [Fact]
    public void OnlyLastYearsPublishedDisclosureOfTheSameDepartmentIsABasis()
    {
        var draft = SeedFiles.Get("000").Load();
        Assert.Contains("尚未发布", Assert.Throws<DomainException>(() => NextYear.CarryForward(draft, new Disclosure(draft.Department, 2026), null)).Message);
        var (previous, _) = Started();
        Assert.Throws<DomainException>(() => NextYear.CarryForward(previous, new Disclosure(previous.Department, 2027), null));
        Assert.Throws<DomainException>(() => NextYear.CarryForward(previous, new Disclosure(new Department("other", "其他单位"), 2026), null));
    }

    [Theory]
    [InlineData("2025 年 1 月 1 日-2025 年 12 月 31 日", "2026 年 1 月 1 日-2026 年 12 月 31 日")]
    [InlineData("2025年全年", "2026年全年")]
    [InlineData("2024-2026 年", null)]
    [InlineData("全年", null)]
    [InlineData("", null)]
    public void APeriodNamingOnlyLastYearMovesToTheNewYear(string period, string? moved) =>
        Assert.Equal(moved, NextYear.MovedPeriod(period, 2025, 2026));

    [Theory]
    [InlineData("缴纳 2025 年人员养老保险等", "缴纳 2026 年人员养老保险等")]
    [InlineData("人员工资及福利", "人员工资及福利")]
    [InlineData("2024、2025 年结转项目", "2024、2025 年结转项目")]
    public void OfferedWordingNamesTheNewYearWhereItNamedLastYear(string text, string offered) =>
        Assert.Equal(offered, NextYear.MovedWording(text, 2025, 2026));
}
