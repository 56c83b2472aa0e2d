using BudgetPortal.Web.Tests.Infrastructure;
using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Disclosures;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>部门管理 (/admin/departments): administrators create, edit and bulk-create departments; a new one stays out of public view.</summary>
public sealed class DepartmentsPageTests(WorkspaceFixture portal) : IClassFixture<WorkspaceFixture>
{
    private const string Header = "代码,全称,简称,主管部门代码,地区,单位类型";

    private async Task<FormSession> AdminAsync(string user)
    {
        await using (var db = portal.NewDbContext())
            if (!await db.Users.AnyAsync(u => u.UserName == user)) await portal.CreateUserAsync(user, PortalRoles.Administrator);
        return await portal.LoginAsync(user);
    }

    private static Task<HttpResponseMessage> SaveAsync(FormSession session, IDocument page, Dictionary<string, string?> fields) =>
        session.PostAsync(FormSession.Form(page, "保存"), fields, "保存");

    private static async Task<IDocument> UploadAsync(FormSession session, string fileName, byte[] content)
    {
        var page = await session.PageAsync("/admin/departments");
        var response = await session.PostMultipartAsync(FormSession.Form(page, "上传并新建"), "list", fileName, content);
        if (response.StatusCode == HttpStatusCode.Redirect)
            return await session.PageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FormSession.ReadAsync(response);
    }

    private static string Errors(IDocument page) =>
        string.Join("\n", page.QuerySelectorAll(".errors, .error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));

    [Fact]
    public async Task AnAdministratorCreatesADepartmentAndFindsItInTheList()
    {
        using var admin = await AdminAsync("dept-admin1");
        var page = await admin.PageAsync("/admin/departments");
        using var response = await SaveAsync(admin, page, new()
        {
            ["Input.Code"] = "tswj", ["Input.Name"] = "某某县商务局（测试）", ["Input.ShortName"] = "商务局",
            ["Input.ParentCode"] = "", ["Input.Region"] = "新疆维吾尔自治区昌吉回族自治州", ["Input.UnitType"] = "Administrative",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await admin.PageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("已新建部门“某某县商务局（测试）”（tswj）", list.QuerySelector(".notice")!.TextContent);
        var row = list.QuerySelector("tr#d-tswj")!;
        Assert.Contains("行政单位", row.TextContent);
        Assert.Contains("新疆维吾尔自治区昌吉回族自治州", row.TextContent);
        Assert.Contains("无", row.QuerySelectorAll("td")[5].TextContent);

        await using var db = portal.NewDbContext();
        var stored = await db.Departments.SingleAsync(d => d.Code == "tswj");
        Assert.Equal(("某某县商务局（测试）", "商务局", UnitType.Administrative, (int?)null), (stored.Name, stored.ShortName, stored.UnitType, stored.ParentId));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.DepartmentCreated && a.UserName == "dept-admin1" && a.Detail.Contains("tswj")));

        // Search by part of the name and by code.
        var found = await admin.PageAsync("/admin/departments?q=" + Uri.EscapeDataString("商务局（测试"));
        Assert.NotNull(found.QuerySelector("tr#d-tswj"));
        Assert.Null(found.QuerySelector("tr#d-jjxz"));
        Assert.NotNull((await admin.PageAsync("/admin/departments?q=TSW")).QuerySelector("tr#d-tswj"));
    }

    [Fact]
    public async Task ACodeTypedWithSpacesIsTrimmedAndABadOneRefusedByTheDomainsRule()
    {
        using var admin = await AdminAsync("dept-admin-trim");
        var page = await admin.PageAsync("/admin/departments");
        using var saved = await SaveAsync(admin, page, new()
            { ["Input.Code"] = "  trim-kw ", ["Input.Name"] = "空格测试局", ["Input.UnitType"] = "Administrative" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var refused = await SaveAsync(admin, page, new()
            { ["Input.Code"] = "Trim SWJ", ["Input.Name"] = "大写测试局", ["Input.UnitType"] = "Administrative" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("部门代码只能使用小写字母、数字和连字符，长度 2–32", Errors(await FormSession.ReadAsync(refused)));
        await using var db = portal.NewDbContext();
        Assert.True(await db.Departments.AnyAsync(d => d.Code == "trim-kw"));
        Assert.False(await db.Departments.AnyAsync(d => d.Name == "大写测试局"));
    }

    [Fact]
    public async Task BadInputIsRefusedInChineseOnItsFieldAndNothingIsStored()
    {
        using var admin = await AdminAsync("dept-admin2");
        var page = await admin.PageAsync("/admin/departments");
        await using var before = portal.NewDbContext();
        var count = await before.Departments.CountAsync();

        async Task<IDocument> Refused(Dictionary<string, string?> fields)
        {
            using var response = await SaveAsync(admin, page, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await FormSession.ReadAsync(response);
        }
        var bad = await Refused(new() { ["Input.Code"] = "Bad Code", ["Input.Name"] = new string('长', 101), ["Input.ShortName"] = new string('简', 31),
            ["Input.Region"] = new string('地', 61), ["Input.UnitType"] = "" });
        var errors = Errors(bad);
        Assert.Contains("部门代码只能使用小写字母、数字和连字符", errors);
        Assert.Contains("全称最多 100 个字", errors);
        Assert.Contains("简称最多 30 个字", errors);
        Assert.Contains("地区最多 60 个字", errors);
        Assert.Contains("请选择单位类型", errors);
        // What the administrator typed comes back.
        Assert.Equal("Bad Code", bad.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Code")!.Value);

        var taken = await Refused(new() { ["Input.Code"] = "jjxz", ["Input.Name"] = "重复代码的部门", ["Input.UnitType"] = "Institution" });
        Assert.Contains("部门代码“jjxz”已被其他部门使用", Errors(taken));

        var noParent = await Refused(new() { ["Input.Code"] = "orphan", ["Input.Name"] = "无主管部门", ["Input.ParentCode"] = "nosuch", ["Input.UnitType"] = "Institution" });
        Assert.Contains("主管部门“nosuch”不存在", Errors(noParent));

        await using var after = portal.NewDbContext();
        Assert.Equal(count, await after.Departments.CountAsync());
    }

    [Fact]
    public async Task EditingKeepsTheTreeOneLevelDeepAndTheCodeOnlyUntilSomethingIsPublished()
    {
        using var admin = await AdminAsync("dept-admin3");
        var page = await admin.PageAsync("/admin/departments");
        foreach (var (code, name, parent) in new[] { ("tzg", "测试主管局", ""), ("tdw1", "测试下属一", "tzg"), ("tdw2", "测试下属二", "") })
        {
            using var r = await SaveAsync(admin, page, new() { ["Input.Code"] = code, ["Input.Name"] = name, ["Input.ParentCode"] = parent, ["Input.UnitType"] = "Institution" });
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        // A unit cannot be a 主管部门: tdw2 under tdw1 is refused (even if the form is altered to offer it).
        var edit2 = await admin.PageAsync("/admin/departments?edit=tdw2");
        Assert.DoesNotContain(edit2.QuerySelectorAll("#Input_ParentCode option"), o => o.GetAttribute("value") == "tdw1");
        using (var r = await SaveAsync(admin, edit2, new() { ["Input.ParentCode"] = "tdw1" }))
            Assert.Contains("本身是另一个部门的下属单位，不能作为主管部门", Errors(await FormSession.ReadAsync(r)));
        // A 主管部门 with units cannot go under another.
        var editParent = await admin.PageAsync("/admin/departments?edit=tzg");
        using (var r = await SaveAsync(admin, editParent, new() { ["Input.ParentCode"] = "tdw2" }))
            Assert.Contains("已有下属单位，不能再归入另一个主管部门", Errors(await FormSession.ReadAsync(r)));
        // Nor under itself.
        using (var r = await SaveAsync(admin, editParent, new() { ["Input.ParentCode"] = "tzg" }))
            Assert.Contains("主管部门不能是本部门自己", Errors(await FormSession.ReadAsync(r)));

        // Editing a unit: a new name, a new code (nothing published yet), moved out from under its 主管部门.
        var edit1 = await admin.PageAsync("/admin/departments?edit=tdw1");
        Assert.Contains("在发布第一份预算公开之前，代码还可以修改", edit1.Body!.TextContent);
        Assert.Equal("tzg", edit1.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#Input_ParentCode")!.Value);
        using (var r = await SaveAsync(admin, edit1, new() { ["Input.Code"] = "tdw1-new", ["Input.Name"] = "测试下属一（更名）", ["Input.ParentCode"] = "" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        await using (var db = portal.NewDbContext())
        {
            var moved = await db.Departments.SingleAsync(d => d.Code == "tdw1-new");
            Assert.Equal(("测试下属一（更名）", (int?)null), (moved.Name, moved.ParentId));
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.DepartmentChanged && a.Detail.Contains("tdw1-new")));
        }

        // A department with a published disclosure keeps its code (its URLs are public); the rest can change.
        var published = await admin.PageAsync("/admin/departments?edit=jjxz");
        Assert.NotNull(published.QuerySelector("#Input_Code[readonly]"));
        Assert.Contains("代码不能再修改", published.Body!.TextContent);
        using (var r = await SaveAsync(admin, published, new() { ["Input.Code"] = "jjxz-renamed" }))
            Assert.Contains("代码不能再修改", Errors(await FormSession.ReadAsync(r)));
        using (var r = await SaveAsync(admin, published, new() { ["Input.ShortName"] = "经济协作", ["Input.UnitType"] = "CivilServiceInstitution" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        await using (var db = portal.NewDbContext())
            Assert.Equal(UnitType.CivilServiceInstitution, (await db.Departments.SingleAsync(d => d.Code == "jjxz")).UnitType);
    }

    [Fact]
    public async Task The公开情况PageShowsADepartmentsNew主管部门AtOnce()
    {
        using var admin = await AdminAsync("dept-admin-cache");
        using (var r = await SaveAsync(admin, await admin.PageAsync("/admin/departments"),
                   new() { ["Input.Code"] = "tcache", ["Input.Name"] = "缓存测试局", ["Input.UnitType"] = "Administrative" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        // Expected to publish in 2021 (an administrator is a reviewer too): the public 公开情况 lists it, and is cached.
        var compliance = await admin.PageAsync("/workspace/compliance/2021");
        using (var r = await admin.PostAsync(FormSession.Form(compliance, "登记"), new() { ["Expected.Code"] = "tcache", ["Expected.ApprovedOn"] = "2021-01-20" }, "登记"))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        (await portal.Http.GetAsync("/compliance/2021")).Dispose();
        using (var cached = await portal.Http.GetAsync("/compliance/2021"))
            Assert.NotNull(cached.Headers.Age);

        // Placed under a 主管部门 in 部门管理: the 公开情况 page is rendered again at once (PublishedContent.DepartmentsChangedAsync).
        using (var r = await SaveAsync(admin, await admin.PageAsync("/admin/departments?edit=tcache"), new() { ["Input.ParentCode"] = "jjxz" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using var after = await portal.Http.GetAsync("/compliance/2021");
        Assert.Null(after.Headers.Age);
        Assert.Contains("昌吉回族自治州经济协作服务中心", (await FormSession.ReadAsync(after)).QuerySelector("tr[data-code=tcache]")!.TextContent);
    }

    [Fact]
    public async Task ASaveOverSomeoneElsesChangeIsRefused()
    {
        using var first = await AdminAsync("dept-admin9");
        using var second = await AdminAsync("dept-admin10");
        using (var r = await SaveAsync(first, await first.PageAsync("/admin/departments"), new() { ["Input.Code"] = "tboth", ["Input.Name"] = "两人同改局", ["Input.UnitType"] = "Administrative" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var mine = await first.PageAsync("/admin/departments?edit=tboth");
        var theirs = await second.PageAsync("/admin/departments?edit=tboth");
        using (var r = await SaveAsync(second, theirs, new() { ["Input.Region"] = "昌吉市" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var r = await SaveAsync(first, mine, new() { ["Input.ShortName"] = "同改局" }))
        {
            var page = await FormSession.ReadAsync(r);
            Assert.Contains("在您打开之后已被其他人修改，您的修改没有保存", Errors(page));
            Assert.Equal("同改局", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_ShortName")!.Value);
        }
        await using var db = portal.NewDbContext();
        var stored = await db.Departments.SingleAsync(d => d.Code == "tboth");
        Assert.Equal(("昌吉市", (string?)null), (stored.Region, stored.ShortName));
    }

    [Fact]
    public async Task ACsvListCreatesEveryDepartmentWithUnitsUnderTheirParentInOneGo()
    {
        using var admin = await AdminAsync("dept-admin4");
        // With a BOM, quoted fields, CRLF, a blank line, a parent defined earlier in the file and one already stored (jjxz).
        var csv = "\uFEFF" + Header + "\r\n" +
                  "cjzg,\"昌吉州某某局\",某某局,,新疆维吾尔自治区昌吉回族自治州,行政单位\r\n" +
                  "cjzg-a,昌吉州某某局所属甲中心,,cjzg,新疆维吾尔自治区昌吉回族自治州,事业单位\r\n" +
                  "\r\n" +
                  "cjzg-b,\"昌吉州某某局所属乙所,（参公）\",乙所,cjzg,,参公事业单位\r\n" +
                  "jjxz-c,经济协作所属丙单位,,jjxz,,事业单位\r\n";
        var page = await UploadAsync(admin, "单位.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Contains("新建 4 个部门", page.QuerySelector(".notice")!.TextContent);

        await using var db = portal.NewDbContext();
        var parent = await db.Departments.SingleAsync(d => d.Code == "cjzg");
        var units = await db.Departments.Where(d => d.ParentId == parent.Id).OrderBy(d => d.Code).ToListAsync();
        Assert.Equal(["cjzg-a", "cjzg-b"], units.Select(u => u.Code));
        Assert.Equal("昌吉州某某局所属乙所,（参公）", units[1].Name);
        Assert.Equal(UnitType.CivilServiceInstitution, units[1].UnitType);
        Assert.Null(units[1].Region);
        Assert.Equal("jjxz", (await db.Departments.Include(d => d.Parent).SingleAsync(d => d.Code == "jjxz-c")).Parent!.Code);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.DepartmentCreated && a.Detail.Contains("批量新建 4 个部门")));

        // The list shows the units right under their 主管部门.
        var list = await admin.PageAsync("/admin/departments?q=cjzg");
        var rows = list.QuerySelectorAll("table.dept-list tbody tr").Select(r => r.Id).ToList();
        Assert.Equal(["d-cjzg", "d-cjzg-a", "d-cjzg-b"], rows);
        Assert.Contains("昌吉州某某局（cjzg）", list.QuerySelector("tr#d-cjzg-a")!.TextContent);
    }

    [Fact]
    public async Task AFileWithBadLinesStoresNothingAndListsEveryBadLine()
    {
        using var admin = await AdminAsync("dept-admin5");
        await using var before = portal.NewDbContext();
        var count = await before.Departments.CountAsync();
        var jjxzName = (await before.Departments.SingleAsync(d => d.Code == "jjxz")).Name;
        var csv = Header + "\n" +
                  "bad-ok,正确的一行,,,,行政单位\n" +                 // line 2: fine, but not stored because of the others
                  "jjxz,代码已被使用,,,,行政单位\n" +                 // 3
                  "bad-ok,重复的代码,,,,行政单位\n" +                 // 4
                  "bad-u,未知主管,,nosuch,,事业单位\n" +               // 5
                  "bad-t,类型不对,,,,企业\n" +                          // 6
                  "bad-l," + new string('长', 101) + ",,,,行政单位\n" + // 7
                  "bad-p,主管在后面,,bad-z,,事业单位\n" +               // 8
                  "bad-z,后来的主管,,,,行政单位\n" +                    // 9
                  "bad-n,下属的下属,,bad-p,,事业单位\n" +              // 10
                  "Bad Code,,,,,\n";                                   // 11
        var page = await UploadAsync(admin, "bad.csv", Encoding.UTF8.GetBytes(csv));
        var errors = page.QuerySelectorAll(".dept-upload-errors li").Select(li => li.TextContent).ToList();
        Assert.Contains("没有保存任何部门", page.QuerySelector(".errors")!.TextContent);
        Assert.Collection(errors,
            e => Assert.Equal("第 3 行：代码“jjxz”已被“" + jjxzName + "”使用。", e),
            e => Assert.Equal("第 4 行：代码“bad-ok”与第 2 行重复。", e),
            e => Assert.Contains("第 5 行：主管部门代码“nosuch”不存在", e),
            e => Assert.Contains("第 6 行：单位类型“企业”无效", e),
            e => Assert.Equal("第 7 行：全称超过 100 个字（101 个）。", e),
            e => Assert.Contains("第 8 行：主管部门代码“bad-z”在第 9 行才定义", e),
            e => Assert.Contains("第 10 行：主管部门“bad-p”所在的行有错误", e),
            e =>
            {
                Assert.StartsWith("第 11 行：", e);
                Assert.Contains("代码“Bad Code”无效", e);
                Assert.Contains("全称为空", e);
                Assert.Contains("单位类型为空", e);
            });
        await using var after = portal.NewDbContext();
        Assert.Equal(count, await after.Departments.CountAsync());
        Assert.False(await after.Departments.AnyAsync(d => d.Code == "bad-ok"));
    }

    [Fact]
    public async Task TheFileItselfIsCheckedEncodingHeaderSizeAndType()
    {
        using var admin = await AdminAsync("dept-admin6");
        // GBK (Excel's default CSV in Chinese Windows) is read: 代码 in GBK is B4 FA C2 EB, and the header lacks 全称.
        var gbk = (await UploadAsync(admin, "gbk.csv", [0xB4, 0xFA, 0xC2, 0xEB, 0x2C, 0x0A])).QuerySelector(".errors")!.TextContent;
        Assert.Contains("缺少列“全称”", gbk);
        Assert.DoesNotContain("缺少列“代码”", gbk);
        var header = (await UploadAsync(admin, "h.csv", Encoding.UTF8.GetBytes("代码,名称\nx1,某\n"))).QuerySelector(".errors")!.TextContent;
        Assert.Contains("第 1 行（表头）第 2 列“名称”不是可用的列名", header);
        Assert.Contains("缺少列“全称”", header);
        var type = (await UploadAsync(admin, "list.xls", [1, 2, 3])).QuerySelector(".errors")!.TextContent;
        Assert.Contains("另存为 .xlsx 或 CSV", type);
        var notXlsx = (await UploadAsync(admin, "list.xlsx", Encoding.UTF8.GetBytes(Header))).QuerySelector(".errors")!.TextContent;
        Assert.Contains("不是有效的 Excel 工作簿", notXlsx);
        var many = new StringBuilder(Header + "\n");
        for (var i = 0; i < 5001; i++) many.Append($"many-{i},单位{i},,,,事业单位\n");
        var tooMany = (await UploadAsync(admin, "many.csv", Encoding.UTF8.GetBytes(many.ToString()))).QuerySelector(".errors")!.TextContent;
        Assert.Contains("最多 5000 行", tooMany);
        // Over 2 MB: refused before reading, still a page in Chinese rather than an error status.
        var big = new byte[2 * 1024 * 1024 + 10];
        Encoding.UTF8.GetBytes(Header + "\n").CopyTo(big, 0);
        Array.Fill(big, (byte)' ', 40, big.Length - 40);
        var tooBig = (await UploadAsync(admin, "big.csv", big)).QuerySelector(".errors")!.TextContent;
        Assert.Contains("上限为 2 MB", tooBig);
        await using var db = portal.NewDbContext();
        Assert.False(await db.Departments.AnyAsync(d => d.Code.StartsWith("many-")));
    }

    [Fact]
    public async Task AnXlsxListIsReadFromItsFirstSheet()
    {
        using var admin = await AdminAsync("dept-admin7");
        var xlsx = Workbook(
            ["代码", "全称", "简称", "主管部门代码", "地区", "单位类型"],
            ["xzg", "表格主管局", "", "", "新疆维吾尔自治区昌吉回族自治州", "行政单位"],
            ["xzg-1", "表格主管局所属单位", "所属单位", "xzg", "", "事业单位"]);
        var page = await UploadAsync(admin, "部门.xlsx", xlsx);
        Assert.Contains("新建 2 个部门", page.QuerySelector(".notice")!.TextContent);
        await using var db = portal.NewDbContext();
        var unit = await db.Departments.Include(d => d.Parent).SingleAsync(d => d.Code == "xzg-1");
        Assert.Equal(("xzg", "所属单位", UnitType.Institution), (unit.Parent!.Code, unit.ShortName, unit.UnitType));

        // A bad line in a sheet is named by its row.
        var bad = await UploadAsync(admin, "bad.xlsx", Workbook(["代码", "全称", "单位类型"], ["xzg", "重复", "行政单位"]));
        Assert.Contains("第 2 行：代码“xzg”已被“表格主管局”使用。", bad.QuerySelector(".dept-upload-errors")!.TextContent);
    }

    [Fact]
    public async Task ANewDepartmentCanBeGivenAnOfficerWhoCanStartItsDisclosure()
    {
        using var admin = await AdminAsync("dept-admin8");
        var page = await admin.PageAsync("/admin/departments");
        using (var r = await SaveAsync(admin, page, new() { ["Input.Code"] = "tnew", ["Input.Name"] = "新设测试局", ["Input.UnitType"] = "Administrative" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        await using var db = portal.NewDbContext();
        var id = (await db.Departments.SingleAsync(d => d.Code == "tnew")).Id;

        // 用户与权限 offers it, and an officer can be given it.
        var users = await admin.PageAsync("/admin/users");
        Assert.NotNull(users.QuerySelector($"input[name='Input.DepartmentIds'][value='{id}']"));
        var form = FormSession.Form(users, "保存");
        var fields = FormSession.Fields(form);
        fields.RemoveAll(f => f.Key is "Input.UserName" or "Input.DisplayName" or "Input.Role" or "Input.DepartmentIds");
        fields.AddRange([new("Input.UserName", "tnew-officer"), new("Input.DisplayName", "新设填报员"), new("Input.Role", PortalRoles.Officer), new("Input.DepartmentIds", id.ToString())]);
        using (var created = await admin.PostFieldsAsync(form, fields))
            Assert.Contains("tnew-officer 的一次性密码", await created.Content.ReadAsStringAsync());

        // The officer's 新建 page offers exactly that department, and so does the administrator's.
        await portal.CreateUserAsync("tnew-officer2", PortalRoles.Officer, "tnew");
        using var officer = await portal.LoginAsync("tnew-officer2");
        var mine = (await officer.PageAsync("/workspace/new")).QuerySelectorAll("#Input_DepartmentId option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(["请选择", "新设测试局"], mine);
        Assert.Contains("新设测试局", (await admin.PageAsync("/workspace/new")).QuerySelector("#Input_DepartmentId")!.TextContent);
    }

    [Fact]
    public async Task ADepartmentWithoutAPublishedDisclosureIsNowherePublic()
    {
        // A new department with a draft for a year the seeds publish (2025), so every year page exists.
        const string code = "thide";
        const string name = "隐身测试局";
        int draftId;
        await using (var db = portal.NewDbContext())
        {
            var department = new Department(code, name);
            department.Describe(null, null, UnitType.Administrative);
            db.Departments.Add(department);
            var draft = new Disclosure(department, 2025);
            db.Disclosures.Add(draft);
            await db.SaveChangesAsync();
            draftId = draft.Id;
        }
        var http = portal.Http;
        foreach (var path in new[]
                 {
                     $"/departments/{code}", $"/departments/{code}/trend", $"/departments/{code}/2025", $"/departments/{code}/2025/versions",
                     $"/departments/{code}/2025/checks", $"/departments/{code}/2025.xlsx", $"/departments/{code}/2025/tables/1.csv",
                     $"/departments/{code}/2025.pdf", $"/api/v1/disclosures/{code}/2025", $"/api/v1/disclosures/{code}/2025/checks",
                     $"/print/disclosures/{draftId}",
                 })
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} → {(int)response.StatusCode}");
        }
        foreach (var path in new[]
                 {
                     "/", "/?q=" + Uri.EscapeDataString("隐身"), "/?q=" + Uri.EscapeDataString("局"), "/compare/2025", "/api/v1/departments",
                 })
        {
            var body = await http.GetStringAsync(path);
            Assert.DoesNotContain(name, body);
            Assert.DoesNotContain(code, body);
        }
        // Asked for by code, the comparison keeps the asker's own query in its links but shows nothing of the department.
        var compared = await http.GetStringAsync($"/compare/2025/tables?d={code}&d=jjxz&table=1");
        Assert.DoesNotContain(name, compared);
        Assert.Contains("jjxz", compared);
        // The year's zip holds only published disclosures.
        await using var zipStream = await http.GetStreamAsync("/downloads/2025.zip");
        using var zip = new ZipArchive(zipStream);
        Assert.NotEmpty(zip.Entries);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains(code));
        using var lines = new StreamReader(zip.GetEntry("budget-lines.csv")!.Open());
        Assert.DoesNotContain(name, await lines.ReadToEndAsync());
    }

    private static byte[] Workbook(params string[][] rows) => TestWorkbook.OneSheet("部门", rows);
}
