using System.Text;
using BudgetPortal.Data;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Api;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace BudgetPortal.Web.Downloads;

/// <summary>
/// Take the data away: CSV per table, the workbook, and a year's bulk package. Each is built on the
/// first request after a publication and then answered from the output cache (evicted with the
/// published tag): a published version never changes, so the bytes are the same for everyone.
/// </summary>
public static class DownloadEndpoints
{
    public static void MapDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/departments/{code}/{year:int}/tables/{n:int}.csv", async (HttpContext http, string code, int year, int n,
            DisclosureReader reader, CancellationToken ct) =>
        {
            if (n is < 1 or > 11 || await reader.PublishedAsync(code, year, ct) is not { } d) return Results.NotFound();
            // Only 表1 and 表4 name 类, so only they read the catalog.
            var table = PrintedTable.Build(d.Table((TableKind)n), year, d.DepartmentName, await reader.FunctionalCatalogAsync(d.Schema((TableKind)n), year, ct));
            Attachment(http, $"{d.DepartmentName}{year}年表{n}{table.Schema.Title}.csv", $"{code}-{year}-table-{n}.csv");
            PublishedContent.SetCachingHeaders(http.Response);
            http.Response.ContentType = "text/csv; charset=utf-8";
            await using var writer = new StreamWriter(http.Response.Body, TableCsv.Utf8WithBom, leaveOpen: true);
            await TableCsv.WriteAsync(writer, table);
            return Results.Empty;
        }).CacheOutput(PublishedContent.Policy)
        .DescribedAsDownload("downloadTableCsv", "一张表的 CSV", "UTF-8 带 BOM，行列与网页上的表相同。第一行是列名，按印出的顺序，每列一个不重复的名称：表头自上而下用“/”连接（如 表2 的“财政拨款（补助）/一般公共预算”，表1 的“收入/预算数”和“支出/预算数”）。", "text/csv");

        app.MapGet("/departments/{code}/{year:int}/lines.csv", async (HttpContext http, string code, int year,
            DisclosureReader reader, BudgetDbContext db, CancellationToken ct) =>
        {
            // Only a line-based disclosure has lines; a table-based one's figures are its tables.
            if (await reader.PublishedAsync(code, year, ct) is not { IsLineBased: true } d) return Results.NotFound();
            var bytes = LinesCsv.Bytes(d.Lines, await db.YearCatalogsAsync(year, ct));
            Attachment(http, LinesCsv.FileName(d), $"{code}-{year}-lines.csv");
            PublishedContent.SetCachingHeaders(http.Response);
            return Results.File(bytes, "text/csv; charset=utf-8", entityTag: PublishedContent.ETagOf(bytes));
        }).CacheOutput(PublishedContent.Policy)
        .DescribedAsDownload("downloadLinesCsv", "预算明细的 CSV",
            "按预算明细编制的预算公开的全部明细（十一张表由其汇总生成），列与预算明细导入模板相同，可直接再导入；UTF-8 带 BOM。按表格编制的预算公开没有明细，返回 404。",
            "text/csv");

        app.MapGet("/departments/{code}/{year:int}.xlsx", async (HttpContext http, string code, int year,
            DisclosureReader reader, CancellationToken ct) =>
        {
            if (await reader.PublishedAsync(code, year, ct) is not { } d) return Results.NotFound();
            // The package format needs a seekable stream: write to a temporary file, then stream it.
            var path = Path.GetTempFileName();
            try
            {
                await using (var file = File.Create(path))
                    DisclosureWorkbook.Write(file, d, await reader.FunctionalCatalogAsync(year, ct));
                Attachment(http, $"{d.DepartmentName}{year}年部门预算公开表.xlsx", $"{code}-{year}.xlsx");
                PublishedContent.SetCachingHeaders(http.Response);
                http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                await http.Response.SendFileAsync(path, ct);
            }
            finally
            {
                File.Delete(path);
            }
            return Results.Empty;
        }).CacheOutput(PublishedContent.Policy)
        .DescribedAsDownload("downloadWorkbook", "Excel 工作簿", "十一张表各占一个工作表，按公开的样式排列。", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        app.MapGet("/downloads/{year:int}.zip", async (HttpContext http, int year, BudgetDbContext db,
            DisclosureReader reader, CancellationToken ct) =>
        {
            var ids = await LatestPublishedIdsAsync(db, year, ct);
            if (ids.Count == 0) return Results.NotFound();
            Attachment(http, $"{year}年部门预算公开数据.zip", $"budgetportal-{year}.zip");
            PublishedContent.SetCachingHeaders(http.Response);
            http.Response.ContentType = "application/zip";
            // ZipArchive finishes entries with synchronous writes; the body is streamed as it is written.
            http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
            await FiscalDataPackage.WriteAsync(http.Response.Body, year, ids, id => reader.LoadAsync(id, ct),
                await db.YearCatalogsAsync(year, ct),
                id => db.DisclosurePdfs.AsNoTracking().Where(p => p.DisclosureId == id && p.Part == DisclosurePdf.WholeDocument)
                    .Select(p => p.Content).SingleOrDefaultAsync(ct), ct);
            return Results.Empty;
        })
        // Built from every disclosure of the year: once, then kept until a publication evicts the tag
        // (the day's expiry only bounds memory; concurrent first requests wait for one build).
        .CacheOutput(b => b.Published().Expire(TimeSpan.FromDays(1)))
        .DescribedAsDownload("downloadYearPackage", "年度数据包",
            "一个年度全部部门最新发布的版本：金额明细 budget-lines.csv；每个部门一个以部门名称命名的文件夹，含各表 CSV、按预算明细编制的部门的预算明细 CSV 和已打印的正式文件 PDF；Fiscal Data Package 描述文件 datapackage.json。", "application/zip");
    }

    /// <summary>The latest published version of every department's disclosure of a year, by department code (from the published summaries).</summary>
    public static Task<List<int>> LatestPublishedIdsAsync(BudgetDbContext db, int year, CancellationToken ct) =>
        db.PublishedSummaries.Where(s => s.FiscalYear == year).OrderBy(s => s.DepartmentCode).Select(s => s.DisclosureId).ToListAsync(ct);

    /// <summary>Content-Disposition with the Chinese file name (RFC 5987) and an ASCII fallback.</summary>
    public static void Attachment(HttpContext http, string name, string ascii)
    {
        var disposition = new ContentDispositionHeaderValue("attachment") { FileName = $"\"{ascii}\"", FileNameStar = name };
        http.Response.Headers.ContentDisposition = disposition.ToString();
    }
}
