using System.Diagnostics;
using System.Net;
using System.Text;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Web.Import;
using BudgetPortal.Web.Tests.Infrastructure;
using BudgetPortal.Web.Tests.Workspace;
using BudgetPortal.Web.Uploads;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>
/// Uploads past their limits (request size, what an .xlsx unpacks to, a PDF's pages, time and text)
/// and workbooks that are not what they claim: a Chinese answer that is never 500, nothing stored.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class UploadLimitTests(WorkspaceFixture portal) : IAsyncLifetime
{
    private const string Department = "上传限制测试单位";
    private static int _id;
    private static byte[] _workbook = [];

    public async Task InitializeAsync() =>
        _id = await portal.EmptyDraftAsync("upload-limit-dept", Department, 2025, "upload-limit-officer", async () =>
        {
            await portal.CreateUserAsync("upload-limit-reviewer", PortalRoles.Reviewer);
            // A real workbook with figures: a published seed's, as a reviewer downloads it.
            int seedId;
            await using (var db = portal.NewDbContext())
                seedId = await db.Disclosures.Where(d => d.Department.Code == "zbjllc" && d.FiscalYear == 2025).Select(d => d.Id).FirstAsync();
            using var reviewer = await portal.LoginAsync("upload-limit-reviewer");
            _workbook = await reviewer.Http.GetByteArrayAsync($"/workspace/disclosures/{seedId}?handler=Workbook");
        });

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> StoredRowsAsync()
    {
        await using var db = portal.NewDbContext();
        return await db.TableRows.CountAsync(r => db.BudgetTables.Any(t => t.Id == r.BudgetTableId && t.DisclosureId == _id));
    }

    private async Task<(HttpStatusCode Status, string Text)> UploadAsync(byte[] workbook, string fileName = "表.xlsx")
    {
        using var officer = await portal.LoginAsync("upload-limit-officer");
        var page = await officer.PageAsync($"/workspace/disclosures/{_id}/upload");
        using var response = await officer.PostMultipartAsync(FormSession.Form(page), "workbook", fileName, workbook);
        return (response.StatusCode, (await FormSession.ReadAsync(response)).QuerySelector("main")?.TextContent ?? "");
    }

    public static TheoryData<string, string> BadWorkbooks => new()
    {
        { "overflowing amount", "79228162514264337593543950335" },
        { "three decimals", "75.004" },
        { "reference B", "B" },
        { "reference 6B", "6B" },
        { "reference B99999999999", "B99999999999" },
        { "reference B5000", "B5000" },
        { "malformed XML", "" },
    };

    [Theory]
    [MemberData(nameof(BadWorkbooks))]
    public async Task ABrokenWorkbookIsRefusedNamingTheSheetAndCell(string what, string value)
    {
        byte[] bad;
        string expected;
        switch (what)
        {
            case "overflowing amount" or "three decimals":
                var (bytes, row, column) = XlsxEdits.WithAmount(_workbook, "表3", value);
                (bad, expected) = (bytes, $"工作表“表3”第 {row} 行 {column} 列");
                break;
            case "malformed XML":
                (bad, expected) = (XlsxEdits.EditSheet(_workbook, "表3", xml => xml[..(xml.Length / 2)]), "工作表“表3”的内容不是有效的 XML");
                break;
            default:
                (bad, expected) = (XlsxEdits.WithReference(_workbook, "表3", value), $"工作表“表3”");
                break;
        }
        var before = await StoredRowsAsync();

        var (status, text) = await UploadAsync(bad);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(expected, text);
        Assert.Contains("未保存任何内容", text);
        if (what.StartsWith("reference", StringComparison.Ordinal))
            Assert.Contains(value == "B5000" ? "超出范围" : "无效", text);
        if (what == "three decimals") Assert.Contains("最多两位小数", text);
        Assert.Equal(before, await StoredRowsAsync());
    }

    [Fact]
    public async Task AWorkbookUnpackingTo200MBIsRefusedQuickly()
    {
        var bomb = XlsxEdits.WithUnpackedBulk(_workbook, 200L * 1024 * 1024);
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} bytes");
        var before = await StoredRowsAsync();
        var clock = Stopwatch.StartNew();

        var (status, text) = await UploadAsync(bomb);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("工作簿解压后超过 20 MB", text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed}");
        Assert.Equal(before, await StoredRowsAsync());
    }

    [Fact]
    public async Task AWorkbookWithA3000CharacterNameIsStoredAndAudited()
    {
        var name = new string('名', 3000) + ".xlsx";

        var (status, text) = await UploadAsync(_workbook, name);

        Assert.True(status == HttpStatusCode.Redirect, text);
        await using var db = portal.NewDbContext();
        var detail = await db.AuditLog.Where(a => a.DisclosureId == _id && a.Action == BudgetPortal.Domain.Audit.AuditAction.Upload).Select(a => a.Detail).SingleAsync();
        Assert.Contains("…", detail);
        Assert.True(detail.Length < 300, detail);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(40)]
    public async Task AnUploadPastTheLimitGets413WithAChinesePage(int megabytes)
    {
        using var officer = await portal.LoginAsync("upload-limit-officer");
        var page = await officer.PageAsync($"/workspace/disclosures/{_id}/upload");
        var before = await StoredRowsAsync();

        using var response = await officer.PostMultipartAsync(FormSession.Form(page), "workbook", "big.xlsx", new byte[megabytes * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("上传的文件过大", text);
        Assert.Contains("上限为 5 MB", text);
        Assert.Equal(before, await StoredRowsAsync());
    }

    [Fact]
    public async Task AnImportPastItsLimitGets413()
    {
        using var reviewer = await portal.LoginAsync("upload-limit-reviewer");
        var page = await reviewer.PageAsync("/workspace/import");

        using var response = await reviewer.PostMultipartAsync(FormSession.Form(page), "document", "big.pdf", new byte[40 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("上限为 20 MB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnImportWithA3000CharacterFileNameIsReported()
    {
        using var reviewer = await portal.LoginAsync("upload-limit-reviewer");
        var page = await reviewer.PageAsync("/workspace/import");
        var drafts = await portal.NewDbContext().Disclosures.CountAsync();

        using var response = await reviewer.PostMultipartAsync(FormSession.Form(page), "document", new string('文', 3000) + ".txt", "这不是一份预算公开文件。"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("…", (await FormSession.ReadAsync(response)).QuerySelector("main")!.TextContent);
        Assert.Equal(drafts, await portal.NewDbContext().Disclosures.CountAsync());
    }

    [Theory]
    [InlineData("B", "单元格引用“B”无效")]
    [InlineData("6B", "单元格引用“6B”无效")]
    [InlineData("B99999999999", "单元格引用“B99999999999”无效")]
    public void AListFileWithABadCellReferenceIsRefused(string reference, string message)
    {
        // The department and catalog lists share one reader: a bad reference is named, not skipped or thrown.
        var list = TestWorkbook.OneSheet("部门", ["代码", "全称"], ["abc", "测试部门"]);
        var bad = XlsxEdits.EditSheet(list, "部门", xml => xml.Replace("r=\"A2\"", $"r=\"{reference}\""));

        var e = Assert.Throws<TabularFileException>(() => TabularFile.Read("部门.xlsx", bad, new TabularLimits(1024 * 1024, 100, 100)));

        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void AListFileWithNulOrUnpackingTooFarIsRefused()
    {
        var limits = new TabularLimits(1024 * 1024, 100, 100) { MaxUnpackedBytes = 10 * 1024 * 1024 };
        Assert.Contains("第 2 行含有不允许的空字符", Assert.Throws<TabularFileException>(() =>
            TabularFile.Read("部门.csv", Encoding.UTF8.GetBytes("代码,全称\nabc,测试\0部门\n"), limits)).Message);
        var bomb = XlsxEdits.WithUnpackedBulk(TestWorkbook.OneSheet("部门", ["代码", "全称"]), 50L * 1024 * 1024);
        Assert.Contains("工作簿解压后超过 10 MB", Assert.Throws<TabularFileException>(() => TabularFile.Read("部门.xlsx", bomb, limits)).Message);
    }

    [Fact]
    public async Task APdfPastThePageLimitIsRefusedBeforeItsTextIsRead()
    {
        var pdf = TestPdf(pages: 12, contentBytes: 100);
        var file = Path.Combine(Path.GetTempPath(), $"pages-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => PdfText.ReadAsync(file, new UploadLimits { PdfPages = 10 }));
            Assert.Contains("PDF 有 12 页，超过 10 页的上限", e.Message);
            Assert.Contains("Page 1", await PdfText.ReadAsync(file, new UploadLimits { PdfPages = 12 }));
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task PdftotextIsStoppedPastItsTextOrTimeLimit()
    {
        // Pages sharing one content stream: each page repeats all of its text (60 × 30 KB → 0.9 M characters).
        var wordy = await TempFileAsync(TestPdf(pages: 60, contentBytes: 30_000));
        // 60 × 200 KB keeps pdftotext busy for seconds (the issue's 104 KB file took 58 s).
        var slow = await TempFileAsync(TestPdf(pages: 60, contentBytes: 200_000));
        try
        {
            var tooMuch = await Assert.ThrowsAsync<InvalidOperationException>(() => PdfText.ReadAsync(wordy, new UploadLimits { PdfTextChars = 100_000 }));
            Assert.Contains("超过 100,000 个字符的上限", tooMuch.Message);
            Assert.True((await PdfText.ReadAsync(wordy, new UploadLimits())).Length > 100_000);

            var clock = Stopwatch.StartNew();
            var stopped = await Assert.ThrowsAsync<InvalidOperationException>(() => PdfText.ReadAsync(slow, new UploadLimits { PdfSeconds = 1, PdfTextChars = int.MaxValue }));
            Assert.Contains("超过 1 秒仍未完成", stopped.Message);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed}");
            // The killed pdftotext is gone, not left running on the file.
            await Task.Delay(300);
            Assert.DoesNotContain(Directory.GetDirectories("/proc").Select(d => Path.Combine(d, "cmdline")),
                c => { try { return File.ReadAllText(c).Contains(slow); } catch (IOException) { return false; } catch (UnauthorizedAccessException) { return false; } });
        }
        finally
        {
            File.Delete(wordy);
            File.Delete(slow);
        }
    }

    private static async Task<string> TempFileAsync(byte[] content)
    {
        var file = Path.Combine(Path.GetTempPath(), $"limits-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, content);
        return file;
    }

    /// <summary>A PDF whose pages all draw the same content stream: "Page 1" and then contentBytes of text lines.</summary>
    private static byte[] TestPdf(int pages, int contentBytes)
    {
        var content = new StringBuilder("BT /F1 10 Tf 20 800 Td (Page 1) Tj ET\n");
        var line = 0;
        while (content.Length < contentBytes)
            content.Append("BT /F1 8 Tf ").Append(20).Append(' ').Append(780 - line++ % 90 * 8).Append(" Td (Lorem ipsum dolor sit amet ").Append(line).Append(") Tj ET\n");
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Count {pages} /Kids [{string.Join(" ", Enumerable.Range(0, pages).Select(i => $"{5 + i} 0 R"))}] >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {content.Length} >>\nstream\n{content}endstream",
        };
        for (var i = 0; i < pages; i++)
            objects.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>");
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);   // ASCII only: one byte per character
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append("xref\n0 ").Append(objects.Count + 1).Append("\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append(o.ToString("D10")).Append(" 00000 n \n");
        pdf.Append("trailer\n<< /Size ").Append(objects.Count + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
