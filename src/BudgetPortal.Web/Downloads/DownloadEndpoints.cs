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
/// Take the data away: CSV per table, the 预算明细, the workbook — of the latest version and of each
/// older one — and a year's bulk package. A version's files are made once after its publication and
/// served as stored (<see cref="StoredFiles"/>); the output cache keeps the answers in memory as well
/// (evicted with the published tag): a published version never changes, so the bytes are the same for everyone.
/// </summary>
public static class DownloadEndpoints
{
    public static void MapDownloads(this IEndpointRouteBuilder app)
    {
        // The files of a version are made once, by the job that follows its publication, and served as
        // stored (PublishedFileStore): a CSV to a gzip client as the stored DEFLATE wrapped in gzip.
        app.MapGet("/departments/{code}/{year:int}/tables/{n:int}.csv", (HttpContext http, string code, int year, int n,
            BudgetDbContext db, PublishedFileStore store, CancellationToken ct) =>
            n is < 1 or > 11 ? Task.FromResult(Results.NotFound())
                : StoredFiles.ServeAsync(http, db, store, StoredFiles.Latest(db, code, year), null, StoredFiles.TableCsv(n), ct))
        .CacheOutput(PublishedContent.Policy)
        .DescribedAsDownload("downloadTableCsv", "一张表的 CSV", "UTF-8 带 BOM，行列与网页上的表相同。第一行是列名，按印出的顺序，每列一个不重复的名称：表头自上而下用“/”连接（如 表2 的“财政拨款（补助）/一般公共预算”，表1 的“收入/预算数”和“支出/预算数”）。" + StoredFiles.Served, "text/csv");

        app.MapGet("/departments/{code}/{year:int}/lines.csv", (HttpContext http, string code, int year,
            BudgetDbContext db, PublishedFileStore store, CancellationToken ct) =>
            // Only a line-based disclosure has lines; a table-based one's figures are its tables (404).
            StoredFiles.ServeAsync(http, db, store, StoredFiles.Latest(db, code, year), null, StoredFiles.Lines, ct))
        .CacheOutput(PublishedContent.Policy)
        .DescribedAsDownload("downloadLinesCsv", "预算明细的 CSV",
            "按预算明细编制的预算公开的全部明细（十一张表由其汇总生成），列与预算明细导入模板相同，可直接再导入；UTF-8 带 BOM。按表格编制的预算公开没有明细，返回 404。" + StoredFiles.Served,
            "text/csv");

        app.MapGet("/departments/{code}/{year:int}.xlsx", (HttpContext http, string code, int year,
            BudgetDbContext db, PublishedFileStore store, CancellationToken ct) =>
            StoredFiles.ServeAsync(http, db, store, StoredFiles.Latest(db, code, year), null, StoredFiles.Workbook, ct))
        .CacheOutput(PublishedContent.Policy)
        .DescribedAsDownload("downloadWorkbook", "Excel 工作簿", "十一张表各占一个工作表，按公开的样式排列。发布时生成并保存；ETag 是文件内容的 SHA-256（前 128 位），支持 If-None-Match。", PublishedFile.XlsxMediaType);

        // An older version's files at the version's own address (a correction replaces the year's files, not these).
        app.MapGet("/departments/{code}/{year:int}/versions/{version:int}/tables/{n:int}.csv", (HttpContext http, string code, int year, int version, int n,
            BudgetDbContext db, PublishedFileStore store, CancellationToken ct) =>
            n is < 1 or > 11 ? Task.FromResult(Results.NotFound())
                : StoredFiles.ServeAsync(http, db, store, StoredFiles.Version(db, code, year, version), version, StoredFiles.TableCsv(n), ct))
        .CacheOutput(PublishedContent.Policy)
        .DescribedAsDownload("downloadVersionTableCsv", "某一版本的一张表的 CSV",
            "第 version 版发布时的表 n（更正前的旧版本也可下载），格式与最新版本的表 CSV 相同；文件名写明版本。没有这个版本或表号不在 1–11 时返回 404。" + StoredFiles.Served, "text/csv");

        app.MapGet("/departments/{code}/{year:int}/versions/{version:int}/lines.csv", (HttpContext http, string code, int year, int version,
            BudgetDbContext db, PublishedFileStore store, CancellationToken ct) =>
            StoredFiles.ServeAsync(http, db, store, StoredFiles.Version(db, code, year, version), version, StoredFiles.Lines, ct))
        .CacheOutput(PublishedContent.Policy)
        .DescribedAsDownload("downloadVersionLinesCsv", "某一版本的预算明细 CSV",
            "第 version 版发布时的预算明细（按预算明细编制的版本才有，否则返回 404）；文件名写明版本。" + StoredFiles.Served, "text/csv");

        app.MapGet("/departments/{code}/{year:int}/versions/{version:int}.xlsx", (HttpContext http, string code, int year, int version,
            BudgetDbContext db, PublishedFileStore store, CancellationToken ct) =>
            StoredFiles.ServeAsync(http, db, store, StoredFiles.Version(db, code, year, version), version, StoredFiles.Workbook, ct))
        .CacheOutput(PublishedContent.Policy)
        .DescribedAsDownload("downloadVersionWorkbook", "某一版本的 Excel 工作簿",
            "第 version 版发布时的十一张表（更正前的旧版本也可下载）；文件名写明版本。没有这个版本时返回 404。", PublishedFile.XlsxMediaType);

        app.MapGet("/downloads/{year:int}.zip", async (HttpContext http, int year, BudgetDbContext db, YearPackageParts parts,
            IServiceScopeFactory scopes, IConfiguration config, CancellationToken ct) =>
        {
            // Revalidated by its entity tag, the year's generation, read before the versions are pinned (a publication in
            // between gives newer bytes under the older tag, which the next request replaces; never the other way):
            // a 304 costs one row, whatever the number of versions.
            if (await YearPackage.GenerationAsync(db, year, ct) is not { } generation) return Results.NotFound();
            var etag = YearPackage.ETagOf(year, generation);
            http.Response.Headers.ETag = etag.ToString();
            http.Response.Headers.CacheControl = "public, no-cache";
            if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } match && match.Any(m => m.Tag == "*" || m.Compare(etag, useStrongComparison: false)))
                return Results.StatusCode(StatusCodes.Status304NotModified);
            var pinned = await YearPackage.PinAsync(db, year, ct);
            if (pinned.Count == 0) return Results.NotFound();
            // What a version stores is made by a job right after its publication; a request that comes first makes
            // the few it lacks itself (and reads the primary, where they were just stored), never a whole year's.
            await using var primary = scopes.CreateAsyncScope();
            var missing = pinned.Where(p => !p.HasPart).ToList();
            if (missing.Count > 0)
            {
                var limit = config.GetValue("Downloads:YearPartsMadeAtRequest", 20);
                if (missing.Count > limit) return Preparing(http, year, missing.Count, 60);
                try
                {
                    foreach (var m in missing) await parts.MakeAsync(m.DisclosureId, ct);
                }
                // Its files are being stored by another node right now (it holds their job): a moment later they are there.
                catch (YearPackageParts.FilesNotStoredException)
                {
                    return Preparing(http, year, missing.Count, 10);
                }
                db = primary.ServiceProvider.GetRequiredService<BudgetDbContext>();
                pinned = await YearPackage.PinAsync(db, year, ct);
                if (pinned.Count(p => !p.HasPart) is var still and > 0) return Preparing(http, year, still, 10);
            }
            Attachment(http, $"{year}年部门预算公开数据.zip", $"budgetportal-{year}.zip");
            http.Response.ContentType = "application/zip";
            await YearPackage.WriteAsync(http.Response.Body, db, year, pinned, length => http.Response.ContentLength = length, ct);
            return Results.Empty;
        })
        // Not output-cached: a year's zip is tens of MB. Its bytes are copied from what each version stored
        // (YearPackage), and a client that has it gets 304 (ETag).
        .DescribedAsDownload("downloadYearPackage", "年度数据包",
            "一个年度全部部门最新发布的版本：金额明细 budget-lines.csv；每个部门一个以部门名称命名的文件夹（与另一部门同名时加部门代码，先发布者不加），含各表 CSV、按预算明细编制的部门的预算明细 CSV 和已打印的正式文件 PDF；Fiscal Data Package 描述文件 datapackage.json。每个版本的文件在发布时生成一次，下载时直接拼接，带 Content-Length；ETag 随发布变化，支持 If-None-Match。", "application/zip");
    }

    /// <summary>503 while a year's parts are being made, saying how many, with Retry-After.</summary>
    private static IResult Preparing(HttpContext http, int year, int missing, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Not the zip: no entity tag for it, and not to be kept.
        http.Response.Headers.Remove(HeaderNames.ETag);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Text($"{year} 年度数据包正在生成：还有 {missing} 个部门的文件尚未生成完毕，请稍后再试。",
            "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Content-Disposition with the Chinese file name (RFC 5987) and an ASCII fallback.</summary>
    public static void Attachment(HttpContext http, string name, string ascii)
    {
        var disposition = new ContentDispositionHeaderValue("attachment") { FileName = $"\"{ascii}\"", FileNameStar = name };
        http.Response.Headers.ContentDisposition = disposition.ToString();
    }
}
