using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Tests.Workspace;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>
/// The "Bad input" cases of issue 14, replayed against the running portal: each is answered with a
/// status that is never 500, a Chinese message saying what and where, and nothing stored.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class BadInputTests(WorkspaceFixture portal) : IAsyncLifetime
{
    private const string Department = "坏输入测试单位";
    private const string Overflowing = "79228162514264337593543950335";
    private static int _id;

    public async Task InitializeAsync() =>
        _id = await portal.EmptyDraftAsync("bad-input-dept", Department, 2025, "bad-input-officer",
            () => portal.CreateUserAsync("bad-input-admin", PortalRoles.Administrator));

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Everything stored for the draft, as one comparable text: tables, rows, cells, sheets and the sign-off.</summary>
    private async Task<string> StoredAsync()
    {
        await using var db = portal.NewDbContext();
        var d = await db.Disclosures.AsNoTracking().Include(x => x.PerformanceSheets)
            .Include(x => x.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells).SingleAsync(x => x.Id == _id);
        return string.Join("|", d.Tables.SelectMany(t => t.Rows.Select(r => $"{t.Number}:{r}:{string.Join(",", r.Cells.Select(c => $"{c.Column}={c.Amount}"))}")))
            + $"|{d.Tables.Count(t => t.EmptyText != null)}|{string.Join(",", d.PerformanceSheets.Select(s => s.Name + s.Unit))}|{d.SignOff.Text}";
    }

    private static async Task<string> MainTextAsync(HttpResponseMessage response) =>
        (await FormSession.ReadAsync(response)).QuerySelector("main")?.TextContent ?? await response.Content.ReadAsStringAsync();

    [Theory]
    [InlineData(Overflowing, "不是有效的金额")]
    [InlineData("999999999999", "超出上限")]
    [InlineData("75.004", "最多两位小数")]
    public async Task AnAmountPastTheLimitsInATableFormIsRefusedAtItsField(string typed, string why)
    {
        using var officer = await portal.LoginAsync("bad-input-officer");
        var page = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/10");
        var before = await StoredAsync();

        var response = await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.Rows[1].Cells[generalBudget]"] = typed }, "保存");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FormSession.ReadAsync(response);
        var error = result.QuerySelector("input[name='Input.Rows[1].Cells[generalBudget]']")!.ParentElement!.QuerySelector(".error")!.TextContent;
        Assert.Contains(why, error);
        Assert.Contains("一般公共预算", error);   // the column's header
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task TextsPastTheirColumnsAreRefusedWithTheFieldAndPlaceNamed()
    {
        using var officer = await portal.LoginAsync("bad-input-officer");
        var before = await StoredAsync();

        // 表7: a project row with a project name and a name of 301 characters.
        var page = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/7");
        var added = await FormSession.ReadAsync(await officer.PostAsync(FormSession.Form(page, "保存"),
            new() { ["Input.AddCode"] = "2010101", ["Input.AddProject"] = "运行保障项目" }, "添加"));
        var projectField = added.QuerySelectorAll<IHtmlInputElement>("input[name$='.Project']").Single(i => i.Value == "运行保障项目").Name!;
        var prefix = projectField[..^".Project".Length];
        var response = await officer.PostAsync(FormSession.Form(added, "保存"), new()
        {
            [projectField] = new string('项', 301), [$"{prefix}.Name"] = new string('名', 301), [$"{prefix}.Cells[total]"] = "1.00",
        }, "保存");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await MainTextAsync(response);
        Assert.Contains("表7第", text);
        Assert.Contains("最多 300 个字，现有 301 个", text);

        // 表10: a fixed row's key (a hidden field) of 65 characters.
        page = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/10");
        response = await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.Rows[1].Key"] = new string('k', 65), ["Input.Rows[1].Cells[total]"] = "1.00" }, "保存");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("行标识最多 64 个字，现有 65 个", await MainTextAsync(response));

        // 表9: the sentence of an empty table, 501 characters.
        page = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/9");
        response = await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.EmptyText"] = new string('空', 501) }, "保存");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("表9的空表说明最多 500 个字，现有 501 个", await MainTextAsync(response));

        // A project sheet's 预算单位, 301 characters.
        page = await officer.PageAsync($"/workspace/disclosures/{_id}/sheets/1");
        response = await officer.PostAsync(FormSession.Form(page, "保存"), new()
        {
            ["Input.Name"] = "运行保障项目", ["Input.Unit"] = new string('单', 301), ["Input.FundsTotal"] = "0", ["Input.FundsFiscal"] = "0", ["Input.Goal"] = "保障运行",
        }, "保存");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sheetText = await MainTextAsync(response);
        Assert.True(sheetText.Contains("的预算单位最多 300 个字，现有 301 个"), string.Join(" / ", (await FormSession.ReadAsync(response)).QuerySelectorAll(".error, .errors").Select(e => e.TextContent)));

        // A section of 情况说明 drafted by the portal, its heading 301 characters.
        page = await officer.PageAsync($"/workspace/disclosures/{_id}/notes/3");
        response = await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.Heading"] = new string('标', 301) }, "保存");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("标题最多 300 个字，现有 301 个", await MainTextAsync(response));

        // The sign-off's date line, 101 characters: the message is shown at the field.
        page = await officer.PageAsync($"/workspace/disclosures/{_id}/sign-off");
        response = await officer.PostAsync(FormSession.Form(page), new() { ["Input.Date"] = "2025-01-20", ["Input.Text"] = new string('日', 101) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signOff = await FormSession.ReadAsync(response);
        Assert.Contains("日期行最多 100 个字", signOff.QuerySelector("input[name='Input.Text'] ~ .error")?.TextContent ?? "");

        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task AnAmountOfThreeDecimalsOnASheetIsRefused()
    {
        using var officer = await portal.LoginAsync("bad-input-officer");
        var before = await StoredAsync();
        var page = await officer.PageAsync($"/workspace/disclosures/{_id}/sheets/1");

        var response = await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.Name"] = "运行保障项目", ["Input.FundsTotal"] = "75.004", ["Input.FundsFiscal"] = "0", ["Input.Goal"] = "保障运行" }, "保存");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("最多两位小数", await MainTextAsync(response));
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task ALoginNameOf300CharactersIsAnOrdinaryFailedLogin()
    {
        using var session = portal.NewSession();
        var response = await session.LoginAsync(new string('a', 300), "whatever-Password1!");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误", await MainTextAsync(response));
    }

    [Theory]
    [InlineData("/?q=%00")]
    [InlineData("/?category=%00")]
    [InlineData("/compare/2025/tables?d=%00")]
    [InlineData("/api/v1/disclosures?q=%00")]
    [InlineData("/classification/2025?q=a%00b")]
    public async Task NulInTheQueryIsABadRequestSaidInChinese(string path)
    {
        Assert.Contains("空字符", await portal.AnswerAsync(path, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task NulInAPostedFieldIsABadRequestAndNothingIsStored()
    {
        using var anonymous = portal.NewSession();
        var login = await anonymous.PageAsync("/account/login");
        var response = await anonymous.PostAsync(FormSession.Form(login), new() { ["Input.UserName"] = "bad-input-officer\0", ["Input.Password"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("空字符", await MainTextAsync(response));

        using var officer = await portal.LoginAsync("bad-input-officer");
        var before = await StoredAsync();
        var page = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/7");
        response = await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.AddCode"] = "2010101", ["Input.AddProject"] = "项目\0名" }, "添加");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("空字符"), body);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task ADepartmentWithoutAPublishedDisclosureIsNotPublic()
    {
        // This test's department has a draft only (as a department created by an import has).
        string[] paths = ["/departments/bad-input-dept", "/departments/bad-input-dept/trend",
            "/departments/bad-input-dept/2025", "/api/v1/disclosures/bad-input-dept/2025"];
        foreach (var path in paths)
        {
            using var response = await portal.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path} → {(int)response.StatusCode}");
        }
        var list = await portal.Http.GetStringAsync("/api/v1/departments");
        Assert.DoesNotContain("bad-input-dept", list);
        Assert.Contains("zbjllc", list);   // the published ones are listed
    }

    [Fact]
    public async Task ADraftHoldingAnOverflowingAmountFromBeforeTheLimitStillOpens()
    {
        // A separate draft, its 表3 given (through SQL, as stored before the limit) two amounts whose sum overflows.
        var id = await portal.EmptyDraftAsync("overflow-dept", "溢出测试单位", 2025, "overflow-officer");
        using var officer = await portal.LoginAsync("overflow-officer");
        var page = await officer.PageAsync($"/workspace/disclosures/{id}/tables/3");
        var added = await FormSession.ReadAsync(await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.AddCode"] = "2010101，2010102" }, "添加"));
        var set = new Dictionary<string, string?>();
        foreach (var code in new[] { "2010101", "2010102" })
        {
            var prefix = added.QuerySelectorAll<IHtmlInputElement>("input[name$='.Code']").Single(i => i.Value == code).Name![..^".Code".Length];
            set[$"{prefix}.Name"] = "测试科目";
            set[$"{prefix}.Cells[basic]"] = "1.00";
            set[$"{prefix}.Cells[total]"] = "1.00";
        }
        foreach (var sum in added.QuerySelectorAll<IHtmlInputElement>("input[name$='.Code']").Where(i => i.Value is "201" or "20101"))
            set[sum.Name![..^".Code".Length] + ".Name"] = "测试汇总";
        var saved = await officer.PostAsync(FormSession.Form(added, "保存"), set, "保存");
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, string.Join(" / ", (await FormSession.ReadAsync(saved)).QuerySelectorAll(".error").Select(e => e.TextContent)));
        await using (var db = portal.NewDbContext())
        {
            var changed = await db.Database.ExecuteSqlRawAsync(
                "UPDATE table_cells SET amount = 79228162514264337593543950335 WHERE table_row_id IN (SELECT r.id FROM table_rows r JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = {0} AND t.kind = 'Expenditure' AND r.code IN ('2010101', '2010102'))", id);
            Assert.Equal(4, changed);
        }

        foreach (var path in new[] { $"/workspace/disclosures/{id}", $"/workspace/disclosures/{id}/tables/3", $"/workspace/disclosures/{id}/tables/1",
                     $"/workspace/disclosures/{id}/preview", $"/workspace/disclosures/{id}/notes/3" })
        {
            using var response = await officer.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode}");
        }
        var checks = await officer.PageAsync($"/workspace/disclosures/{id}");
        Assert.Contains("超出上限", checks.QuerySelector("main")!.TextContent);

        // Saving another table (which drafts the notes from every table) names the figure to correct first.
        page = await officer.PageAsync($"/workspace/disclosures/{id}/tables/10");
        var other = await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.Rows[1].Cells[generalBudget]"] = "1.00" }, "保存");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("请先改正表3", await MainTextAsync(other));
        // Correcting 表3 in its form is the way out: its stored figures come back into the form, refused at their fields.
        page = await officer.PageAsync($"/workspace/disclosures/{id}/tables/3");
        var fix = FormSession.Fields(FormSession.Form(page, "保存"))
            .Select(f => f.Key.EndsWith("]", StringComparison.Ordinal) && f.Key.Contains(".Cells[", StringComparison.Ordinal) && f.Value.Length > 20 ? new KeyValuePair<string, string>(f.Key, "1.00") : f)
            .Select(f => f.Key.Contains(".Cells[", StringComparison.Ordinal) && !f.Key.Contains("basic", StringComparison.Ordinal) ? new KeyValuePair<string, string>(f.Key, "") : f)
            .ToList();
        var fixedUp = await officer.PostFieldsAsync(FormSession.Form(page, "保存"), fix, "保存");
        Assert.True(fixedUp.StatusCode == HttpStatusCode.Redirect, string.Join(" / ", (await FormSession.ReadAsync(fixedUp)).QuerySelectorAll(".error, .errors").Select(e => e.TextContent)));
    }
}
