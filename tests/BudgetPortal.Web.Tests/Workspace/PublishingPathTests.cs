using System.Net;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>
/// The whole path through real forms: an officer enters all of seed 000 — 部门概况, the eleven
/// tables, every section of 情况说明, the performance sheets and the sign-off — for a new department, submits, a reviewer publishes; the public page and the JSON show the
/// seed's figures; a correction becomes version 2 with its reason.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class PublishingPathTests(WorkspaceFixture portal)
{
    private const string Seed = "000_b9ea59971ad8d31b.json";

    [Fact]
    public async Task OfficerEntersSeedTablesReviewerPublishesAndCorrects()
    {
        var seed = Repo.LoadSeed(Seed);
        const string code = "e2e-dept";
        await portal.CreateDepartmentAsync(code, seed.Department.Name);
        await portal.CreateUserAsync("e2e-officer", PortalRoles.Officer, code);
        await portal.CreateUserAsync("e2e-reviewer", PortalRoles.Reviewer);
        using var officer = await portal.LoginAsync("e2e-officer");
        using var reviewer = await portal.LoginAsync("e2e-reviewer");

        var id = await WorkspaceSteps.NewDisclosureAsync(officer, seed.Department.Name, seed.FiscalYear, fromPrevious: false);
        // Everything through the forms: the tables first (the notes are drafted from them), then
        // 部门概况, every section of 情况说明, the performance sheets and the sign-off.
        foreach (var (number, table) in seed.Tables.OrderBy(t => int.Parse(t.Key)))
            await WorkspaceSteps.EnterTableAsync(officer, id, seed.FiscalYear, int.Parse(number), table);
        await DocumentSteps.EnterOverviewAsync(officer, id, seed.Overview);
        foreach (var note in seed.Notes)
            await DocumentSteps.EnterNoteAsync(officer, id, note);
        await DocumentSteps.EnterDepartmentSheetAsync(officer, id, seed.Performance.Department!);
        for (var k = 0; k < seed.Performance.Projects.Count; k++)
            await DocumentSteps.EnterProjectSheetAsync(officer, id, k + 1, seed.Performance.Projects[k]);

        var signOff = await officer.PageAsync($"/workspace/disclosures/{id}/sign-off");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync(FormSession.Form(signOff), new()
        {
            ["Input.Name"] = seed.SignOff.Name, ["Input.Date"] = seed.SignOff.Date.ToString("yyyy-MM-dd"), ["Input.Text"] = seed.SignOff.Text,
        })).StatusCode);

        // Before publishing nothing is public.
        using (var hidden = await portal.Http.GetAsync($"/api/v1/disclosures/{code}/{seed.FiscalYear}"))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        await WorkspaceSteps.DoAsync(officer, id, "提交审核");
        await WorkspaceSteps.PublishAsync(reviewer, id);

        var published = DisclosureDocument.Parse(await portal.Http.GetStringAsync($"/api/v1/disclosures/{code}/{seed.FiscalYear}"));
        AssertSameTables(seed, published);
        Assert.Equal(seed.SignOff.Date, published.SignOff.Date);
        Assert.Equal(seed.SignOff.Text, published.SignOff.Text);
        Assert.Equal(seed.SignOff.Name, published.SignOff.Name);
        DocumentSteps.AssertSameOverview(seed.Overview, published.Overview);
        // Typed text and fixed sentences are published exactly; drafted and composed paragraphs are
        // compared without whitespace, because the seed keeps the PDF's irregular spacing
        // (“基本支出169.66万元” beside “项目支出 10.00 万元”) and the portal prints one spacing.
        DocumentSteps.AssertSameNotes(seed.Notes, published.Notes, new HashSet<string> { "5", "8", "9", "11", "12", "12.2", "12.5" });
        DocumentSteps.AssertSameSheets(seed.Performance, published.Performance);

        // The public page prints every figure of the seed's tables in the same cells.
        var page = await portal.GetPageAsync($"/departments/{code}/{seed.FiscalYear}");
        foreach (var (number, table) in seed.Tables)
            foreach (var row in table.Rows)
                foreach (var (column, amount) in row.Cells)
                    Assert.Contains(page.QuerySelectorAll($"#table-{number} td[data-column='{column}']"), td => td.TextContent.Trim() == amount.ToString("0.00"));

        // Publishing prints the official PDF: it is stored without anyone downloading it.
        await using (var pdfDb = portal.NewDbContext())
        {
            var stored = false;
            for (var i = 0; i < 240 && !stored; i++)
            {
                stored = await pdfDb.DisclosurePdfs.AnyAsync(p => p.DisclosureId == id);
                if (!stored) await Task.Delay(500);
            }
            Assert.True(stored, "the PDF of the published version was not printed after publishing");
        }

        // A published version cannot be edited, even through the form.
        var frozen = await officer.PageAsync($"/workspace/disclosures/{id}/tables/3");
        Assert.Contains("只能查看", frozen.Body!.TextContent);

        // Correction: a reason is required; version 2 carries it, is edited, submitted, published.
        var noReason = await WorkspaceSteps.ActAsync(reviewer, id, "更正（新建第 2 版）", new() { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("请填写更正原因", await noReason.Content.ReadAsStringAsync());
        const string reason = "表10 公务接待费应为 1.20 万元。";
        var corrected = await WorkspaceSteps.ActAsync(reviewer, id, "更正（新建第 2 版）", new() { ["Reason"] = reason });
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var id2 = int.Parse(corrected.Headers.Location!.OriginalString.Split('/').Last());
        Assert.NotEqual(id, id2);

        var table10 = seed.Tables["10"];
        await WorkspaceSteps.EnterTableAsync(officer, id2, seed.FiscalYear, 10, table10);
        await WorkspaceSteps.DoAsync(officer, id2, "提交审核");
        await WorkspaceSteps.PublishAsync(reviewer, id2);

        var v2 = await portal.GetPageAsync($"/departments/{code}/{seed.FiscalYear}");
        Assert.Contains("第 2 版", v2.QuerySelector(".version")!.TextContent);
        Assert.Contains(reason, v2.QuerySelector(".version")!.TextContent);

        await using var db = portal.NewDbContext();
        var versions = await db.Disclosures.Where(d => d.Department.Code == code).OrderBy(d => d.Version)
            .Select(d => new { d.Version, d.Status, d.CorrectionReason }).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.Equal(DisclosureStatus.Published, v.Status));
        Assert.Equal(reason, versions[1].CorrectionReason);
        var actions = await db.AuditLog.Where(a => a.DisclosureId == id || a.DisclosureId == id2).Select(a => a.Action).ToListAsync();
        Assert.Contains(BudgetPortal.Domain.Audit.AuditAction.Submit, actions);
        Assert.Contains(BudgetPortal.Domain.Audit.AuditAction.Publish, actions);
        Assert.Contains(BudgetPortal.Domain.Audit.AuditAction.Correct, actions);
        // Version 1: 11 tables, 部门概况, every note section, the sheets and the sign-off; version 2: 表10.
        Assert.Equal(11 + 1 + seed.Notes.Count + 1 + seed.Performance.Projects.Count + 1 + 1,
            actions.Count(a => a == BudgetPortal.Domain.Audit.AuditAction.Save));
    }

    /// <summary>Every row of every table of the seed is published with the same name and cells (and nothing more).</summary>
    internal static void AssertSameTables(DisclosureDocument expected, DisclosureDocument actual)
    {
        foreach (var (number, table) in expected.Tables)
        {
            var schema = TableSchemas.For((TableKind)int.Parse(number), expected.FiscalYear);
            static string Identity(RowDoc r, TableSchema s) => $"{WorkspaceSteps.KindOf(r, s)}|{r.Key}|{r.Code}|{r.Project}";
            var published = actual.Tables[number].Rows.Where(r => r.Cells.Count > 0).ToDictionary(r => Identity(r, schema));
            var seedRows = table.Rows.Where(r => r.Cells.Count > 0).ToList();
            Assert.Equal(seedRows.Count, published.Count);
            foreach (var row in seedRows)
            {
                Assert.True(published.TryGetValue(Identity(row, schema), out var got), $"表{number} {Identity(row, schema)} missing");
                Assert.Equal(row.Cells.OrderBy(c => c.Key), got!.Cells.OrderBy(c => c.Key));
                if (row.Name is not null && row.Key is null) Assert.Equal(row.Name, got.Name);
            }
            Assert.Equal(table.EmptyText, actual.Tables[number].EmptyText);
        }
    }
}
