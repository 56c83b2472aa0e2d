using System.Net;
using System.Text;
using AngleSharp.Dom;
using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Compliance;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Tests.Compliance;

/// <summary>
/// 公开情况 (issue 17) against a real portal: the finance bureau registers the expected departments (form,
/// list file with errors named and nothing saved), the public page shows each one's status, days, completeness
/// and checks, filtered and sorted by its query string, as CSV and xlsx; the facts are stored at publication
/// and the database keeps them as published.
/// </summary>
public sealed class ComplianceTests(ComplianceTests.Fixture portal) : IClassFixture<ComplianceTests.Fixture>
{
    /// <summary>
    /// The seeds (2025: jjxz and zbjllc published 2025-02-14; 2024: dkyj, gbkhpj 2024-02-23) and, made once:
    /// tcinc — 2025 published 2025-02-10 without 政府采购情况, then corrected with it on 2025-03-01;
    /// tcmiss — expected in 2025, nothing; tcwait — a 2026 version waiting for review. A reviewer, cp-rev.
    /// </summary>
    public sealed class Fixture : WorkspaceFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await CreateUserAsync("cp-rev", PortalRoles.Reviewer);
            await CreateUserAsync("cp-officer", PortalRoles.Officer, "jjxz");
            await using var db = NewDbContext();
            var doc = Repo.LoadSeed(Path.GetFileName(Repo.SeedDisclosureFiles.First()));   // 000: jjxz 2025
            var draft = await db.AddDraftOfNewDepartmentAsync("tcinc", "测试不完整局", doc);
            var parent = await db.Departments.SingleAsync(d => d.Code == "jjxz");
            (await db.Departments.SingleAsync(d => d.Code == "tcinc")).PlaceUnder(parent, hasUnits: false);
            var notes = draft.Notes.ToList();
            draft.SetNotes(notes.Where(n => n.Key != "12.2").Select(n => n.Copy()).ToList());
            await db.SaveChangesAsync();
            draft.Publish(new DateTimeOffset(2025, 2, 10, 10, 0, 0, TimeSpan.FromHours(8)), ConsistencyChecks.Run(draft));
            await db.SaveChangesAsync();
            var correction = draft.StartCorrection("补充政府采购情况");
            correction.SetNotes(notes.Select(n => n.Copy()).ToList());
            db.Disclosures.Add(correction);
            await db.SaveChangesAsync();
            correction.Publish(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)), ConsistencyChecks.Run(correction));
            await db.SaveChangesAsync();

            db.Departments.Add(new Department("tcmiss", "测试未公开局"));
            var waiting = new Department("tcwait", "测试审核中局");
            db.Departments.Add(waiting);
            await db.SaveChangesAsync();
            var submitted = new Disclosure(waiting, Today.Year);
            db.Disclosures.Add(submitted);
            submitted.Submit(DateTimeOffset.UtcNow.AddHours(-30), 0);
            await db.SaveChangesAsync();
        }

        public static DateOnly Today => ComplianceAssessment.ChinaDate(DateTimeOffset.UtcNow);
    }

    private static string Errors(IDocument page) =>
        string.Join("\n", page.QuerySelectorAll(".errors, .error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));

    private static async Task<IDocument> FollowAsync(FormSession session, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect) return await session.PageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FormSession.ReadAsync(response);
    }

    private static Task<HttpResponseMessage> RegisterAsync(FormSession session, IDocument page, string code, string date) =>
        session.PostAsync(FormSession.Form(page, "登记"), new() { ["Expected.Code"] = code, ["Expected.ApprovedOn"] = date }, "登记");

    private static async Task<IDocument> UploadAsync(FormSession session, int year, string fileName, byte[] content)
    {
        var page = await session.PageAsync($"/workspace/compliance/{year}");
        return await FollowAsync(session, await session.PostMultipartAsync(FormSession.Form(page, "上传并登记"), "list", fileName, content));
    }

    /// <summary>2025's list, entered once by the form and the list file (the tests below read it).</summary>
    private async Task<FormSession> Registered2025Async()
    {
        var session = await portal.LoginAsync("cp-rev");
        await using var db = portal.NewDbContext();
        if (await db.ExpectedDisclosures.AnyAsync(e => e.FiscalYear == 2025)) return session;
        var page = await session.PageAsync("/workspace/compliance/2025");
        var saved = await FollowAsync(session, await RegisterAsync(session, page, "jjxz", "2025-01-30"));
        Assert.Contains("已登记 2025 年应公开部门“昌吉回族自治州经济协作服务中心”，批复日期 2025-01-30", saved.QuerySelector(".notice")!.TextContent);
        var csv = "部门代码,部门名称,批复日期\r\nzbjllc,驻北京联络处,2025/1/10\r\ntcinc,测试不完整局,2025年1月25日\r\nTCMISS,测试未公开局,2025-01-05\r\n";
        var uploaded = await UploadAsync(session, 2025, "应公开.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Equal("", Errors(uploaded));
        Assert.Contains("登记 2025 年应公开部门 3 个（新增 3 个，更新 0 个）", uploaded.QuerySelector(".notice")!.TextContent);
        return session;
    }

    [Fact]
    public async Task TheFormAndTheListFileRegisterDepartmentsAndThePublicPageShowsEveryStatus()
    {
        using var session = await Registered2025Async();
        var page = await portal.GetPageAsync("/compliance/2025");
        IElement Row(string code) => page.QuerySelector($"table.compliance tr[data-code={code}]")!;
        string Cell(string code, string cls) => Row(code).QuerySelector("." + cls)!.TextContent.Trim();

        Assert.Equal(4, page.QuerySelectorAll("table.compliance tbody tr[data-code]").Length);
        // jjxz: approved 01-30, published 02-14: 15 days, on time, complete.
        Assert.StartsWith("已公开", Cell("jjxz", "status"));
        Assert.Equal("15", Cell("jjxz", "days"));
        Assert.Equal("完整", Cell("jjxz", "completeness"));
        // zbjllc: approved 01-10, published 02-14: 35 days, late.
        Assert.StartsWith("逾期公开", Cell("zbjllc", "status"));
        Assert.Equal("35", Cell("zbjllc", "days"));
        // tcmiss: nothing, deadline 01-25 long past.
        Assert.StartsWith("逾期未公开", Cell("tcmiss", "status"));
        Assert.Contains("期限 2025-01-25", Cell("tcmiss", "status"));
        Assert.Equal("—", Cell("tcmiss", "completeness"));
        // tcinc: first published 02-10 (16 days after 01-25), corrected on 03-01 with the missing section.
        Assert.StartsWith("已公开", Cell("tcinc", "status"));
        Assert.Contains("2025-02-10，更正 1 次", Cell("tcinc", "status"));
        Assert.Equal("16", Cell("tcinc", "days"));
        Assert.Equal("完整", Cell("tcinc", "completeness"));
        // Its 主管部门 is jjxz: the group of two.
        var group = page.QuerySelector("table.compliance-groups tr[data-parent=jjxz]")!;
        Assert.Equal(["2", "2", "0", "0", "100.0%", "100.0%"], group.QuerySelectorAll("td").Take(6).Select(td => td.TextContent.Trim()));
        // The region: 4 expected, 3 published, 2 on time (50 %), 1 late, 1 overdue.
        var total = page.QuerySelector("table.compliance-groups tfoot tr")!;
        Assert.Equal(["4", "3", "1", "1", "50.0%", "100.0%"], total.QuerySelectorAll("td").Take(6).Select(td => td.TextContent.Trim()));
        // The chart's table: three published by day 35, two by the deadline (day 20, marked).
        var days = page.QuerySelectorAll("table.chart-data tbody tr").ToList();
        Assert.Equal(36, days.Count);
        Assert.Equal("2", days[20].QuerySelectorAll("td")[1].TextContent);
        Assert.Contains("deadline", days[20].ClassName);
        Assert.Equal("3", days[35].QuerySelectorAll("td")[1].TextContent);
        // Linked from the site's navigation, and the years' list.
        Assert.NotNull(page.QuerySelector("header nav a[href='/compliance']"));
        Assert.NotNull((await portal.GetPageAsync("/compliance")).QuerySelector("a[href='/compliance/2025']"));
    }

    [Fact]
    public async Task AsOfTheCorrectionTheFirstVersionWasIncompleteAndTheFactsSaySo()
    {
        await using var db = portal.NewDbContext();
        var facts = await db.ComplianceFacts.Where(f => f.DepartmentId == db.Departments.Single(d => d.Code == "tcinc").Id).OrderBy(f => f.Version).ToListAsync();
        Assert.Equal([1, 2], facts.Select(f => f.Version));
        Assert.Equal(["ProcurementSection"], facts[0].FailedItems);
        Assert.Contains("政府采购情况", facts[0].FailureDetails[0]);
        Assert.Empty(facts[1].FailedItems);
        var department = new ExpectedDepartment(0, "tcinc", "测试不完整局", null, "", null, new DateOnly(2025, 1, 25));
        var before = ComplianceAssessment.Assess(department, facts.Select(f => f.ToFacts()), false, ComplianceRules.Default, new DateOnly(2025, 2, 20));
        Assert.False(before.IsComplete);
        // Every published version of the seeds has its facts, with its frozen checks counted.
        var published = await db.Disclosures.CountAsync(d => d.Status == DisclosureStatus.Published);
        Assert.Equal(published, await db.ComplianceFacts.CountAsync());
        var seed = await db.Disclosures.Include(d => d.PublishedChecks).SingleAsync(d => d.Department.Code == "jjxz" && d.Version == 1);
        var stored = await db.ComplianceFacts.SingleAsync(f => f.DisclosureId == seed.Id);
        Assert.Equal(seed.PublishedChecks.Count(c => c.Outcome == Outcome.Fail && c.Severity == Severity.Warning), stored.Warnings);
        Assert.Equal(seed.PublishedChecks.Count(c => c.Outcome == Outcome.Fail && c.Severity == Severity.Error), stored.Errors);
    }

    [Fact]
    public async Task TheDatabaseKeepsTheFactsAsPublished()
    {
        async Task<PostgresException> Refused(string connection, string sql)
        {
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, conn);
            return await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
        }
        const string change = "UPDATE compliance_facts SET errors = 0, failed_items = '{}' WHERE department_id = (SELECT id FROM departments WHERE code = 'tcinc')";
        // The portal's role may not even try (no UPDATE or DELETE granted); the owner is stopped by the trigger.
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Refused(portal.Database.ConnectionString, change)).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Refused(portal.Database.ConnectionString, "DELETE FROM compliance_facts")).SqlState);
        Assert.Equal("BP001", (await Refused(portal.Database.OwnerConnectionString, change)).SqlState);
        Assert.Equal("BP001", (await Refused(portal.Database.OwnerConnectionString, "DELETE FROM compliance_facts")).SqlState);
        Assert.Equal("BP001", (await Refused(portal.Database.OwnerConnectionString, "TRUNCATE compliance_facts")).SqlState);
        // Facts for a version that is not published (the waiting draft) are refused at commit.
        var forged = await Refused(portal.Database.ConnectionString, """
            INSERT INTO compliance_facts (disclosure_id, department_id, fiscal_year, version, published_at, errors, warnings, failed_items, failure_details)
            SELECT id, department_id, fiscal_year, version, now(), 0, 0, '{}', '{}' FROM disclosures WHERE status = 'Submitted' LIMIT 1
            """);
        Assert.Equal("BP001", forged.SqlState);
        await using var db = portal.NewDbContext();
        Assert.Equal(2, await db.ComplianceFacts.CountAsync(f => f.DepartmentId == db.Departments.Single(d => d.Code == "tcinc").Id && f.FailedItems.Length + f.Version == 2));
    }

    [Fact]
    public async Task ThePageFiltersBy主管部门AndStatusAndSortsWithoutScript()
    {
        using var session = await Registered2025Async();
        var byParent = await portal.GetPageAsync("/compliance/2025?parent=jjxz");
        Assert.Equal(["jjxz", "tcinc"], byParent.QuerySelectorAll("table.compliance tbody tr[data-code]").Select(r => r.GetAttribute("data-code")).Order());
        Assert.Equal("selected", byParent.QuerySelector("select#parent option[value=jjxz]")!.GetAttribute("selected") is null ? null : "selected");
        Assert.Contains("/compliance/2025.csv?parent=jjxz", byParent.QuerySelector("p.downloads a")!.GetAttribute("href"));

        var late = await portal.GetPageAsync("/compliance/2025?status=PublishedLate");
        Assert.Equal(["zbjllc"], late.QuerySelectorAll("table.compliance tbody tr[data-code]").Select(r => r.GetAttribute("data-code")));

        var byDays = await portal.GetPageAsync("/compliance/2025?sort=days&dir=desc");
        // Longest first; the department with no days last.
        Assert.Equal(["zbjllc", "tcinc", "jjxz", "tcmiss"], byDays.QuerySelectorAll("table.compliance tbody tr[data-code]").Select(r => r.GetAttribute("data-code")));
        Assert.Equal("descending", byDays.QuerySelector("th[aria-sort=descending]")!.GetAttribute("aria-sort"));
        // A status that is none is ignored (the whole year); a year nobody registered is not found.
        Assert.Equal(4, (await portal.GetPageAsync("/compliance/2025?status=bogus")).QuerySelectorAll("table.compliance tbody tr[data-code]").Length);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.Http.GetAsync("/compliance/2031")).StatusCode);
    }

    [Fact]
    public async Task TheCsvAndTheWorkbookHoldThePagesRowsWithItsFilter()
    {
        using var session = await Registered2025Async();
        using var response = await portal.Http.GetAsync("/compliance/2025.csv?parent=jjxz&sort=name");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = BudgetPortal.Domain.Csv.Parse(Encoding.UTF8.GetString(bytes), 100, 1000);
        Assert.Equal(ComplianceFilesHeader, rows[0].Cells);
        Assert.Equal(3, rows.Count);
        var jjxz = rows.Single(r => r.Cells[0] == "jjxz").Cells;
        Assert.Equal(["2025-01-30", "2025-02-19", "已公开", "2025-02-14", "15", "1", "完整"], jjxz.Skip(3).Take(7));

        using var all = await portal.Http.GetAsync("/compliance/2025.xlsx");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        using var stream = new MemoryStream(await all.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var lines = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Equal(ComplianceFilesHeader, lines[0]);
        var late = lines.Single(l => l[0] == "zbjllc");
        Assert.Equal(("逾期公开", "35"), (late[5], late[7]));
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.CellValues.Number,
            sheet.Descendants<Row>().ElementAt(lines.IndexOf(late)).Elements<Cell>().ElementAt(7).DataType!.Value);
    }

    private static readonly string[] ComplianceFilesHeader =
        ["部门代码", "部门名称", "主管部门", "批复日期", "公开期限", "状态", "首次公开日期", "批复至公开天数", "版本", "完整性", "错误数", "警告数"];

    [Fact]
    public async Task AListFileWithBadLinesNamesEachByLineAndColumnAndSavesNothing()
    {
        using var session = await portal.LoginAsync("cp-rev");
        var csv = "部门代码,批复日期\r\njjxz,2024-01-20\r\nnosuch,2024-01-20\r\ndkyj,2024-02-30\r\njjxz,2024-01-21\r\ngbkhpj,2022-12-01\r\n";
        var page = await UploadAsync(session, 2024, "坏清单.csv", Encoding.UTF8.GetBytes(csv));
        var errors = page.QuerySelectorAll(".compliance-upload .errors li").Select(li => li.TextContent).ToList();
        Assert.Equal(4, errors.Count);
        Assert.Contains("第 3 行第 1 列（部门代码）“nosuch”不在部门清单中", errors[0]);
        Assert.Contains("第 4 行第 2 列（批复日期）“2024-02-30”不是日期", errors[1]);
        Assert.Contains("第 5 行第 1 列（部门代码）“jjxz”与第 2 行重复", errors[2]);
        Assert.Contains("第 6 行第 2 列（批复日期）：批复日期 2022-12-01 不在 2023–2024 年内", errors[3]);
        await using var db = portal.NewDbContext();
        Assert.False(await db.ExpectedDisclosures.AnyAsync(e => e.FiscalYear == 2024));

        var header = await UploadAsync(session, 2024, "表头.csv", Encoding.UTF8.GetBytes("代码,日期\r\njjxz,2024-01-01\r\n"));
        Assert.Contains("第 1 行（表头）第 1 列“代码”不是可用的列名", Errors(header));
        Assert.Contains("缺少列“批复日期”", Errors(header));
        var binary = await UploadAsync(session, 2024, "x.pdf", [1, 2, 3]);
        Assert.Contains("只接受 .csv 或 .xlsx", Errors(binary));
        Assert.False(await db.ExpectedDisclosures.AnyAsync(e => e.FiscalYear == 2024));
    }

    [Fact]
    public async Task TheFormRefusesAnUnknownCodeAndABadDateInChineseOnTheField()
    {
        using var session = await portal.LoginAsync("cp-rev");
        var page = await session.PageAsync("/workspace/compliance/2023");
        var unknown = await FollowAsync(session, await RegisterAsync(session, page, "nosuch", "2023-01-10"));
        Assert.Contains("部门代码“nosuch”不在部门清单中", unknown.QuerySelector("#expected-code-error")!.TextContent);
        var bad = await FollowAsync(session, await RegisterAsync(session, page, "dkyj", "2023-13-01"));
        Assert.Contains("批复日期“2023-13-01”不是日期", bad.QuerySelector("#expected-date-error")!.TextContent);
        var outOfYear = await FollowAsync(session, await RegisterAsync(session, page, "dkyj", "2025-01-01"));
        Assert.Contains("不在 2022–2023 年内", outOfYear.QuerySelector("#expected-date-error")!.TextContent);
        await using var db = portal.NewDbContext();
        Assert.False(await db.ExpectedDisclosures.AnyAsync(e => e.FiscalYear == 2023));
    }

    [Fact]
    public async Task TheReviewersViewShowsTheDraftsWaitingAndHowLongAndThe审核中Status()
    {
        using var session = await portal.LoginAsync("cp-rev");
        var year = Fixture.Today.Year;
        var page = await session.PageAsync($"/workspace/compliance/{year}");
        var approved = Fixture.Today.AddDays(-2).ToString("yyyy-MM-dd");
        var saved = await FollowAsync(session, await RegisterAsync(session, page, "tcwait", approved));
        Assert.Equal("", Errors(saved));
        var waiting = saved.QuerySelectorAll("table.waiting tbody tr").Single(r => r.TextContent.Contains("测试审核中局"));
        Assert.StartsWith("1 天 6 小时", waiting.QuerySelector(".waited")!.TextContent.Trim());
        Assert.StartsWith("审核中", saved.QuerySelector("table.compliance tr[data-code=tcwait] .status")!.TextContent.Trim());
        // The public page says the same.
        Assert.StartsWith("审核中", (await portal.GetPageAsync($"/compliance/{year}")).QuerySelector("tr[data-code=tcwait] .status")!.TextContent.Trim());
        await using var db = portal.NewDbContext();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.ComplianceChanged && a.UserName == "cp-rev" && a.Detail.Contains("tcwait")));

        // An officer has no business here.
        using var officer = await portal.LoginAsync("cp-officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/workspace/compliance/{year}")).StatusCode);
    }

    [Fact]
    public async Task ARegionsRulesChangeTheDeadlineAndTheChecklistItCounts()
    {
        using var session = await Registered2025Async();
        var page = await session.PageAsync("/workspace/compliance/2025#rules");
        var form = FormSession.Form(page, "保存规则");
        var fields = FormSession.Fields(form);
        fields.RemoveAll(f => f.Key is "Rules.DeadlineDays" or "Rules.DeadlineSource");
        fields.Add(new("Rules.DeadlineDays", "40"));
        fields.Add(new("Rules.DeadlineSource", "某省部门预算公开办法 第六条"));
        var saved = await FollowAsync(session, await session.PostFieldsAsync(form, fields, "保存规则"));
        Assert.Contains("已保存 2025 年全部地区的公开规则", saved.QuerySelector(".notice")!.TextContent);
        var publicPage = await portal.GetPageAsync("/compliance/2025");
        Assert.StartsWith("已公开", publicPage.QuerySelector("tr[data-code=zbjllc] .status")!.TextContent.Trim());
        Assert.Contains("40 日内（某省部门预算公开办法 第六条）", publicPage.QuerySelector(".compliance-rules")!.TextContent);

        // A source left empty is refused, and nothing changes.
        fields.RemoveAll(f => f.Key is "Rules.DeadlineDays" or "Rules.DeadlineSource");
        fields.Add(new("Rules.DeadlineDays", "20"));
        fields.Add(new("Rules.DeadlineSource", " "));
        var refused = await FollowAsync(session, await session.PostFieldsAsync(form, fields, "保存规则"));
        Assert.Contains("请写明“公开期限”规则的依据", Errors(refused));
        Assert.StartsWith("已公开", (await portal.GetPageAsync("/compliance/2025")).QuerySelector("tr[data-code=zbjllc] .status")!.TextContent.Trim());

        // Back to the default, so the other tests read 20 days.
        fields.RemoveAll(f => f.Key is "Rules.DeadlineDays" or "Rules.DeadlineSource");
        fields.Add(new("Rules.DeadlineDays", "20"));
        fields.Add(new("Rules.DeadlineSource", ComplianceRules.DefaultDeadlineSource));
        await FollowAsync(session, await session.PostFieldsAsync(form, fields, "保存规则"));
        Assert.StartsWith("逾期公开", (await portal.GetPageAsync("/compliance/2025")).QuerySelector("tr[data-code=zbjllc] .status")!.TextContent.Trim());
    }
}
