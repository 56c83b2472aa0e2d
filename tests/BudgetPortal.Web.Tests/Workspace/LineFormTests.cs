using System.Net;
using AngleSharp.Dom;
using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>
/// The lines of a line-based draft over HTTP (issue 12): saved lines make the tables; bad lines, unknown
/// codes, oversize and broken files and a concurrent save are refused in Chinese with the line (or row)
/// and column named and nothing stored; the tables of a line-based draft cannot be edited; the Excel
/// template goes out and comes back; a draft goes from lines to tables and from tables to lines.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class LineFormTests(WorkspaceFixture portal) : IAsyncLifetime
{
    private const string Department = "明细测试单位";
    private const string Code = "lines-dept";
    private const string Officer = "lines-officer";
    private static int _id;

    public async Task InitializeAsync() =>
        _id = await LineDraftAsync(portal, Code, Department, 2026, Officer,
            () => portal.CreateUserAsync("lines-officer2", PortalRoles.Officer, Code));

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<int>>> Drafts = new();

    /// <summary>A department outside the seeds with a line-based draft its officer started through 新建 (once per code).</summary>
    public static Task<int> LineDraftAsync(WorkspaceFixture portal, string code, string name, int year, string officer, Func<Task>? alsoFirst = null) =>
        Drafts.GetOrAdd(code, _ => new Lazy<Task<int>>(async () =>
        {
            await portal.CreateDepartmentAsync(code, name);
            await portal.CreateUserAsync(officer, PortalRoles.Officer, code);
            if (alsoFirst is not null) await alsoFirst();
            using var session = await portal.LoginAsync(officer);
            return await WorkspaceSteps.NewDisclosureAsync(session, name, year, fromPrevious: false, BudgetBasis.Lines);
        })).Value;

    /// <summary>The fields of line <paramref name="i"/> of the form as typed.</summary>
    public static Dictionary<string, string?> Line(int i, string functional, string economic, LineSpending spending, MoneySource source, string amount,
        string? project = null, string? leader = null) => new()
    {
        [$"Input.Lines[{i}].Functional"] = functional, [$"Input.Lines[{i}].Economic"] = economic,
        [$"Input.Lines[{i}].Spending"] = LineSheet.Label(spending), [$"Input.Lines[{i}].Source"] = MoneySources.Of(source).Label,
        [$"Input.Lines[{i}].Amount"] = amount, [$"Input.Lines[{i}].Project"] = project, [$"Input.Lines[{i}].Leader"] = leader,
    };

    private static Dictionary<string, string?> Lines(params Dictionary<string, string?>[] lines) =>
        lines.SelectMany(l => l).ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>A small budget: 人员经费, 公用经费 and a project, all 一般公共预算, 100.00 万元.</summary>
    private static Dictionary<string, string?> SmallBudget() => Lines(
        Line(0, "2013150", "30101", LineSpending.Personnel, MoneySource.GeneralBudget, "60"),
        Line(1, "2013150", "30201", LineSpending.Public, MoneySource.GeneralBudget, "20"),
        Line(2, "2013150", "30227", LineSpending.Project, MoneySource.GeneralBudget, "20", "招商服务经费", "王五"));

    private string Page => $"/workspace/disclosures/{_id}/lines";

    private async Task<(int Lines, uint Version)> StoredAsync()
    {
        await using var db = portal.NewDbContext();
        var d = await db.Disclosures.AsNoTracking().SingleAsync(x => x.Id == _id);
        return (await db.BudgetLines.CountAsync(l => l.DisclosureId == _id), d.RowVersion);
    }

    /// <summary>Posts the lines form with <paramref name="set"/> (existing rows replaced by what is set).</summary>
    private async Task<HttpResponseMessage> SaveAsync(FormSession officer, Dictionary<string, string?> set, IDocument? page = null, string button = "保存")
    {
        page ??= await officer.PageAsync(Page);
        var form = FormSession.Form(page, "保存");
        // The rows the page shows are replaced by the test's: its lines, no others.
        var fields = FormSession.Fields(form).Where(f => !f.Key.StartsWith("Input.Lines[", StringComparison.Ordinal)).ToList();
        fields.AddRange(set.Where(kv => kv.Value is not null).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!)));
        return await officer.PostFieldsAsync(form, fields, button);
    }

    private async Task SaveSmallBudgetAsync()
    {
        using var officer = await portal.LoginAsync(Officer);
        using var response = await SaveAsync(officer, SmallBudget());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SavedLinesMakeTheElevenTablesAndTheAuditLine()
    {
        await SaveSmallBudgetAsync();
        await using var db = portal.NewDbContext();
        var d = await db.Disclosures.AsNoTracking().Include(x => x.Department).Include(x => x.Lines)
            .Include(x => x.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells).SingleAsync(x => x.Id == _id);
        Assert.True(d.IsLineBased);
        Assert.Equal(["60.00", "20.00", "20.00"], d.Lines.Select(l => l.Amount.ToString("0.00")));
        Assert.Equal("王五", d.Lines[2].ProjectLeader);
        // 表3 by 基本/项目, 表6 by 人员/公用, 表7 the project: derived, not typed.
        Assert.Equal(100m, d.Table(TableKind.Expenditure).TotalOf("total"));
        Assert.Equal(80m, d.Table(TableKind.Expenditure).TotalOf("basic"));
        Assert.Equal(60m, d.Table(TableKind.GeneralBudgetBasic).TotalOf("personnel"));
        Assert.Contains(d.Table(TableKind.GeneralBudgetProjects).Rows, r => r.Project == "招商服务经费");
        Assert.Contains(await db.AuditLog.Where(a => a.DisclosureId == _id && a.Action == AuditAction.Save).Select(a => a.Detail).ToListAsync(),
            a => a.Contains("保存预算明细（3 行）"));
        // The preview shows the 预算明细 the public page will show, with the project and its leader.
        using var officer = await portal.LoginAsync(Officer);
        var preview = await officer.Http.GetStringAsync($"/workspace/disclosures/{_id}/preview");
        Assert.Contains("预算明细", preview);
        Assert.Contains("招商服务经费", preview);
        Assert.Contains("王五", preview);
    }

    public static TheoryData<string, string, string, string, string> BadLines => new()
    {
        // line field, typed, the field that shows it, what the message says
        { "Amount", "12.345", "Amount", "第 2 行“金额（万元）”", "最多两位小数" },
        { "Amount", "", "Amount", "第 2 行“金额（万元）”", "请填写金额" },
        { "Amount", "-3", "Amount", "第 2 行“金额（万元）”", "不能为负数" },
        { "Economic", "30101", "Economic", "第 2 行“经济分类科目编码”", "公用经费只能使用经济分类 302" },
        { "Functional", "20131", "Functional", "第 2 行“功能分类科目编码”", "应为 7 位数字" },
        { "Functional", "2019999", "Functional", "第 2 行“功能分类科目编码”", "不在 2026 年的功能分类目录中" },
        { "Economic", "30298", "Economic", "第 2 行“经济分类科目编码”", "不在 2026 年的经济分类目录中" },
        { "Spending", "Nonsense", "Spending", "第 2 行“支出类型”", "“Nonsense”无法识别" },
        { "Source", "中央拨款", "Source", "第 2 行“资金来源”", "“中央拨款”无法识别" },
        { "Project", "越权项目", "Project", "第 2 行“项目名称”", "基本支出不填项目名称" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task ABadLineIsRefusedAtItsLineAndColumnKeepingTheTypingAndStoringNothing(string field, string typed, string shownAt, string where, string why)
    {
        await SaveSmallBudgetAsync();
        var before = await StoredAsync();
        using var officer = await portal.LoginAsync(Officer);
        var set = SmallBudget();
        set[$"Input.Lines[1].{field}"] = typed;
        set["Input.Lines[2].Amount"] = "25.5";
        using var response = await SaveAsync(officer, set);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormSession.ReadAsync(response);
        var input = page.QuerySelector($"[name='Input.Lines[1].{shownAt}']")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var message = input.ParentElement!.QuerySelector(".error")!.TextContent;
        Assert.Contains(where, message);
        Assert.Contains(why, message);
        Assert.Contains(where, page.QuerySelector(".line-errors")!.TextContent);
        // What the officer typed is still there, the good lines too; nothing was stored.
        Assert.Equal("25.5", page.QuerySelector("input[name='Input.Lines[2].Amount']")!.GetAttribute("value"));
        if (input is AngleSharp.Html.Dom.IHtmlInputElement text) Assert.Equal(typed, text.GetAttribute("value") ?? "");
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task TwoLinesOfOneProjectMustNameTheSameLeader()
    {
        await SaveSmallBudgetAsync();
        var before = await StoredAsync();
        using var officer = await portal.LoginAsync(Officer);
        var set = Lines(SmallBudget(), Line(3, "2013150", "30201", LineSpending.Project, MoneySource.GovFund, "5", "招商服务经费", "赵六"));
        using var response = await SaveAsync(officer, set);
        var page = await FormSession.ReadAsync(response);
        Assert.Contains("同一项目只能有一位负责人", page.QuerySelector("input[name='Input.Lines[3].Leader']")!.ParentElement!.TextContent);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task TheAddBoxAddsALineToTheFormOnlyAndSaveStoresIt()
    {
        await SaveSmallBudgetAsync();
        using var officer = await portal.LoginAsync(Officer);
        var page = await officer.PageAsync(Page);
        var before = await StoredAsync();
        var added = await FormSession.ReadAsync(await officer.PostAsync(FormSession.Form(page, "保存"), new()
        {
            ["Input.New.Functional"] = "201 31 01", ["Input.New.Economic"] = "30102", ["Input.New.Spending"] = "人员",
            ["Input.New.Source"] = "政府性基金预算拨款", ["Input.New.Amount"] = "1,234.5",
        }, "添加"));
        Assert.Equal(before, await StoredAsync());
        Assert.Contains("已添加第 4 行", added.QuerySelector(".notice[role=status]")!.TextContent);
        Assert.Equal("2013101", added.QuerySelector("input[name='Input.Lines[3].Functional']")!.GetAttribute("value"));
        Assert.Equal("", added.QuerySelector("input[name='Input.New.Amount']")!.GetAttribute("value") ?? "");
        // A bad line in the box is refused there, with nothing added.
        var refused = await FormSession.ReadAsync(await officer.PostAsync(FormSession.Form(added, "保存"), new()
            { ["Input.New.Functional"] = "2013150", ["Input.New.Economic"] = "30227", ["Input.New.Spending"] = "项目支出", ["Input.New.Source"] = "政府性基金预算拨款", ["Input.New.Amount"] = "3" }, "添加"));
        Assert.Contains("项目支出必须填写项目名称", refused.QuerySelector("input[name='Input.New.Project']")!.ParentElement!.TextContent);
        Assert.Null(refused.QuerySelector("input[name='Input.Lines[4].Functional']"));
        using var saved = await officer.PostAsync(FormSession.Form(added, "保存"), [], "保存");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(before.Lines + 1, (await StoredAsync()).Lines);
    }

    [Fact]
    public async Task ASaveOverSomeoneElsesIsRefusedShowingTheirsAndThenAcceptedKnowingly()
    {
        await SaveSmallBudgetAsync();
        using var first = await portal.LoginAsync(Officer);
        using var second = await portal.LoginAsync("lines-officer2");
        var firstPage = await first.PageAsync(Page);
        var secondPage = await second.PageAsync(Page);
        var one = SmallBudget();
        one["Input.Lines[0].Amount"] = "61";
        using (var saved = await SaveAsync(first, one, firstPage)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await StoredAsync();

        var two = SmallBudget();
        two["Input.Lines[0].Amount"] = "62";
        using var lost = await SaveAsync(second, two, secondPage);
        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        var page = await FormSession.ReadAsync(lost);
        Assert.Contains("保存未成功：预算明细在您打开之后已被他人修改并保存", page.QuerySelector(".errors")!.TextContent);
        Assert.Contains("61.00", page.QuerySelector(".conflict")!.TextContent);
        Assert.Equal("62", page.QuerySelector("input[name='Input.Lines[0].Amount']")!.GetAttribute("value"));
        Assert.Equal(stored, await StoredAsync());
        // Saving again from the page that showed theirs: this person's lines, knowingly.
        using var again = await second.PostAsync(FormSession.Form(page, "保存"), [], "保存");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.Equal(62m, await db.BudgetLines.Where(l => l.DisclosureId == _id && l.Ordinal == 0).Select(l => l.Amount).SingleAsync());
    }

    [Fact]
    public async Task TheTablesOfALineBasedDraftAreReadOnlyAndRefuseASave()
    {
        await SaveSmallBudgetAsync();
        using var officer = await portal.LoginAsync(Officer);
        var table = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/3");
        Assert.Contains("由预算明细生成，不能直接修改", table.QuerySelector(".line-based")!.TextContent);
        Assert.Equal($"/workspace/disclosures/{_id}/lines", table.QuerySelector(".line-based a")!.GetAttribute("href"));
        Assert.DoesNotContain(table.QuerySelectorAll("main form button"), b => b.TextContent.Trim() == "保存");
        Assert.Null(table.QuerySelector("input[name$='.Cells[total]']"));

        // A save posted anyway (an old page, a script) is refused by the editor, nothing stored.
        var before = await StoredAsync();
        using var response = await officer.PostFieldsAsync(FormSession.Form(table), [.. FormSession.Fields(FormSession.Form(table)),
            new("Input.Rows[0].Kind", "Total"), new("Input.Rows[0].Cells[total]", "999")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("由预算明细生成，不能直接修改", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await StoredAsync());

        // The workbook upload of the eleven tables too: no form, and a file posted anyway is refused.
        var upload = await officer.PageAsync($"/workspace/disclosures/{_id}/upload");
        Assert.NotNull(upload.QuerySelector(".line-based"));
        Assert.Null(upload.QuerySelector("input[type=file][name=workbook]"));
        var workbook = await officer.Http.GetByteArrayAsync($"/workspace/disclosures/{_id}?handler=Workbook");
        var antiforgery = FormSession.Fields(FormSession.Form(await officer.PageAsync(Page), "保存")).First(f => f.Key == "__RequestVerificationToken");
        using var body = new MultipartFormDataContent { { new StringContent(antiforgery.Value), antiforgery.Key }, { new ByteArrayContent(workbook), "workbook", "表.xlsx" } };
        using var refused = await officer.Http.PostAsync($"/workspace/disclosures/{_id}/upload", body);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("由预算明细生成，不能直接修改", (await FormSession.ReadAsync(refused)).QuerySelector(".errors")!.TextContent);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task TheTemplateCarriesTheLinesAndTheWordsAndComesBackWhole()
    {
        await SaveSmallBudgetAsync();
        using var officer = await portal.LoginAsync(Officer);
        using var download = await officer.Http.GetAsync($"{Page}?handler=Template");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType?.MediaType);
        var template = await download.Content.ReadAsByteArrayAsync();
        var rows = TestWorkbook.Rows(template, "预算明细");
        Assert.Equal(LineSheet.Headers, rows[0]);
        Assert.Equal(["201 31 50", "事业运行", "302 27", "委托业务费", "项目支出", "招商服务经费", "王五", "一般公共预算拨款", "20.00"], rows[3]);
        var words = TestWorkbook.Rows(template, "可选值").SelectMany(r => r).ToList();
        Assert.Contains("公用经费", words);
        Assert.All(MoneySources.All, s => Assert.Contains(s.Label, words));

        // Uploaded back with one amount changed: the lines are replaced, in one save.
        var changed = XlsxEdits.EditSheet(template, "预算明细", xml => xml.Replace(">60.00<", ">66.00<"));
        var upload = await officer.PageAsync($"{Page}/upload");
        using var response = await officer.PostMultipartAsync(FormSession.Form(upload, "上传明细"), "lines", "明细.xlsx", changed);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        await using var db = portal.NewDbContext();
        Assert.Equal([66m, 20m, 20m], await db.BudgetLines.Where(l => l.DisclosureId == _id).OrderBy(l => l.Ordinal).Select(l => l.Amount).ToListAsync());
    }

    public static TheoryData<string, string[], string> BadSheets => new()
    {
        { "bad amount", ["201 31 50", "", "30101", "", "人员经费", "", "", "一般公共预算拨款", "1.234"], "第 3 行“金额（万元）”" },
        { "unknown words", ["2013150", "", "30101", "", "人员", "", "", "中央拨款", "1"], "第 3 行“资金来源”" },
        { "unknown code", ["2019999", "", "30101", "", "人员经费", "", "", "一般公共预算拨款", "1"], "第 3 行“功能分类科目编码”：201 99 99 不在" },
        { "project without name", ["2013150", "", "30227", "", "项目支出", "", "", "一般公共预算拨款", "1"], "第 3 行“项目名称”" },
    };

    [Theory]
    [MemberData(nameof(BadSheets))]
    public async Task ABadTemplateIsRefusedNamingRowAndColumnStoringNothing(string what, string[] row, string expected)
    {
        Assert.NotEmpty(what);
        await SaveSmallBudgetAsync();
        var before = await StoredAsync();
        var xlsx = TestWorkbook.OneSheet("预算明细", [.. LineSheet.Headers],
            ["2013150", "事业运行", "30101", "基本工资", "人员经费", "", "", "一般公共预算拨款", "10"], row);
        using var officer = await portal.LoginAsync(Officer);
        using var response = await officer.PostMultipartAsync(FormSession.Form(await officer.PageAsync($"{Page}/upload"), "上传明细"), "lines", "明细.xlsx", xlsx);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormSession.ReadAsync(response);
        Assert.Contains(expected, page.QuerySelector(".upload-problems")!.TextContent);
        Assert.Contains("未保存任何内容", page.QuerySelector("main")!.TextContent);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task AnOversizeOrBrokenTemplateIsRefusedInChinese()
    {
        await SaveSmallBudgetAsync();
        var before = await StoredAsync();
        using var officer = await portal.LoginAsync(Officer);
        var upload = await officer.PageAsync($"{Page}/upload");
        var template = await officer.Http.GetByteArrayAsync($"{Page}?handler=Template");
        // Past the workbook's 5 MB but within what the request may carry: the page says so.
        using (var big = await officer.PostMultipartAsync(FormSession.Form(upload, "上传明细"), "lines", "明细.xlsx", new byte[5 * 1024 * 1024 + 1]))
            Assert.Contains("文件过大", (await FormSession.ReadAsync(big)).QuerySelector("main")!.TextContent);
        // Past what the request may carry: 413 before the page runs.
        using (var huge = await officer.PostMultipartAsync(FormSession.Form(upload, "上传明细"), "lines", "明细.xlsx", new byte[6 * 1024 * 1024]))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
            Assert.Contains("上传的文件过大", await huge.Content.ReadAsStringAsync());
        }
        // A small file that unpacks to 200 MB, a file that is no workbook, an old .xls.
        foreach (var (bytes, name, why) in new[]
                 {
                     (XlsxEdits.WithUnpackedBulk(template, 200L * 1024 * 1024), "明细.xlsx", "工作簿解压后超过"),
                     ("这不是工作簿"u8.ToArray(), "明细.xlsx", "不是有效的 Excel 工作簿"),
                     (template, "明细.xls", "只接受 Excel 工作簿（.xlsx）"),
                 })
        {
            using var response = await officer.PostMultipartAsync(FormSession.Form(upload, "上传明细"), "lines", name, bytes);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(why, (await FormSession.ReadAsync(response)).QuerySelector("main")!.TextContent);
        }
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task TheFilterHidesOtherLinesWithoutDroppingThem()
    {
        await SaveSmallBudgetAsync();
        using var officer = await portal.LoginAsync(Officer);
        var page = await officer.PageAsync($"{Page}?q=招商");
        var rows = page.QuerySelectorAll("form.lines-form tbody tr").ToList();
        Assert.Equal([true, true, false], rows.Select(r => r.HasAttribute("hidden")));
        Assert.Equal("20.00", page.QuerySelector("#lines-filtered")!.TextContent.Trim());
        Assert.Equal("100.00", page.QuerySelector("#lines-total")!.TextContent.Trim());
        // By code: 302 takes the 公用经费 line and the project's 302 27.
        var byCode = await officer.PageAsync($"{Page}?q=302");
        Assert.Equal([true, false, false], byCode.QuerySelectorAll("form.lines-form tbody tr").Select(r => r.HasAttribute("hidden")));
        // Saving from a filtered page keeps every line.
        using var saved = await officer.PostAsync(FormSession.Form(page, "保存"), [], "保存");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("q=", saved.Headers.Location!.OriginalString);
        Assert.Equal(3, (await StoredAsync()).Lines);
    }

    [Fact]
    public async Task LastYearsLinesAreCopiedFromItsLineBasedVersionOrTheOfficerIsTold()
    {
        using var officer = await portal.LoginAsync(Officer);
        var page = await officer.PageAsync(Page);
        var none = await FormSession.ReadAsync(await officer.PostAsync(FormSession.Form(page, "保存"), [], "复制上年明细"));
        Assert.Contains("没有按预算明细编制的 2025 年预算公开", none.QuerySelector(".errors")!.TextContent);

        // A department whose 2025 draft is line-based: its 2026 draft takes those lines into the form.
        var id2025 = await LineDraftAsync(portal, "lines-prev-dept", "明细上年测试单位", 2025, "lines-prev-officer");
        using var prevOfficer = await portal.LoginAsync("lines-prev-officer");
        using (var saved = await SaveAsync(prevOfficer, SmallBudget(), await prevOfficer.PageAsync($"/workspace/disclosures/{id2025}/lines")))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id2026 = await WorkspaceSteps.NewDisclosureAsync(prevOfficer, "明细上年测试单位", 2026, fromPrevious: false, BudgetBasis.Lines);
        var next = await prevOfficer.PageAsync($"/workspace/disclosures/{id2026}/lines");
        var copied = await FormSession.ReadAsync(await prevOfficer.PostAsync(FormSession.Form(next, "保存"), [], "复制上年明细"));
        Assert.Contains("已带入 2025 年第 1 版的 3 行明细", copied.QuerySelector(".notice[role=status]")!.TextContent);
        Assert.Equal("招商服务经费", copied.QuerySelector("input[name='Input.Lines[2].Project']")!.GetAttribute("value"));
        await using var db = portal.NewDbContext();
        Assert.Equal(0, await db.BudgetLines.CountAsync(l => l.DisclosureId == id2026));
    }

    [Fact]
    public async Task ALineBasedDraftBecomesTableBasedAfterAConfirmationKeepingItsTables()
    {
        var id = await LineDraftAsync(portal, "lines-keep-dept", "明细转表测试单位", 2026, "lines-keep-officer");
        using var officer = await portal.LoginAsync("lines-keep-officer");
        using (var saved = await SaveAsync(officer, SmallBudget(), await officer.PageAsync($"/workspace/disclosures/{id}/lines")))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var confirm = await officer.PageAsync($"/workspace/disclosures/{id}/lines?handler=ConfirmKeepTables");
        Assert.Contains("3 行预算明细将被删除", confirm.QuerySelector(".confirm-keep-tables")!.TextContent);
        using var done = await officer.PostAsync(FormSession.Form(confirm, "确认改为按表格编制"), [], "确认改为按表格编制");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        await using var db = portal.NewDbContext();
        var d = await db.Disclosures.AsNoTracking().Include(x => x.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells).SingleAsync(x => x.Id == id);
        Assert.Equal(BudgetBasis.Tables, d.Basis);
        Assert.Equal(0, await db.BudgetLines.CountAsync(l => l.DisclosureId == id));
        Assert.Equal(100m, d.Table(TableKind.Expenditure).TotalOf("total"));
        // The tables are editable again.
        var table = await officer.PageAsync($"/workspace/disclosures/{id}/tables/3");
        Assert.Null(table.QuerySelector(".line-based"));
        Assert.NotNull(table.QuerySelector("input[name$='.Cells[total]']"));

        // And back: the tables split into lines that give the same tables.
        var lines = await officer.PageAsync($"/workspace/disclosures/{id}/lines");
        using var split = await officer.PostAsync(FormSession.Form(lines, "改为按预算明细编制"), [], "改为按预算明细编制");
        Assert.True(split.StatusCode == HttpStatusCode.Redirect, await split.Content.ReadAsStringAsync());
        await using var after = portal.NewDbContext();
        Assert.Equal(BudgetBasis.Lines, (await after.Disclosures.AsNoTracking().SingleAsync(x => x.Id == id)).Basis);
        Assert.Equal(100m, await after.BudgetLines.Where(l => l.DisclosureId == id).SumAsync(l => l.Amount));
    }

    [Fact]
    public async Task TablesThatNoLinesCanProduceAreNotSplitAndTheCellsAreNamed()
    {
        // A table-based draft whose 表3 total is not the sum of its parts.
        var id = await portal.EmptyDraftAsync("lines-split-dept", "明细拆分测试单位", 2026, "lines-split-officer");
        using var officer = await portal.LoginAsync("lines-split-officer");
        await WorkspaceSteps.EnterTableAsync(officer, id, 2026, 3, new BudgetPortal.Domain.Documents.TableDoc
        {
            Rows =
            [
                new() { Kind = "Total", Cells = new() { ["total"] = 101m, ["basic"] = 100m } },
                new() { Code = "201", Cells = new() { ["total"] = 100m, ["basic"] = 100m } },
                new() { Code = "20131", Cells = new() { ["total"] = 100m, ["basic"] = 100m } },
                new() { Code = "2013150", Cells = new() { ["total"] = 100m, ["basic"] = 100m } },
            ],
        });
        var lines = await officer.PageAsync($"/workspace/disclosures/{id}/lines");
        using var refused = await officer.PostAsync(FormSession.Form(lines, "改为按预算明细编制"), [], "改为按预算明细编制");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await FormSession.ReadAsync(refused);
        Assert.Contains("不能拆分为预算明细", page.QuerySelector(".errors")!.TextContent);
        Assert.Contains("表3", page.QuerySelector(".split-differences")!.TextContent);
        await using var db = portal.NewDbContext();
        Assert.Equal(BudgetBasis.Tables, (await db.Disclosures.AsNoTracking().SingleAsync(x => x.Id == id)).Basis);
        Assert.Equal(0, await db.BudgetLines.CountAsync(l => l.DisclosureId == id));
    }

    [Fact]
    public async Task TheMostLinesTheFormTakesAreSavedWholeAndMoreAreEditedThroughTheTemplate()
    {
        var id = await LineDraftAsync(portal, "lines-many-dept", "明细行数测试单位", 2026, "lines-many-officer");
        using var officer = await portal.LoginAsync("lines-many-officer");
        var page = await officer.PageAsync($"/workspace/disclosures/{id}/lines");
        // Every field of 2,000 lines posted as a browser posts them (≈ 16,000 values).
        var set = Lines(Enumerable.Range(0, BudgetPortal.Web.Workspace.LineForm.MaxLines).Select(i =>
            Line(i, "2013150", "30227", LineSpending.Project, MoneySource.GeneralBudget, $"{1 + i % 100}.{i % 100:00}", $"项目{i / 10}", "张三")).ToArray());
        using (var saved = await SaveAsync(officer, set, page))
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"{(int)saved.StatusCode} " + string.Concat((await saved.Content.ReadAsStringAsync()).Take(3000)));
        await using (var db = portal.NewDbContext())
            Assert.Equal(BudgetPortal.Web.Workspace.LineForm.MaxLines, await db.BudgetLines.CountAsync(l => l.DisclosureId == id));

        // One more, through the template: the page shows them read-only and says to use the template.
        var rows = new List<string[]> { LineSheet.Headers.ToArray() };
        rows.AddRange(Enumerable.Range(0, BudgetPortal.Web.Workspace.LineForm.MaxLines + 1).Select(i =>
            new[] { "2013150", "", "30227", "", "项目支出", $"项目{i / 10}", "张三", "一般公共预算拨款", "1.5" }));
        using (var uploaded = await officer.PostMultipartAsync(FormSession.Form(await officer.PageAsync($"/workspace/disclosures/{id}/lines/upload"), "上传明细"),
                   "lines", "明细.xlsx", TestWorkbook.OneSheet("预算明细", [.. rows])))
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var many = await officer.PageAsync($"/workspace/disclosures/{id}/lines");
        Assert.Contains($"超过表单可以编辑的 {BudgetPortal.Web.Workspace.LineForm.MaxLines} 行", many.QuerySelector("main")!.TextContent);
        Assert.Null(many.QuerySelector("input[name='Input.Lines[0].Amount']"));
        Assert.NotNull(many.QuerySelector("input[type=file][name=lines]"));
    }

    [Fact]
    public async Task ALineBasedDraftStartedFromLastYearTakesItsOtherPartsAndNoTableRows()
    {
        await NewYearTests.PublishedLastYearAsync(portal, "lines-next-dept", "明细新年度测试单位", "lines-next-officer");
        using var officer = await portal.LoginAsync("lines-next-officer");
        var id = await WorkspaceSteps.NewDisclosureAsync(officer, "明细新年度测试单位", 2026, fromPrevious: true, BudgetBasis.Lines);
        await using var db = portal.NewDbContext();
        var d = await db.Disclosures.AsNoTracking().IncludeComplete().SingleAsync(x => x.Id == id);
        Assert.True(d.IsLineBased);
        Assert.Empty(d.Lines);
        // The tables come from the lines (none yet); 部门概况 and the sheets' indicators come from last year.
        Assert.All(d.Tables, t => Assert.DoesNotContain(t.Rows, r => r.Cells.Any(c => c.Amount != 0m)));
        Assert.Equal(NewYearTests.LastYear.Overview.Functions, d.Overview.Functions);
        Assert.NotEmpty(d.PerformanceSheets);
        Assert.Contains("按预算明细编制", await db.AuditLog.Where(a => a.DisclosureId == id).Select(a => a.Detail).SingleAsync());
        // Last year was kept as tables: no lines to copy, and the officer is told so.
        var page = await officer.PageAsync($"/workspace/disclosures/{id}/lines");
        var none = await FormSession.ReadAsync(await officer.PostAsync(FormSession.Form(page, "保存"), [], "复制上年明细"));
        Assert.Contains("没有按预算明细编制的 2025 年预算公开", none.QuerySelector(".errors")!.TextContent);
    }
}
