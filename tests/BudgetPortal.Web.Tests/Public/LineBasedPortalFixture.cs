using BudgetPortal.Data;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Web.Infrastructure;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Public;

/// <summary>
/// A portal with three published 2025 disclosures of its own besides the seeds: one kept as a dozen budget
/// lines (<see cref="LineBased"/>), one with more lines than the page lists (<see cref="ManyLines"/>), and one
/// kept as tables (<see cref="TableBased"/>). Each is made as an officer's would be (the seed's overview,
/// notes and sheets; the lines set through <see cref="Disclosure.SetLines"/>, which derives the tables) and
/// published with its checks.
/// </summary>
public sealed class LineBasedPortalFixture : PortalFixture
{
    public const int Year = 2025;
    public const string LineBased = "lines-test";
    public const string ManyLines = "many-lines";
    public const string TableBased = "tables-test";
    public const string LineBasedName = "明细测试中心";

    public const string Attracting = "招商引资服务项目";
    public const string Exchange = "对口协作交流项目";

    /// <summary>The line-based disclosure's lines, in the order entered: basic and project lines mixed, as an officer types them.</summary>
    public static IReadOnlyList<BudgetLine> Lines { get; } =
    [
        new("2013150", "30101", LineSpending.Personnel, MoneySource.GeneralBudget, 120.50m),
        new("2013199", "30226", LineSpending.Project, MoneySource.GeneralBudget, 10.00m, Attracting, "王芳"),
        new("2013150", "30102", LineSpending.Personnel, MoneySource.GeneralBudget, 36.20m),
        new("2080505", "30108", LineSpending.Personnel, MoneySource.GeneralBudget, 18.75m),
        new("2013150", "30201", LineSpending.Project, MoneySource.GeneralBudget, 5.25m, Exchange, "李强"),
        new("2013150", "30201", LineSpending.Public, MoneySource.GeneralBudget, 6.40m),
        new("2013199", "30217", LineSpending.Project, MoneySource.GeneralBudget, 1.50m, Attracting, "王芳"),
        new("2013150", "30211", LineSpending.Public, MoneySource.UnitOperations, 2.10m),
        new("2101101", "30399", LineSpending.Personnel, MoneySource.GeneralBudget, 4.05m),
        new("2013199", "30211", LineSpending.Project, MoneySource.CarryoverGeneralBudget, 3.30m, Attracting, "王芳"),
        new("2013150", "30226", LineSpending.Project, MoneySource.SpecialAccount, 2.60m, Exchange, "李强"),
        new("2210201", "30113", LineSpending.Personnel, MoneySource.GeneralBudget, 14.40m),
    ];

    /// <summary>Projects of the many-lines disclosure, and how many lines each has (more than the page lists in all).</summary>
    public static readonly IReadOnlyList<(string Project, int Lines)> ManyProjects =
        [("甲项目", 200), ("乙项目", 200), ("丙项目", 60), ("丁项目", 60)];

    public static IEnumerable<BudgetLine> ManyLinesOf() =>
        ManyProjects.SelectMany(p => Enumerable.Range(0, p.Lines).Select(i =>
            new BudgetLine("2013150", "30226", LineSpending.Project, MoneySource.GeneralBudget, 1.00m + i / 100m, p.Project, "赵敏")));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = NewDbContext();
        var catalogs = await db.YearCatalogsAsync(Year);
        await PublishAsync(db, LineBased, LineBasedName, d => d.SetLines(Lines.Select(l => l.Copy()), catalogs));
        await PublishAsync(db, ManyLines, "明细很多的测试单位", d => d.SetLines(ManyLinesOf(), catalogs));
        await PublishAsync(db, TableBased, "表格测试中心", _ => { });
        await PublishedContent.EverythingChangedAsync(Services.GetRequiredService<IOutputCacheStore>());
    }

    private static async Task PublishAsync(BudgetDbContext db, string code, string name, Action<Disclosure> figures)
    {
        var doc = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        doc.Department = new DepartmentDoc { Code = code, Name = name };
        doc.SignOff.Name = name;
        var draft = await db.AddDraftOfNewDepartmentAsync(code, name, doc);
        figures(draft);
        await db.SaveChangesAsync();
        draft.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(draft, await db.YearCatalogsAsync(Year)));
        await db.SaveChangesAsync();
    }
}
