using System.IO.Compression;
using System.Net;
using AngleSharp.Dom;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>Bad input, sums from the leaves, two people saving the same table, and the Excel round trip.</summary>
[Collection(WorkspaceCollection.Name)]
public sealed class TableFormTests(WorkspaceFixture portal) : IAsyncLifetime
{
    private static int _id;
    private const string Department = "表单测试单位";

    public async Task InitializeAsync() =>
        _id = await portal.EmptyDraftAsync("forms-dept", Department, 2025, "forms-officer",
            () => portal.CreateUserAsync("forms-officer2", PortalRoles.Officer, "forms-dept"));

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> StoredRowsAsync(int number)
    {
        await using var db = portal.NewDbContext();
        return await db.TableRows.CountAsync(r => db.BudgetTables.Any(t => t.Id == r.BudgetTableId && t.DisclosureId == _id && t.Kind == (TableKind)number));
    }

    /// <summary>Saves <paramref name="set"/> on table <paramref name="number"/>'s form, asserts that no row was stored and returns the answer.</summary>
    private async Task<HttpResponseMessage> SaveStoringNothingAsync(int number, Dictionary<string, string?> set)
    {
        using var officer = await portal.LoginAsync("forms-officer");
        var page = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/{number}");
        var before = await StoredRowsAsync(number);
        var response = await officer.PostAsync(FormSession.Form(page, "保存"), set, "保存");
        Assert.Equal(before, await StoredRowsAsync(number));
        return response;
    }

    /// <summary>Saves <paramref name="set"/> on table <paramref name="number"/>'s form: refused with <paramref name="status"/> and <paramref name="why"/>, nothing stored.</summary>
    private async Task SaveRefusedAsync(int number, Dictionary<string, string?> set, HttpStatusCode status, string why)
    {
        using var response = await SaveStoringNothingAsync(number, set);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(why, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Types <paramref name="code"/> into 添加 on table <paramref name="number"/>'s form: the form as answered.</summary>
    private async Task<IDocument> AddCodeAsync(int number, string code)
    {
        using var officer = await portal.LoginAsync("forms-officer");
        var page = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/{number}");
        return await FormSession.ReadAsync(await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.AddCode"] = code }, "添加"));
    }

    [Theory]
    [InlineData("abc", "不是有效的金额")]
    [InlineData("-5.00", "金额不能为负数")]
    [InlineData("12,34", "不是有效的金额")]
    public async Task BadAmountKeepsTheInputNamesTheFieldAndStoresNothing(string typed, string message)
    {
        var response = await SaveStoringNothingAsync(10, new()
        {
            ["Input.Rows[1].Cells[total]"] = "1,234.50", ["Input.Rows[1].Cells[generalBudget]"] = typed,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FormSession.ReadAsync(response);
        var field = result.QuerySelector("input[name='Input.Rows[1].Cells[generalBudget]']")!;
        Assert.Equal(typed, field.GetAttribute("value"));
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains(message, field.ParentElement!.QuerySelector(".error")!.TextContent);
        Assert.Equal("1,234.50", result.QuerySelector("input[name='Input.Rows[1].Cells[total]']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ACodeOutsideTheCatalogIsAddedForTheOfficerToName()
    {
        var result = await AddCodeAsync(3, "2011350");
        // 201 13 商贸事务 and 201 13 50 事业运行 are not in the seeds' 2025 catalog: added, and said so.
        Assert.Contains("不在 2025 年的分类目录中", result.QuerySelector("fieldset.add-row")!.TextContent);
        var codes = result.QuerySelectorAll("input[name$='].Code']").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("2011350", codes);
        Assert.Contains("20113", codes);
        Assert.Equal("", result.QuerySelector("input[name='Input.AddCode']")!.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task ATableOfManyRowsIsSavedWhole()
    {
        // 120 项 of 12 amounts each, every field posted as a browser posts it: ≈ 2,000 form values,
        // twice what the framework takes by default.
        using var officer = await portal.LoginAsync("forms-officer");
        var page = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/2");
        var set = new Dictionary<string, string?>
        {
            ["Input.Rows[1].Kind"] = "Category", ["Input.Rows[1].Code"] = "223", ["Input.Rows[1].Name"] = "国有资本经营预算支出",
            ["Input.Rows[2].Kind"] = "Class", ["Input.Rows[2].Code"] = "22301", ["Input.Rows[2].Name"] = "解决历史遗留问题及改革成本支出",
            ["Input.Rows[3].Kind"] = "Class", ["Input.Rows[3].Code"] = "22399", ["Input.Rows[3].Name"] = "其他国有资本经营预算支出",
        };
        for (var i = 0; i < 120; i++)
        {
            var p = $"Input.Rows[{i + 4}]";
            set[$"{p}.Kind"] = "Item";
            set[$"{p}.Code"] = i < 99 ? $"22301{i + 1:00}" : $"22399{i - 98:00}";
            set[$"{p}.Name"] = $"测试项{i}";
            foreach (var column in new[] { "total", "fiscal", "generalBudget", "generalBudgetTransfer", "govFund", "govFundTransfer", "stateCapital",
                         "stateCapitalTransfer", "specialAccount", "unitFunds", "fiscalCarryover", "nonFiscalCarryover" })
                set[$"{p}.Cells[{column}]"] = column is "total" or "fiscal" or "stateCapital" ? "1.00" : "";
        }
        var response = await officer.PostAsync(FormSession.Form(page, "保存"), set, "保存");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        // 总计, 类, two 款 and the 120 项; the blank sums were filled from them.
        Assert.Equal(124, await StoredRowsAsync(2));
        await using var db = portal.NewDbContext();
        var total = await db.TableRows.Include(r => r.Cells).SingleAsync(r => r.Kind == RowKind.Total &&
            db.BudgetTables.Any(t => t.Id == r.BudgetTableId && t.DisclosureId == _id && t.Kind == TableKind.Income));
        Assert.Equal(120m, total["total"]);
    }

    [Fact]
    public async Task AFormPastEveryLimitGetsAnErrorPageNotABrokenResponse()
    {
        // More values than any table form can have: refused with a status and a page in Chinese
        // (it used to go out as "HTTP/1.1 0": the error page bound its status from the unreadable form).
        var set = Enumerable.Range(0, BudgetPortal.Web.Workspace.TableForm.MaxFormValues + 10)
            .ToDictionary(i => $"Input.Rows[{i}].Code", _ => (string?)"201");
        await SaveRefusedAsync(8, set, HttpStatusCode.BadRequest, "请求未能完成（400）");
    }

    [Fact]
    public async Task ACodeOfLastYearsCatalogIsRecognisedWithItsName()
    {
        // 234 抗疫特别国债安排的支出 is in the 2024 catalog only; this draft is of 2025.
        var result = await AddCodeAsync(3, "234");
        Assert.Contains("只在上一年度的分类目录中", result.QuerySelector("fieldset.add-row")!.TextContent);
        var row = result.QuerySelector("tr[data-row='234']")!;
        Assert.Equal("抗疫特别国债安排的支出", row.QuerySelector("input[name$='.Name']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task AWellFormedCodeIsNeverRefusedOnlyAnUnreadableOne()
    {
        var result = await AddCodeAsync(3, "20113501");
        Assert.Contains("应为 3 位（类）、5 位（款）或 7 位（项）数字", result.QuerySelector("fieldset.add-row")!.TextContent);
        Assert.Equal("20113501", result.QuerySelector("input[name='Input.AddCode']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ARowOutsideTheCatalogWithoutANameIsRefusedAndNothingStored()
    {
        await SaveRefusedAsync(8, new()
        {
            ["Input.Rows[1].Kind"] = "Category", ["Input.Rows[1].Code"] = "299", ["Input.Rows[1].Name"] = "",
            ["Input.Rows[1].Cells[total]"] = "5",
        }, HttpStatusCode.OK, "科目 299 不在分类目录中，请填写科目名称。");
    }

    [Fact]
    public async Task RowsAddedByNameComeWithTheirParentsAndSumsFillFromTheLeaves()
    {
        using var officer = await portal.LoginAsync("forms-officer");
        var page = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/5");
        var form = FormSession.Form(page, "保存");
        // A name from the catalog adds the 项 with its 类 and 款.
        page = await FormSession.ReadAsync(await officer.PostAsync(form, new() { ["Input.AddCode"] = "机关事业单位基本养老保险缴费支出" }, "添加"));
        page = await FormSession.ReadAsync(await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.AddCode"] = "208 05 06" }, "添加"));
        var codes = page.QuerySelectorAll("input[name$='].Code']").Select(i => i.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).ToList();
        Assert.Equal(["208", "20805", "2080505", "2080506"], codes);

        var leaves = new Dictionary<string, string?>
        {
            ["Input.Rows[3].Cells[total]"] = "13.50", ["Input.Rows[3].Cells[basic]"] = "13.50",
            ["Input.Rows[4].Cells[total]"] = "6.75", ["Input.Rows[4].Cells[basic]"] = "6.75",
        };
        page = await FormSession.ReadAsync(await officer.PostAsync(FormSession.Form(page, "保存"), leaves, "按明细汇总"));
        string Cell(int row, string column) => page.QuerySelector($"input[name='Input.Rows[{row}].Cells[{column}]']")!.GetAttribute("value")!;
        Assert.Equal("20.25", Cell(0, "total"));   // 总计
        Assert.Equal("20.25", Cell(1, "basic")); // 类
        Assert.Equal("20.25", Cell(2, "total"));   // 款
        Assert.Equal("", Cell(2, "project"));
        // Sums stay editable: a published total that differs from its parts is stored as typed.
        var saved = await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.Rows[0].Cells[total]"] = "20.26", ["Input.Rows[1].Cells[total]"] = "30.00" }, "保存");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = portal.NewDbContext();
        var total = await db.TableRows.Include(r => r.Cells).SingleAsync(r => r.Kind == RowKind.Total &&
            db.BudgetTables.Any(t => t.Id == r.BudgetTableId && t.DisclosureId == _id && t.Kind == TableKind.GeneralBudget));
        Assert.Equal(20.26m, total["total"]);
        // After the save the checks run and show their finding on the page, beside the 类 they concern.
        var after = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/5");
        Assert.Contains(after.QuerySelectorAll(".findings li"), li => li.TextContent.Contains("30.00"));
        Assert.NotNull(after.QuerySelector("tr[data-row='208'] .cell-finding"));
    }

    [Fact]
    public async Task AmountsInYuanAreConvertedToWanYuan()
    {
        using var officer = await portal.LoginAsync("forms-officer");
        var page = await officer.PageAsync($"/workspace/disclosures/{_id}/tables/2");
        page = await FormSession.ReadAsync(await officer.PostAsync(FormSession.Form(page, "保存"), new() { ["Input.AddCode"] = "2013150" }, "添加"));
        var saved = await officer.PostAsync(FormSession.Form(page, "保存"), new()
        {
            ["Input.InYuan"] = "true", ["Input.Rows[3].Cells[total]"] = "1,234,567", ["Input.Rows[3].Cells[unitFunds]"] = "1234567",
        }, "保存");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = portal.NewDbContext();
        var row = await db.TableRows.Include(r => r.Cells).SingleAsync(r => r.Code == "2013150" &&
            db.BudgetTables.Any(t => t.Id == r.BudgetTableId && t.DisclosureId == _id && t.Kind == TableKind.Income));
        Assert.Equal(123.46m, row["total"]);
        Assert.Equal(123.46m, row["unitFunds"]);
    }

    [Fact]
    public async Task SecondSaveOfTheSameTableIsRefusedAndShowsBothVersions()
    {
        using var first = await portal.LoginAsync("forms-officer");
        using var second = await portal.LoginAsync("forms-officer2");
        var pageA = await first.PageAsync($"/workspace/disclosures/{_id}/tables/1");
        var pageB = await second.PageAsync($"/workspace/disclosures/{_id}/tables/1");

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(FormSession.Form(pageA, "保存"), new() { ["Input.Rows[0].Cells[income]"] = "111.11" }, "保存")).StatusCode);
        var refused = await second.PostAsync(FormSession.Form(pageB, "保存"), new() { ["Input.Rows[0].Cells[income]"] = "222.22" }, "保存");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await FormSession.ReadAsync(refused);
        Assert.Contains("已被他人修改并保存", page.QuerySelector(".errors")!.TextContent);
        Assert.Contains("111.11", page.QuerySelector(".conflict")!.TextContent);
        Assert.Equal("222.22", page.QuerySelector("input[name='Input.Rows[0].Cells[income]']")!.GetAttribute("value"));

        await using (var db = portal.NewDbContext())
        {
            var stored = await db.TableRows.Include(r => r.Cells).SingleAsync(r => r.Key == "currentYear" &&
                db.BudgetTables.Any(t => t.Id == r.BudgetTableId && t.DisclosureId == _id && t.Kind == TableKind.IncomeAndExpenditure));
            Assert.Equal(111.11m, stored["income"]);
        }
        // Having seen both, the second officer may save deliberately.
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostAsync(FormSession.Form(page, "保存"), [], "保存")).StatusCode);
    }

    [Fact]
    public async Task WorkbookRoundTripIsExactAndBadUploadsStoreNothing()
    {
        // A published seed's workbook, uploaded into a fresh draft, gives the same printed tables.
        var seed = Repo.LoadSeed("002_c0c2db706806b599.json");
        var id = await portal.EmptyDraftAsync("excel-dept", seed.Department.Name, seed.FiscalYear, "excel-officer");
        using var officer = await portal.LoginAsync("excel-officer");
        var seedDraftId = await SeedDisclosureIdAsync(seed.Department.Code, seed.FiscalYear);
        using var admin = await AdminAsync();
        var workbook = await admin.Http.GetByteArrayAsync($"/workspace/disclosures/{seedDraftId}?handler=Workbook");

        var upload = await officer.PageAsync($"/workspace/disclosures/{id}/upload");
        var ok = await officer.PostMultipartAsync(FormSession.Form(upload), "workbook", "表.xlsx", workbook);
        Assert.True(ok.StatusCode == HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        var roundTrip = await admin.Http.GetByteArrayAsync($"/workspace/disclosures/{id}?handler=Workbook");
        Assert.Equal(SheetsOf(workbook), SheetsOf(roundTrip));

        await using (var db = portal.NewDbContext())
        {
            var actions = await db.AuditLog.Where(a => a.DisclosureId == id).Select(a => a.Action).ToListAsync();
            Assert.Contains(BudgetPortal.Domain.Audit.AuditAction.Upload, actions);
        }

        // A workbook with one bad cell: named by sheet, row and column; nothing changes.
        var bad = WithCell(workbook, SheetPath(workbook, "表3"), "x");
        var before = await portal.NewDbContext().TableRows.CountAsync();
        var refused = await officer.PostMultipartAsync(FormSession.Form(upload), "workbook", "坏.xlsx", bad.Bytes);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var text = (await FormSession.ReadAsync(refused)).QuerySelector("main")!.TextContent;
        Assert.Contains($"工作表“表3”第 {bad.Row} 行 {bad.Column} 列", text);
        Assert.Contains("未保存任何内容", text);
        Assert.Equal(before, await portal.NewDbContext().TableRows.CountAsync());

        // Not a workbook at all; and a file over the limit.
        var notWorkbook = await officer.PostMultipartAsync(FormSession.Form(upload), "workbook", "a.xlsx", "这不是工作簿"u8.ToArray());
        Assert.Contains("不是有效的 Excel 工作簿", await notWorkbook.Content.ReadAsStringAsync());
        // Over the limit the server answers 413 without reading the body (and may close the connection).
        try
        {
            using var tooLarge = await officer.PostMultipartAsync(FormSession.Form(upload), "workbook", "big.xlsx", new byte[6 * 1024 * 1024]);
            // 413 from the server, or 400 when the form it could not read reaches the antiforgery check first.
            Assert.Contains(tooLarge.StatusCode, new[] { HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest });
        }
        catch (HttpRequestException e) when (e.InnerException is IOException) { }
        Assert.Equal(before, await portal.NewDbContext().TableRows.CountAsync());
    }

    private async Task<FormSession> AdminAsync()
    {
        const string name = "forms-admin";
        await using (var db = portal.NewDbContext())
            if (!await db.Users.AnyAsync(u => u.UserName == name)) await portal.CreateUserAsync(name, PortalRoles.Administrator);
        return await portal.LoginAsync(name);
    }

    private async Task<int> SeedDisclosureIdAsync(string code, int year)
    {
        await using var db = portal.NewDbContext();
        return await db.Disclosures.Where(d => d.Department.Code == code && d.FiscalYear == year).Select(d => d.Id).SingleAsync();
    }

    /// <summary>Each sheet's cells (reference → value), the 编制部门 line aside.</summary>
    private static List<string> SheetsOf(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).OrderBy(e => e.FullName)
            .Select(e => new StreamReader(e.Open()).ReadToEnd()).ToList();
    }

    /// <summary>The workbook with the first number cell of a sheet made text-like garbage; its row and column.</summary>
    /// <summary>The part of a named sheet (workbook.xml names it, its relationship gives the file).</summary>
    private static string SheetPath(byte[] xlsx, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var workbook = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open()).ReadToEnd();
        var id = System.Text.RegularExpressions.Regex.Match(workbook, $"name=\"{name}\"[^>]*r:id=\"([^\"]+)\"|r:id=\"([^\"]+)\"[^>]*name=\"{name}\"");
        var rid = id.Groups[1].Success ? id.Groups[1].Value : id.Groups[2].Value;
        var rels = new StreamReader(zip.GetEntry("xl/_rels/workbook.xml.rels")!.Open()).ReadToEnd();
        var target = System.Text.RegularExpressions.Regex.Match(rels, $"Target=\"([^\"]+)\"[^>]*Id=\"{rid}\"|Id=\"{rid}\"[^>]*Target=\"([^\"]+)\"");
        var path = (target.Groups[1].Success ? target.Groups[1].Value : target.Groups[2].Value).TrimStart('/');
        return path.StartsWith("xl/", StringComparison.Ordinal) ? path : "xl/" + path;
    }

    private static (byte[] Bytes, int Row, string Column) WithCell(byte[] xlsx, string sheet, string replace)
    {
        var copy = new MemoryStream();
        copy.Write(xlsx);
        int row = 0; string column = "";
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(sheet)!;
            string xml;
            using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
            // The first number cell (t="n" or no type) with a value: <c r="E8" s="3"><v>…</v>.
            var cell = System.Text.RegularExpressions.Regex.Match(xml, "<(?:x:)?c r=\"([A-Z]+)([0-9]+)\" s=\"3\"(?: t=\"n\")?><(?:x:)?v>");
            Assert.True(cell.Success, "no number cell in " + sheet);
            var at = cell.Index + cell.Length;
            var reference = cell;
            column = reference.Groups[1].Value;
            row = int.Parse(reference.Groups[2].Value);
            xml = xml[..at] + replace + xml[at..];
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(sheet).Open());
            writer.Write(xml);
        }
        return (copy.ToArray(), row, column);
    }
}
