using System.Net;
using AngleSharp.Dom;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>
/// 以上一年度为基础 (issue 11): a department's 2026 started from its published 2025 through the form has
/// last year's rows with empty amounts and no finding carried over, and its notes follow the tables
/// as they are saved, without a note being saved.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class NewYearTests(WorkspaceFixture portal)
{
    /// <summary>Seed 000's 2025 text, as it was published, for a department of our own.</summary>
    internal static readonly DisclosureDocument LastYear = Repo.LoadSeed("000_b9ea59971ad8d31b.json");

    /// <summary>A department with a published 2025 (seed 000's content) and its officer.</summary>
    internal static async Task PublishedLastYearAsync(WorkspaceFixture portal, string code, string name, string officer)
    {
        await using (var db = portal.NewDbContext())
        {
            var disclosure = await db.AddDraftOfNewDepartmentAsync(code, name, LastYear);
            // Published as the seed loader publishes: stored as a draft, then frozen.
            disclosure.Publish(DateTimeOffset.UtcNow.AddDays(-300), ConsistencyChecks.Run(disclosure));
            await db.SaveChangesAsync();
        }
        await portal.CreateUserAsync(officer, PortalRoles.Officer, code);
    }

    private async Task<(FormSession Officer, int Id)> StartedAsync(string code, string name)
    {
        await PublishedLastYearAsync(portal, code, name, code + "-officer");
        var officer = await portal.LoginAsync(code + "-officer");
        return (officer, await WorkspaceSteps.NewDisclosureAsync(officer, name, 2026, fromPrevious: true));
    }

    private static string Findings(IDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".findings li, .cell-finding").Select(e => e.TextContent.Trim()));

    [Fact]
    public async Task ANewYearFromLastYearHasEveryTablesRowsWithEmptyAmountsAndNoCarriedFinding()
    {
        var (officer, id) = await StartedAsync("ny-rows", "新年度测试单位甲");
        using var _ = officer;

        var checkedRows = 0;
        foreach (var (key, table) in LastYear.Tables.Where(t => t.Value.Rows.Count > 0))
        {
            var number = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
            var page = await officer.PageAsync($"/workspace/disclosures/{id}/tables/{number}");
            var schema = TableSchemas.For((TableKind)number, 2026);
            foreach (var row in table.Rows)
            {
                var kind = WorkspaceSteps.KindOf(row, schema);
                var index = WorkspaceSteps.RowIndex(page, row, kind);
                Assert.True(index is not null, $"表{number} 缺少上年的行 {row.Code} {row.Key} {row.Project}");
                checkedRows++;
                if (kind == RowKind.Project)
                    Assert.Equal(row.Project, page.QuerySelector($"input[name='Input.Rows[{index}].Project']")?.GetAttribute("value"));
            }
            var amounts = page.QuerySelectorAll("input[name*='].Cells[']").Select(i => i.GetAttribute("value") ?? "").ToList();
            Assert.NotEmpty(amounts);
            Assert.All(amounts, a => Assert.Equal("", a));
            Assert.True(Findings(page).Length == 0, $"表{number}: {Findings(page)}");
        }
        Assert.True(checkedRows > 80, $"only {checkedRows} rows");

        // No note shows a finding: not last year's, not a stale 0.00 ≠ 表….
        foreach (var key in NoteKeys.All)
        {
            var note = await officer.PageAsync($"/workspace/disclosures/{id}/notes/{key}");
            Assert.True(note.QuerySelector(".findings") is null, $"说明{NoteKeys.Label(key)}: {Findings(note)}");
        }
        var disclosure = await officer.PageAsync($"/workspace/disclosures/{id}");
        var errors = disclosure.QuerySelectorAll("ul.findings li.error").Select(e => e.TextContent.Trim()).ToList();
        Assert.True(errors.Count == 0, string.Join(" | ", errors));

        // The wording of 表7's projects carried over, and last year's figures stand as 上年预算数.
        var projects = await officer.PageAsync($"/workspace/disclosures/{id}/notes/7");
        var policy = projects.QuerySelectorAll("textarea[name$='.Fields[policyBasis]']").Select(t => t.TextContent).ToList();
        Assert.Equal(LastYear.Notes.Single(n => n.Key == "7").Lines.Select(l => l.PolicyBasis), policy);
        var spending = await officer.PageAsync($"/workspace/disclosures/{id}/notes/3");
        var basic = spending.QuerySelector("tr[data-line='basic'] td.amount")!.TextContent.Trim();
        Assert.Equal(LastYear.Tables["3"].Rows.Single(r => r.Kind == "total").Cells["basic"], decimal.Parse(basic, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("比上年预算减少", spending.QuerySelector(".preview")!.TextContent);
    }

    [Fact]
    public async Task SavingATableMakesTheNotesFollowWithoutSavingANote()
    {
        var (officer, id) = await StartedAsync("ny-follow", "新年度测试单位乙");
        using var _ = officer;
        int noteId;
        await using (var db = portal.NewDbContext())
            noteId = (await db.NoteSections.SingleAsync(n => n.DisclosureId == id && n.Key == "3")).Id;

        var table3 = LastYear.Tables["3"];
        await WorkspaceSteps.EnterTableAsync(officer, id, 2026, 3, table3);

        var total = table3.Rows.Single(r => r.Kind == "total").Cells["total"];
        var note = await officer.PageAsync($"/workspace/disclosures/{id}/notes/3");
        Assert.True(note.QuerySelector(".findings") is null, Findings(note));
        Assert.Contains($"2026 年支出预算 {NoteFormat.Amount(total)} 万元", note.QuerySelector(".preview")!.TextContent);
        Assert.Contains("比上年预算增加 0.00 万元，增长 0.00%", note.QuerySelector(".preview")!.TextContent);

        await using (var db = portal.NewDbContext())
        {
            var stored = await db.NoteSections.Include(n => n.Lines).Include(n => n.Figures).SingleAsync(n => n.DisclosureId == id && n.Key == "3");
            Assert.Equal(noteId, stored.Id);
            Assert.True(stored.IsDrafted);
            Assert.Equal(total, stored.Number("total"));
            Assert.Contains($"支出预算 {NoteFormat.Amount(total)} 万元", stored.Paragraphs[0]);
            Assert.False(await db.AuditLog.AnyAsync(a => a.DisclosureId == id && a.Detail.Contains("情况说明")));
        }
        // 说明一 waits for 表1 and shows no finding meanwhile.
        var overall = await officer.PageAsync($"/workspace/disclosures/{id}/notes/1");
        Assert.True(overall.QuerySelector(".findings") is null, Findings(overall));

        // Once 表4 has its 类, 说明四 offers last year's 主要用于 of the same 类, moved to the new year.
        await WorkspaceSteps.EnterTableAsync(officer, id, 2026, 4, LastYear.Tables["4"]);
        var uses = await officer.PageAsync($"/workspace/disclosures/{id}/notes/4");
        var row = uses.QuerySelector("tr[data-line='208']")!;
        Assert.Equal("缴纳 2026 年人员养老保险等", row.QuerySelector("textarea[name$='.Fields[purpose]']")!.TextContent);
        Assert.Contains("取自 2025 年的说明", row.TextContent);
        Assert.Contains("主要用于缴纳 2026 年人员养老保险等", uses.QuerySelector(".preview")!.TextContent);
    }

    [Fact]
    public async Task ANewSignOffNameIsTheNameTheDraftedNotesUse()
    {
        var (officer, id) = await StartedAsync("ny-rename", "新年度测试单位丙");
        using var _ = officer;
        var signOff = await officer.PageAsync($"/workspace/disclosures/{id}/sign-off");

        var saved = await officer.PostAsync(FormSession.Form(signOff, "保存"), new()
        {
            ["Input.Name"] = "新年度测试单位丙（更名后）", ["Input.Date"] = "2026-02-14",
        }, "保存");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var note = await officer.PageAsync($"/workspace/disclosures/{id}/notes/3");
        Assert.Equal("三、 关于新年度测试单位丙（更名后） 2026 年支出预算情况说明", note.QuerySelector("#note-heading")!.GetAttribute("value"));
        Assert.Contains("新年度测试单位丙（更名后） 2026 年支出预算", note.QuerySelector(".preview")!.TextContent);
        await using var db = portal.NewDbContext();
        var stored = await db.NoteSections.SingleAsync(n => n.DisclosureId == id && n.Key == "6");
        Assert.StartsWith("新年度测试单位丙（更名后） 2026 年一般公共预算基本支出", stored.Paragraphs[0]);
    }

    [Fact]
    public async Task AfterEveryTableIsEnteredNoNoteShowsAFindingThoughNoneWasSaved()
    {
        var (officer, id) = await StartedAsync("ny-all", "新年度测试单位丁");
        using var _ = officer;

        foreach (var (key, table) in LastYear.Tables.Where(t => t.Value.Rows.Count > 0))
            await WorkspaceSteps.EnterTableAsync(officer, id, 2026, int.Parse(key, System.Globalization.CultureInfo.InvariantCulture), table);

        foreach (var key in NoteKeys.All)
        {
            var note = await officer.PageAsync($"/workspace/disclosures/{id}/notes/{key}");
            Assert.True(note.QuerySelector(".findings") is null, $"说明{NoteKeys.Label(key)}: {Findings(note)}");
        }
        var disclosure = await officer.PageAsync($"/workspace/disclosures/{id}");
        var notes = disclosure.QuerySelectorAll("ul.findings li").Select(e => e.TextContent.Trim()).Where(t => t.Contains("说明", StringComparison.Ordinal)).ToList();
        Assert.True(notes.Count == 0, string.Join(" | ", notes));
        await using var db = portal.NewDbContext();
        Assert.False(await db.AuditLog.AnyAsync(a => a.DisclosureId == id && a.Detail.Contains("情况说明")));
        var overall = await db.NoteSections.Include(n => n.Figures).SingleAsync(n => n.DisclosureId == id && n.Key == "1");
        Assert.Equal(LastYear.Tables["1"].Rows.Single(r => r.Kind == "total").Cells["income"], overall.Number("total"));
    }
}
