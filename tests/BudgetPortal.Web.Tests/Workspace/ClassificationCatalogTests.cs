using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>
/// Classification catalogs as reference data: an administrator loads the ministry's file through
/// /admin/classification (preview, then 确认导入), readers browse /classification/{year}, the code
/// picker asks /api/v1/classification/{year}/{scheme}, and the workspace checks report codes outside
/// the catalog (M1) without refusing them.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class ClassificationCatalogTests(WorkspaceFixture portal)
{
    private const string Admin = "catalog-admin";

    private async Task<FormSession> AdminAsync()
    {
        await using (var db = portal.NewDbContext())
            if (!await db.Users.AnyAsync(u => u.UserName == Admin)) await portal.CreateUserAsync(Admin, PortalRoles.Administrator);
        return await portal.LoginAsync(Admin);
    }

    /// <summary>Chooses year and scheme on the upload form and posts the file, as the browser does.</summary>
    private static async Task<IDocument> UploadAsync(FormSession admin, int year, ClassificationScheme scheme, string fileName, byte[] content)
    {
        var page = await admin.PageAsync("/admin/classification");
        var form = FormSession.Form(page, "上传并预览");
        ((IHtmlInputElement)form.QuerySelector("[name='Input.Year']")!).Value = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ((IHtmlSelectElement)form.QuerySelector("[name='Input.Scheme']")!).Value = scheme.ToString();
        using var response = await admin.PostMultipartAsync(form, "file", fileName, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FormSession.ReadAsync(response);
    }

    private static async Task<IDocument> ConfirmAsync(FormSession admin, IDocument preview)
    {
        using var response = await admin.PostAsync(FormSession.Form(preview, "确认导入"), [], "确认导入");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"确认导入 → {(int)response.StatusCode}: {(await FormSession.ReadAsync(response)).QuerySelector(".errors")?.TextContent}");
        Assert.Equal("/admin/classification", response.Headers.Location?.OriginalString);
        return await admin.PageAsync("/admin/classification");
    }

    private async Task<int> CountAsync(ClassificationScheme scheme, int year)
    {
        await using var db = portal.NewDbContext();
        return await db.ClassificationCodes.CountAsync(c => c.Scheme == scheme && c.Year == year);
    }

    private static string Text(IDocument page, string selector) =>
        string.Join(" ", page.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()));

    [Fact]
    public async Task AnAdministratorLoadsTheYearsCatalogSeesWhatChangesConfirmsAndReadersFindIt()
    {
        using var admin = await AdminAsync();
        var before = await CountAsync(ClassificationScheme.Functional, 2026);

        var preview = await UploadAsync(admin, 2026, ClassificationScheme.Functional, "2026年支出功能分类科目.csv", CatalogFiles.Functional2026Csv());
        Assert.Empty(preview.QuerySelectorAll(".catalog-errors"));
        Assert.Contains($"文件中共 {CatalogFiles.Functional2026.Count} 个科目", Text(preview, ".catalog-preview"));
        Assert.Contains("与 2025 年目录相比：新增 2 个科目", Text(preview, "#against-previous"));
        Assert.Equal(["201 13 商贸事务", "201 13 50 事业运行"],
            preview.QuerySelectorAll("#against-previous .added tbody tr").Select(r => string.Join(" ", r.Children.Select(c => c.TextContent.Trim()))));
        // Loaded before (by the browser journey, with the same file) or not: either way nothing changes.
        Assert.Matches(before == 0 ? "2026 年尚未导入功能分类目录" : "与 2026 年现有目录.*无变化", Text(preview, "#against-current"));
        Assert.Equal(before, await CountAsync(ClassificationScheme.Functional, 2026));

        var done = await ConfirmAsync(admin, preview);
        Assert.Contains($"已导入 2026 年功能分类目录，共 {CatalogFiles.Functional2026.Count} 个科目", Text(done, "[role=status]"));
        await using (var db = portal.NewDbContext())
        {
            var codes = await db.ClassificationCodes.Where(c => c.Scheme == ClassificationScheme.Functional && c.Year == 2026).ToListAsync();
            Assert.Equal(CatalogFiles.Functional2026.Select(c => c.Code), codes.Select(c => c.Code).Order(StringComparer.Ordinal));
            Assert.Equal("事业运行", codes.Single(c => c.Code == "2011350").Name);
            Assert.Equal("商贸事务", codes.Single(c => c.Code == "20113").Name);
            var audit = await db.AuditLog.Where(a => a.Action == AuditAction.CatalogLoaded && a.UserName == Admin).OrderByDescending(a => a.Id).FirstAsync();
            Assert.Contains("导入 2026 年功能分类目录", audit.Detail);
        }

        // A reader: the index lists the year; the year's page is the tree, filtered on the server.
        using var reader = portal.NewSession();
        var index = await reader.PageAsync("/classification");
        Assert.NotNull(index.QuerySelector("a[href='/classification/2026']"));
        var year = await reader.PageAsync("/classification/2026");
        Assert.Contains("与 2025 年相比：新增 2 个科目", Text(year, "#functional-change"));
        Assert.Equal("201 13 50", year.QuerySelector("#functional tr[data-code='2011350'] .code")!.TextContent.Trim());
        // No 经济分类 catalog of 2026 (unless loaded by another test): the page says which year's applies.
        Assert.True(year.QuerySelector("#economic tr[data-code='301']") is not null
            || Text(year, "#economic .catalog-missing").Contains("2026 年尚未导入经济分类目录。填报时按 2025 年的目录核对"), Text(year, "#economic"));
        Assert.NotNull(year.QuerySelector("a[href='/classification/2025']"));
        var filtered = await reader.PageAsync("/classification/2026?q=" + Uri.EscapeDataString("事业运行"));
        var named = CatalogFiles.Functional2026.Where(c => c.Name == "事业运行").Select(c => c.Code).ToList();
        Assert.True(named.Count > 3);
        var matched = filtered.QuerySelectorAll("#functional tr.match").Select(r => r.GetAttribute("data-code")!).ToList();
        Assert.Equal(named, matched);
        Assert.All(filtered.QuerySelectorAll("#functional tr.match mark"), m => Assert.Equal("事业运行", m.TextContent));
        // The matches stand under their 类 and 款, and nothing else is shown.
        var shown = filtered.QuerySelectorAll("#functional .catalog-tree tbody tr").Select(r => r.GetAttribute("data-code")!).ToList();
        Assert.Subset(shown.ToHashSet(), new HashSet<string> { "201", "20113", "2011350" });
        Assert.All(shown.Except(matched), c => Assert.Contains(matched, m => m.StartsWith(c, StringComparison.Ordinal)));
        Assert.Contains($"功能分类 {named.Count} 个科目", Text(filtered, ".catalog-filter-result"));
        var byCode = await reader.PageAsync("/classification/2026?q=" + Uri.EscapeDataString("201 13"));
        Assert.Equal(["201", "20113", "2011350"], byCode.QuerySelectorAll("#functional .catalog-tree tbody tr").Select(r => r.GetAttribute("data-code")));
        using (var missing = await reader.GetAsync("/classification/1999"))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // The code picker's source.
        var found = await ApiAsync(reader, "/api/v1/classification/2026/functional?q=" + Uri.EscapeDataString("事业"));
        var entry = found.Single(e => e.GetProperty("code").GetString() == "2011350");
        Assert.Equal("201 13 50", entry.GetProperty("printed").GetString());
        Assert.Equal("事业运行", entry.GetProperty("name").GetString());
        Assert.Equal(3, entry.GetProperty("level").GetInt32());
        Assert.Equal("inCatalog", entry.GetProperty("status").GetString());
        var outside = await ApiAsync(reader, "/api/v1/classification/2026/functional?q=2019999");
        Assert.Equal(("2019999", "notInCatalog", JsonValueKind.Null),
            (outside[0].GetProperty("code").GetString(), outside[0].GetProperty("status").GetString(), outside[0].GetProperty("name").ValueKind));
        Assert.True((await ApiAsync(reader, "/api/v1/classification/2026/functional?q=2")).Count == 20);
        Assert.Empty(await ApiAsync(reader, "/api/v1/classification/2026/economic?q=3010101"));
        using (var badScheme = await reader.GetAsync("/api/v1/classification/2026/other?q=1"))
            Assert.Equal(HttpStatusCode.NotFound, badScheme.StatusCode);
    }

    private static async Task<List<JsonElement>> ApiAsync(FormSession session, string path)
    {
        using var response = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
    }

    [Fact]
    public async Task AFileWithBadLinesStoresNothingAndNamesEachLine()
    {
        using var admin = await AdminAsync();
        var before = await CountAsync(ClassificationScheme.Economic, 2026);
        await using var db0 = portal.NewDbContext();
        var audits = await db0.AuditLog.CountAsync(a => a.Action == AuditAction.CatalogLoaded);

        var page = await UploadAsync(admin, 2026, ClassificationScheme.Economic, "经济分类.csv", CatalogFiles.Csv(
            ("301", "工资福利支出"), ("30101", "基本工资"), ("3010101", "不存在的项"), ("30102", ""), ("30101", "基本工资"), ("30299", "其他商品和服务支出")));
        var errors = page.QuerySelectorAll(".catalog-errors li").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(
        [
            "第 4 行：科目编码“3010101”无效：经济分类编码应为 3 位（类）或 5 位（款）数字。",
            "第 5 行：科目 301 02 缺少名称。",
            "第 6 行：科目编码 301 01 与第 3 行重复。",
            "第 7 行：款 302 99 其他商品和服务支出 所属的类 302 不在文件中。",
        ], errors);
        Assert.Contains("有 4 处问题，没有导入任何内容", Text(page, ".catalog-upload"));
        Assert.Null(page.QuerySelector(".catalog-preview"));
        Assert.Equal(before, await CountAsync(ClassificationScheme.Economic, 2026));
        Assert.Equal(audits, await db0.AuditLog.CountAsync(a => a.Action == AuditAction.CatalogLoaded));

        // Not a catalog file at all, a year out of range, no file: said in Chinese, nothing stored.
        var notCsv = await UploadAsync(admin, 2026, ClassificationScheme.Economic, "目录.pdf", [0x25, 0x50, 0x44, 0x46]);
        Assert.Contains("只接受 .csv 或 .xlsx 文件", Text(notCsv, ".catalog-errors"));
        var badYear = await UploadAsync(admin, 1850, ClassificationScheme.Economic, "经济分类.csv", CatalogFiles.Csv(("301", "工资福利支出")));
        Assert.Contains("年度应为 2000–2100 之间的四位数字", Text(badYear, ".catalog-upload"));
        Assert.Equal(0, await CountAsync(ClassificationScheme.Economic, 1850));

        // Only administrators load catalogs.
        await using (var db = portal.NewDbContext())
            if (!await db.Users.AnyAsync(u => u.UserName == "catalog-reviewer")) await portal.CreateUserAsync("catalog-reviewer", PortalRoles.Reviewer);
        using var reviewer = await portal.LoginAsync("catalog-reviewer");
        using (var refused = await reviewer.GetAsync("/admin/classification"))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task ReplacingAYearsCatalogShowsRemovedAndRenamedCodesAndRefusesAStalePreview()
    {
        using var admin = await AdminAsync();
        // 2023 is a year nothing else uses: first its catalog A, then B replaces it.
        var a = CatalogFiles.Csv(("201", "一般公共服务支出"), ("20103", "政府办公厅"), ("2010301", "行政运行"), ("234", "抗疫特别国债安排的支出"));
        var b = CatalogFiles.Csv(("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"), ("2010301", "行政运行"), ("20113", "商贸事务"));
        await ConfirmAsync(admin, await UploadAsync(admin, 2023, ClassificationScheme.Functional, "a.csv", a));

        var previewB = await UploadAsync(admin, 2023, ClassificationScheme.Functional, "b.csv", b);
        Assert.Contains("与 2023 年现有目录（4 个科目，将被替换）相比：新增 1 个、删除 1 个、更名 1 个科目", Text(previewB, "#against-current"));
        Assert.Equal("234", previewB.QuerySelector("#against-current .removed tr[data-code]")!.GetAttribute("data-code"));
        Assert.Contains("政府办公厅（室）及相关机构事务", Text(previewB, "#against-current .renamed tbody"));

        // Someone loads another catalog meanwhile: B's preview no longer describes the change, so it is refused.
        var c = CatalogFiles.Csv(("201", "一般公共服务支出"), ("20103", "政府办公厅"));
        await ConfirmAsync(admin, await UploadAsync(admin, 2023, ClassificationScheme.Functional, "c.csv", c));
        using (var stale = await admin.PostAsync(FormSession.Form(previewB, "确认导入"), [], "确认导入"))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            var page = await FormSession.ReadAsync(stale);
            Assert.Contains("在预览之后已被他人修改，没有导入", Text(page, ".errors"));
            Assert.Contains("与 2023 年现有目录（2 个科目，将被替换）相比", Text(page, "#against-current"));
            // Confirming the fresh preview goes through.
            await ConfirmAsync(admin, page);
        }
        await using var db = portal.NewDbContext();
        Assert.Equal(["201", "20103", "2010301", "20113"],
            await db.ClassificationCodes.Where(x => x.Scheme == ClassificationScheme.Functional && x.Year == 2023).OrderBy(x => x.Code).Select(x => x.Code).ToListAsync());
    }

    [Fact]
    public async Task AWorkbookWithACodeOutsideTheCatalogIsAcceptedWithItsNameAsWritten()
    {
        const string name = "分类目录上传测试单位";
        var id = await portal.EmptyDraftAsync("catalog-upload", name, 2025, "catalog-officer");
        using var officer = await portal.LoginAsync("catalog-officer");

        // Seed 000's tables as the workbook the portal writes, with 表7's project under a 项 no catalog has.
        var doc = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        doc.Tables["7"].Rows.Single(r => r.Kind == "project").Code = "2013198";
        var source = new Disclosure(new Department("catalog-upload", name), doc.FiscalYear);
        doc.ApplyTo(source, null);
        using var workbook = new MemoryStream();
        BudgetPortal.Web.Downloads.DisclosureWorkbook.Write(workbook, source);

        var upload = await officer.PageAsync($"/workspace/disclosures/{id}/upload");
        using var response = await officer.PostMultipartAsync(FormSession.Form(upload), "workbook", "表.xlsx", workbook.ToArray());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await FormSession.ReadAsync(response)).QuerySelector("main")?.TextContent);
        await using var db = portal.NewDbContext();
        var project = await db.TableRows.Where(r => r.Code == "2013198" && db.BudgetTables.Any(t => t.Id == r.BudgetTableId && t.DisclosureId == id))
            .Select(r => new { r.Name, r.Project }).SingleAsync();
        Assert.Equal(("其他党委办公厅（室）及相关机构事务支出", "机关运行补助经费"), (project.Name, project.Project));
        var page = await officer.PageAsync($"/workspace/disclosures/{id}");
        Assert.Contains("科目编码 201 31 98（其他党委办公厅（室）及相关机构事务支出）不在 2025 年的功能分类目录中", page.Body!.TextContent);
    }

    [Fact]
    public async Task ACodeOutsideTheCatalogIsAWarningOnTheDraftAndIsFrozenWithThePublishedChecks()
    {
        const string code = "catalog-m1";
        const string reviewerName = "catalog-reviewer";
        int id;
        await using (var db = portal.NewDbContext())
        {
            if (!await db.Users.AnyAsync(u => u.UserName == reviewerName)) await portal.CreateUserAsync(reviewerName, PortalRoles.Reviewer);
            // Seed 000's figures under a department of its own, with 表7's project under a 项 no catalog has.
            var doc = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
            doc.Tables["7"].Rows.Single(r => r.Kind == "project").Code = "2013198";
            var draft = await db.AddDraftOfNewDepartmentAsync(code, "分类目录核验测试单位", doc);
            draft.Submit(DateTimeOffset.UtcNow, 0);
            await db.SaveChangesAsync();
            id = draft.Id;
        }
        const string message = "科目编码 201 31 98（其他党委办公厅（室）及相关机构事务支出）不在 2025 年的功能分类目录中，请核对编码";
        using var reviewer = await portal.LoginAsync(reviewerName);
        var page = await reviewer.PageAsync($"/workspace/disclosures/{id}");
        Assert.Contains(message, page.Body!.TextContent);

        await WorkspaceSteps.PublishAsync(reviewer, id);
        await using (var db = portal.NewDbContext())
        {
            var frozen = await db.Disclosures.Where(d => d.Id == id).SelectMany(d => d.PublishedChecks).Where(c => c.Rule == "M1" && c.Outcome == Outcome.Fail).ToListAsync();
            var m1 = Assert.Single(frozen);
            Assert.Equal((Severity.Warning, "表7 201 31 98", message), (m1.Severity, m1.Location, m1.Message));
        }
        var checks = await reviewer.PageAsync($"/departments/{code}/2025/checks");
        Assert.Contains(message, checks.QuerySelector("#rule-M1")!.TextContent);
        Assert.Contains("本公开没有需要比对的数字", checks.QuerySelector("#rule-M2")!.TextContent);
        // A seed, published without the catalogs, says so instead.
        var seed = await reviewer.PageAsync("/departments/jjxz/2025/checks");
        Assert.Contains("这一版发布时没有按分类科目目录核对编码", seed.QuerySelector("#rule-M1")!.TextContent);
    }

    [Fact]
    public async Task AYearsCatalogThatRenamesAClassNamesItInTheApisTableSchemas()
    {
        // 2031: a year nothing else uses, with a catalog of its own renaming 201, and a disclosure published in it.
        const int year = 2031;
        const string code = "catalog-api";
        await using (var db = portal.NewDbContext())
        {
            db.ClassificationCodes.Add(new ClassificationCode(ClassificationScheme.Functional, year, "201", "一般公共服务（改名）支出"));
            var doc = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
            doc.FiscalYear = year;
            var published = await db.AddDraftOfNewDepartmentAsync(code, "分类目录接口测试单位", doc);
            published.Submit(DateTimeOffset.UtcNow, 0);
            published.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(published));
            await db.SaveChangesAsync();
        }

        var schemas = JsonDocument.Parse(await portal.Http.GetStringAsync($"/api/v1/disclosures/{code}/{year}")).RootElement.GetProperty("tableSchemas");

        foreach (var table in new[] { "1", "4" })
        {
            var names = schemas.GetProperty(table).GetProperty("expenditureCategories").EnumerateArray()
                .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("name").GetString());
            Assert.Equal("一般公共服务（改名）支出", names["201"]);
            Assert.Equal("外交支出", names["202"]);   // not in the catalog: the layout's name
        }
    }
}
