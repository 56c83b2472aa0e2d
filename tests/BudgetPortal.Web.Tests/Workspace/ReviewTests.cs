using System.Net;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Printing;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>
/// The reviewer's side: the preview of a draft as the public page will show it, the draft PDF marked
/// 草稿, returning with a comment, and publishing only through the confirmation, which prints and
/// hashes the official PDF at once.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class ReviewTests(WorkspaceFixture portal)
{
    private const string Seed = "000_b9ea59971ad8d31b.json";

    /// <summary>
    /// A department that is not among the seeds with a complete draft (seed 000's figures under the
    /// department's own name), its officer, and a reviewer; the officer submits it through the page.
    /// </summary>
    internal static async Task<(int Id, DisclosureDocument Doc)> SubmittedDraftAsync(WorkspaceFixture portal, string prefix, bool submit = true)
    {
        var doc = Repo.LoadSeed(Seed);
        var name = $"审核测试{prefix}单位";
        doc.SignOff.Name = name;
        var departmentId = await portal.CreateDepartmentAsync(prefix, name);
        int id;
        await using (var db = portal.NewDbContext())
        {
            var department = await db.Departments.SingleAsync(d => d.Id == departmentId);
            var draft = new Disclosure(department, doc.FiscalYear);
            doc.ApplyTo(draft, null);
            db.Disclosures.Add(draft);
            await db.SaveChangesAsync();
            id = draft.Id;
        }
        await portal.CreateUserAsync($"{prefix}-officer", PortalRoles.Officer, prefix);
        await portal.CreateUserAsync($"{prefix}-reviewer", PortalRoles.Reviewer);
        if (submit)
        {
            using var officer = await portal.LoginAsync($"{prefix}-officer");
            await WorkspaceSteps.DoAsync(officer, id, "提交审核");
        }
        return (id, doc);
    }

    [Fact]
    public async Task ThePreviewIsForTheDepartmentsOfficersReviewersAndAdministratorsOnly()
    {
        var (id, doc) = await SubmittedDraftAsync(portal, "rv-preview", submit: false);
        await portal.CreateDepartmentAsync("rv-other", "审核测试他部门");
        await portal.CreateUserAsync("rv-other-officer", PortalRoles.Officer, "rv-other");
        await portal.CreateUserAsync("rv-admin", PortalRoles.Administrator);

        foreach (var user in new[] { "rv-preview-officer", "rv-preview-reviewer", "rv-admin" })
        {
            using var session = await portal.LoginAsync(user);
            using var response = await session.GetAsync($"/workspace/disclosures/{id}/preview");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
            var page = await FormSession.ReadAsync(response);
            Assert.Contains("草稿预览，尚未公开", page.QuerySelector(".draft-banner")!.TextContent);
            Assert.Equal("noindex", page.QuerySelector("meta[name='robots']")?.GetAttribute("content"));
            // The public page's own sections: every table with its figures, the notes, the glossary.
            var table3Total = doc.Tables["3"].Rows.SelectMany(r => r.Cells.Values).Max();
            Assert.Contains(page.QuerySelectorAll("#table-3 td"), td => td.TextContent.Trim() == table3Total.ToString("0.00"));
            Assert.NotNull(page.QuerySelector("#part-3 #note-1"));
            Assert.NotEmpty(page.QuerySelectorAll("#part-4 .glossary dt"));
            // Nothing points at public downloads that do not exist yet; the draft PDF instead.
            Assert.Empty(page.QuerySelectorAll("a[href$='.xlsx'], a[href$='.csv'], a[href^='/api/']"));
            Assert.NotNull(page.QuerySelector($"a[href='/workspace/disclosures/{id}/preview.pdf']"));
            // The same checks as the workflow page (with the year's catalogs), as publishing will freeze them.
            var workflow = await session.PageAsync($"/workspace/disclosures/{id}");
            var counts = workflow.QuerySelector("#checks-title + p")!.TextContent;
            foreach (var badge in page.QuerySelectorAll(".check-badge .badge"))
            {
                var n = new string(badge.TextContent.TakeWhile(char.IsDigit).ToArray());
                var label = badge.ClassList.Contains("warning") ? "提示" : badge.ClassList.Contains("rounding") ? "舍入差异" : "错误";
                Assert.Contains($"{label} {n} 项", counts);
            }
        }

        using (var stranger = await portal.LoginAsync("rv-other-officer"))
        {
            using var preview = await stranger.GetAsync($"/workspace/disclosures/{id}/preview");
            Assert.Equal(HttpStatusCode.NotFound, preview.StatusCode);
            using var pdf = await stranger.GetAsync($"/workspace/disclosures/{id}/preview.pdf");
            Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        }
        using (var anonymous = portal.NewSession())
        {
            foreach (var path in new[] { $"/workspace/disclosures/{id}/preview", $"/workspace/disclosures/{id}/preview.pdf" })
            {
                using var response = await anonymous.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
            }
            // Neither the public page nor the print view shows a draft, not even with a made-up token.
            foreach (var path in new[] { $"/departments/rv-preview/{doc.FiscalYear}", $"/print/disclosures/{id}", $"/print/disclosures/{id}?draft=abc" })
            {
                using var response = await anonymous.GetAsync(path);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }
        using (var unknown = await portal.LoginAsync("rv-admin"))
        {
            using var response = await unknown.GetAsync("/workspace/disclosures/999999/preview");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task TheDraftPdfSaysDraftOnEveryPageAndIsNeitherStoredNorCached()
    {
        var (id, doc) = await SubmittedDraftAsync(portal, "rv-draftpdf");
        using var reviewer = await portal.LoginAsync("rv-draftpdf-reviewer");
        using var response = await reviewer.GetAsync($"/workspace/disclosures/{id}/preview.pdf");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"preview.pdf → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Contains("草稿", response.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var pages = await Poppler.PageTextsAsync(bytes);
        Assert.True(pages.Count > 10, $"only {pages.Count} pages");
        for (var i = 0; i < pages.Count; i++)
            Assert.True(pages[i].Contains("草稿", StringComparison.Ordinal), $"page {i + 1} of {pages.Count} does not say 草稿");
        Assert.Contains("尚未公开", pages[0]);
        var info = PdfPigReader.Information(bytes);
        Assert.Contains("草稿", info.Title);
        Assert.EndsWith("；草稿", info.Keywords);
        Assert.Contains("审核测试rv-draftpdf单位", pages[^1]);

        await using var db = portal.NewDbContext();
        Assert.False(await db.DisclosurePdfs.AnyAsync(p => p.DisclosureId == id), "a draft's PDF was stored");
        // The print view of the draft is not left in the output cache for anyone without a token.
        using var view = await portal.Http.GetAsync($"/print/disclosures/{id}");
        Assert.Equal(HttpStatusCode.NotFound, view.StatusCode);
        _ = doc;
    }

    [Fact]
    public async Task AReturnNeedsACommentTheOfficerReadsAndPublishingNeedsTheConfirmation()
    {
        var (id, doc) = await SubmittedDraftAsync(portal, "rv-publish");
        using var officer = await portal.LoginAsync("rv-publish-officer");
        using var reviewer = await portal.LoginAsync("rv-publish-reviewer");

        // The reviewer's section links every part, the previews and the checks.
        var review = await reviewer.PageAsync($"/workspace/disclosures/{id}");
        var section = review.QuerySelector("section.review")!;
        foreach (var href in new[] { $"/workspace/disclosures/{id}/preview", $"/workspace/disclosures/{id}/preview.pdf", "#checks-title" })
            Assert.NotNull(section.QuerySelector($"a[href='{href}']"));
        foreach (var part in new[] { "tables/1", "tables/11", "overview", "notes/1", "sheets/0", "sign-off" })
            Assert.NotNull(review.QuerySelector($".parts a[href='/workspace/disclosures/{id}/{part}']"));
        Assert.Null(review.QuerySelector($".parts a[href='/workspace/disclosures/{id}/upload']"));

        // 退回修改: a comment is required, and limited; the officer reads it.
        using (var empty = await WorkspaceSteps.ActAsync(reviewer, id, "退回修改", new() { ["Comment"] = "  " }))
            Assert.Contains("退回时必须填写审核意见", await empty.Content.ReadAsStringAsync());
        using (var tooLong = await WorkspaceSteps.ActAsync(reviewer, id, "退回修改", new() { ["Comment"] = new string('长', 2001) }))
        {
            Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
            Assert.Contains("审核意见最多 2000 字，现有 2001 字", await tooLong.Content.ReadAsStringAsync());
        }
        const string comment = "表3 的项目支出请与情况说明核对。";
        await WorkspaceSteps.DoAsync(reviewer, id, "退回修改", new() { ["Comment"] = comment });
        var returned = await officer.PageAsync($"/workspace/disclosures/{id}");
        Assert.Contains(comment, returned.QuerySelector(".review-comment")!.TextContent);
        await WorkspaceSteps.DoAsync(officer, id, "提交审核");

        // Publishing straight from a form, without the confirmation step, is refused.
        var page = await reviewer.PageAsync($"/workspace/disclosures/{id}");
        Assert.Null(page.QuerySelector("form button.primary[formaction*='Publish'], form[action*='handler=Publish']"));
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using (var direct = await reviewer.Http.PostAsync($"/workspace/disclosures/{id}?handler=Publish",
                   new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
        {
            Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
            Assert.Contains("确认发布", (await FormSession.ReadAsync(direct)).QuerySelector(".errors")!.TextContent);
        }
        await using (var db = portal.NewDbContext())
            Assert.Equal(DisclosureStatus.Submitted, (await db.Disclosures.SingleAsync(d => d.Id == id)).Status);

        // The confirmation is the reviewers' alone.
        using (var officersConfirmation = await officer.GetAsync($"/workspace/disclosures/{id}?handler=ConfirmPublish"))
            Assert.Equal(HttpStatusCode.Forbidden, officersConfirmation.StatusCode);

        // The confirmation shows what becomes public.
        var confirmation = await reviewer.PageAsync($"/workspace/disclosures/{id}?handler=ConfirmPublish");
        var facts = confirmation.QuerySelector(".confirm-facts")!.TextContent;
        Assert.Contains("审核测试rv-publish单位", facts);
        Assert.Contains($"{doc.FiscalYear} 年", facts);
        Assert.Contains("第 1 版", facts);
        Assert.Contains($"/departments/rv-publish/{doc.FiscalYear}", facts);
        Assert.Contains("收支总计", facts);
        Assert.Contains("错误 0 项", facts);
        var total = doc.Tables["1"].Rows.SelectMany(r => r.Cells.Values).Max();
        Assert.Contains(total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), facts);
        // Not yet public while confirming.
        using (var hidden = await portal.Http.GetAsync($"/departments/rv-publish/{doc.FiscalYear}"))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        using var published = await reviewer.PostAsync(FormSession.Form(confirmation, "确认发布"), [], "确认发布");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        // Printed and hashed as part of publishing: stored when the reviewer's page comes back.
        string sha;
        await using (var db = portal.NewDbContext())
        {
            var pdf = await db.DisclosurePdfs.SingleOrDefaultAsync(p => p.DisclosureId == id && p.Part == DisclosurePdf.WholeDocument);
            Assert.NotNull(pdf);
            sha = pdf.Sha256;
        }
        var after = await reviewer.PageAsync(published.Headers.Location!.OriginalString);
        Assert.Contains($"PDF 已生成，SHA-256：{sha}", after.QuerySelector(".notice")!.TextContent);
        Assert.NotNull(after.QuerySelector($".published-links a[href='/departments/rv-publish/{doc.FiscalYear}']"));
        Assert.NotNull(after.QuerySelector($".published-links a[href='/departments/rv-publish/{doc.FiscalYear}.pdf']"));

        // The public page shows the same hash, and the official PDF says nothing of a draft.
        var publicPage = await portal.GetPageAsync($"/departments/rv-publish/{doc.FiscalYear}");
        Assert.Equal(sha, publicPage.QuerySelector("code.sha256")!.TextContent.Trim());
        using var official = await portal.Http.GetAsync($"/departments/rv-publish/{doc.FiscalYear}.pdf");
        Assert.Equal(HttpStatusCode.OK, official.StatusCode);
        var officialPages = await Poppler.PageTextsAsync(await official.Content.ReadAsByteArrayAsync());
        Assert.True(officialPages.Count > 10);
        Assert.All(officialPages, p => Assert.DoesNotContain("草稿", p));
        Assert.DoesNotContain("草稿", PdfPigReader.Information(await official.Content.ReadAsByteArrayAsync()).Title);

        // Publishing again (a second click on an old confirmation) is refused, nothing changes.
        using var again = await reviewer.PostAsync(FormSession.Form(confirmation, "确认发布"), [], "确认发布");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("第 1 版已经发布，无需再次发布", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AConfirmationMadeBeforeTheDraftChangedPublishesNothing()
    {
        var (id, _) = await SubmittedDraftAsync(portal, "rv-stale");
        await portal.CreateUserAsync("rv-stale-reviewer2", PortalRoles.Reviewer);
        using var officer = await portal.LoginAsync("rv-stale-officer");
        using var first = await portal.LoginAsync("rv-stale-reviewer");
        using var second = await portal.LoginAsync("rv-stale-reviewer2");

        // The first reviewer opens the confirmation; meanwhile the second returns it and the officer resubmits.
        var confirmation = await first.PageAsync($"/workspace/disclosures/{id}?handler=ConfirmPublish");
        await WorkspaceSteps.DoAsync(second, id, "退回修改", new() { ["Comment"] = "请补充说明。" });
        await WorkspaceSteps.DoAsync(officer, id, "提交审核");

        using var stale = await first.PostAsync(FormSession.Form(confirmation, "确认发布"), [], "确认发布");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await FormSession.ReadAsync(stale);
        Assert.Contains("确认之后此公开内容有了变化", page.QuerySelector(".errors")!.TextContent);
        // The confirmation is shown again, as it is now.
        Assert.NotNull(page.QuerySelector(".confirm-facts"));
        await using (var db = portal.NewDbContext())
            Assert.Equal(DisclosureStatus.Submitted, (await db.Disclosures.SingleAsync(d => d.Id == id)).Status);

        using var fresh = await first.PostAsync(FormSession.Form(page, "确认发布"), [], "确认发布");
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }
}
