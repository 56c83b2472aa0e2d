using System.Net;
using BudgetPortal.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>The notes form as a reviewer reads it, and where it shows a section's findings.</summary>
[Collection(WorkspaceCollection.Name)]
public sealed class NoteFormTests(WorkspaceFixture portal)
{
    [Fact]
    public async Task AReviewerReadsAPublishedSectionWithItsFindingsAtTheLineTheyConcern()
    {
        await portal.CreateUserAsync("noteform-reviewer", PortalRoles.Reviewer);
        using var reviewer = await portal.LoginAsync("noteform-reviewer");
        int id;
        await using (var db = portal.NewDbContext())
            id = await db.Disclosures.Where(d => d.Department.Code == "dkyj" && d.FiscalYear == 2024).Select(d => d.Id).SingleAsync();

        // Seed 002 prints 增长 13.86% for 一般公共预算 in 说明二 (spec R4, 0.01 off: a rounding finding): shown in that line's row.
        var page = await reviewer.PageAsync($"/workspace/disclosures/{id}/notes/2");
        var row = page.QuerySelector("tr[data-line='generalBudget']")!;
        var finding = Assert.Single(row.QuerySelectorAll(".cell-finding"));
        Assert.Contains("13.86", finding.TextContent);
        Assert.Contains("rounding", finding.ClassList);
        Assert.Empty(page.QuerySelectorAll("tr[data-line='unitFunds'] .cell-finding"));
        Assert.NotNull(page.QuerySelector("section.findings"));

        // Read-only: the fields are disabled, there is no button to press, the published text is shown.
        Assert.NotNull(page.QuerySelector("fieldset.note-fields[disabled]"));
        Assert.Empty(page.QuerySelectorAll("form.note-form button"));
        Assert.Contains("只能查看", page.QuerySelector(".notice.readonly")!.TextContent);
        Assert.Contains("本节现在是导入或原文的文字，不随各表更新", page.QuerySelector(".note-origin")!.TextContent);
        Assert.Contains("增长 13.86%", page.QuerySelector(".preview")!.TextContent);
        Assert.Contains("本部门比上年增加 1人", page.QuerySelector("textarea[name$='.Fields[reason]']")!.TextContent);

        // And a save is refused (the form's fields, posted with the reviewer's own token).
        using var response = await reviewer.PostAsync(FormSession.Form(page), new() { ["Input.Heading"] = "改" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TooLongWordingIsRefusedAtItsFieldAndNothingIsStored()
    {
        await NewYearTests.PublishedLastYearAsync(portal, "noteform-limits", "说明长度测试单位", "noteform-limits-officer");
        using var officer = await portal.LoginAsync("noteform-limits-officer");
        var id = await WorkspaceSteps.NewDisclosureAsync(officer, "说明长度测试单位", 2026, fromPrevious: true);
        var page = await officer.PageAsync($"/workspace/disclosures/{id}/notes/7");

        var response = await officer.PostAsync(FormSession.Form(page, "保存"), new()
        {
            ["Input.Lines[0].Fields[unit]"] = new string('长', 201), ["Input.Lines[0].Fields[allocation]"] = "按进度拨付",
        }, "保存并下一节");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FormSession.ReadAsync(response);
        var unit = result.QuerySelector("textarea[name='Input.Lines[0].Fields[unit]']")!;
        Assert.Equal("true", unit.GetAttribute("aria-invalid"));
        Assert.Contains("的项目承担单位不超过 200 个字（现有 201 个字）", unit.ParentElement!.TextContent);
        Assert.Equal("按进度拨付", result.QuerySelector("textarea[name='Input.Lines[0].Fields[allocation]']")!.TextContent);
        Assert.Equal("true", result.QuerySelector("form.note-form")!.GetAttribute("data-unsaved"));
        await using var db = portal.NewDbContext();
        var stored = await db.NoteSections.Include(n => n.Lines).SingleAsync(n => n.DisclosureId == id && n.Key == "7");
        Assert.DoesNotContain(stored.Lines, l => l.Allocation == "按进度拨付");
    }
}
