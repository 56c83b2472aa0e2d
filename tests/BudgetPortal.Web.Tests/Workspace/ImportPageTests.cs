using System.Net;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>The import upload page: reviewers and administrators bring a published disclosure in as a draft.</summary>
public sealed class ImportPageTests(WorkspaceFixture portal) : IClassFixture<WorkspaceFixture>
{
    private static byte[] SeedText(string name) => File.ReadAllBytes(Path.Combine(Repo.Seeds, "disclosures", name));

    private async Task<FormSession> SignedInAsync(string user, string role, params string[] departments)
    {
        await portal.CreateUserAsync(user, role, departments);
        var session = portal.NewSession();
        await session.LoginAsync(user, WorkspaceFixture.Password);
        return session;
    }

    [Fact]
    public async Task AReviewerImportsAPublishedTextAsADraftAndSeesTheReport()
    {
        using var reviewer = await SignedInAsync("import-reviewer", PortalRoles.Reviewer);
        var page = await reviewer.PageAsync("/workspace/import");
        // The department is found by its name; its published 2025 version stays, the import is a new draft version.
        var text = System.Text.Encoding.UTF8.GetString(SeedText("000_b9ea59971ad8d31b.txt"));
        var form = FormSession.Form(page);
        using var response = await reviewer.PostMultipartAsync(form, "document", "000.txt", System.Text.Encoding.UTF8.GetBytes(text));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("导入报告", html);
        Assert.Contains("识别出的内容", html);

        await using var db = portal.NewDbContext();
        var drafts = await db.Disclosures.Where(d => d.Department.Code == "jjxz" && d.FiscalYear == 2025).OrderBy(d => d.Version).ToListAsync();
        Assert.Equal([DisclosureStatus.Published, DisclosureStatus.Draft], drafts.Select(d => d.Status));
        Assert.Contains("已导入为草稿", html);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == Domain.Audit.AuditAction.Import && a.UserName == "import-reviewer"));
        // Nothing is published by an import: the public JSON is still version 1.
        Assert.Contains("\"version\": 1", await portal.Http.GetStringAsync("/api/v1/disclosures/jjxz/2025"));
    }

    [Fact]
    public async Task AScrambledDocumentIsAPartialDraftListingItsGapsAndANonDisclosureStoresNothing()
    {
        using var admin = await SignedInAsync("import-admin", PortalRoles.Administrator);
        await using var before = portal.NewDbContext();
        var count = await before.Disclosures.CountAsync();
        var page = await admin.PageAsync("/workspace/import");
        using var response = await admin.PostMultipartAsync(FormSession.Form(page), "document", "002.txt", SeedText("002_c0c2db706806b599.txt"));
        var html = await response.Content.ReadAsStringAsync();
        // What could be read is a draft; the tables its scrambled columns hide are listed, each with a link to its form.
        Assert.Contains("已导入为草稿（部分读出）", html);
        Assert.Contains("留待填写的部分", html);
        Assert.Matches("<a href=\"/workspace/disclosures/\\d+/tables/1\">表1</a>", html);
        await using (var after = portal.NewDbContext())
            Assert.Equal(count + 1, await after.Disclosures.CountAsync());

        using var refused = await admin.PostMultipartAsync(FormSession.Form(await admin.PageAsync("/workspace/import")), "document", "纪要.txt",
            System.Text.Encoding.UTF8.GetBytes("会议纪要\n一、 会议时间\n"));
        Assert.Contains("导入失败，什么也没有保存", await refused.Content.ReadAsStringAsync());
        await using var last = portal.NewDbContext();
        Assert.Equal(count + 1, await last.Disclosures.CountAsync());
    }

    [Fact]
    public async Task AFileThatIsNeitherPdfNorTextIsRefusedInChinese()
    {
        using var reviewer = await SignedInAsync("import-reviewer2", PortalRoles.Reviewer);
        var page = await reviewer.PageAsync("/workspace/import");
        using var response = await reviewer.PostMultipartAsync(FormSession.Form(page), "document", "表.xlsx", [1, 2, 3]);
        Assert.Contains("只接受 .pdf 或 .txt 文件", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OfficersMayNotImportAndAnonymousPeopleMustSignIn()
    {
        using var officer = await SignedInAsync("import-officer", PortalRoles.Officer, "gbkhpj");
        using var forbidden = await officer.GetAsync("/workspace/import");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var anonymous = portal.NewSession();
        using var login = await anonymous.GetAsync("/workspace/import");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("/account/login", login.Headers.Location!.OriginalString);
    }
}
