using System.Diagnostics;
using System.Net;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Printing;

/// <summary>What a PDF says about itself: its footer line and its document information.</summary>
public sealed record PrintedDocumentInfo(string Department, int Year, int Version, DateTimeOffset? PublishedAt, string Title, string Subject)
{
    public string PublishedText => PublishedAt?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy 年 M 月 d 日") ?? "";

    /// <summary>The title and subject of a version's whole document (part 0) or of one of its tables.</summary>
    public static PrintedDocumentInfo For(string department, int year, int version, DateTimeOffset? publishedAt, int part)
    {
        var title = $"{department}{year}年部门预算公开";
        if (part != DisclosurePdf.WholeDocument) title += $" 表{part} {TableSchemas.For((TableKind)part, year).Title}";
        return new PrintedDocumentInfo(department, year, version, publishedAt, title, $"{year} 年部门预算公开，第 {version} 版");
    }
}

/// <summary>
/// Prints the print view of a published version with the shared Chromium. The whole document is
/// printed twice on the same loaded page: the first PDF tells (through its named destinations)
/// where each part, table and note starts; those page numbers are written into the 目录, and the
/// second PDF is checked to agree before it is returned.
/// </summary>
public sealed class DisclosurePrinter(ChromiumBrowser browser, IServer server, IOptions<PrintingOptions> options, ILogger<DisclosurePrinter> logger)
{
    private const int MaxPasses = 3;

    public Task<byte[]> PrintAsync(int disclosureId, int part, PrintedDocumentInfo info, CancellationToken ct)
    {
        var path = part == DisclosurePdf.WholeDocument ? $"/print/disclosures/{disclosureId}" : $"/print/disclosures/{disclosureId}?table={part}";
        var url = new Uri(BaseUrl(), path);
        return browser.WithPageAsync(async page =>
        {
            var watch = Stopwatch.StartNew();
            var response = await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            if (response is null || !response.Ok)
                throw new PrintFailedException($"打印视图 {path} 返回 {(response is null ? "空响应" : response.Status.ToString())}。");
            await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
            var targets = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('[data-toc-page]'), e => e.dataset.tocPage)");
            // A document with a 目录 is printed twice: the first pass only finds where the parts start, so
            // it leaves out the footers (they are drawn in the @page margins and move nothing) and costs less.
            var final = targets.Length == 0;
            var pdf = await page.PdfAsync(PdfOptions(info, withFooter: final));
            for (var pass = 1; targets.Length > 0; pass++)
            {
                var found = new PdfFile(pdf).NamedDestinationPages();
                var missing = targets.Where(t => !found.ContainsKey(t)).ToList();
                if (missing.Count > 0)
                    throw new PrintFailedException($"目录目标在 PDF 中找不到：{string.Join("、", missing)}。");
                var shown = await page.EvaluateAsync<Dictionary<string, string>>(
                    "() => Object.fromEntries(Array.from(document.querySelectorAll('[data-toc-page]'), e => [e.dataset.tocPage, e.textContent]))");
                if (final && targets.All(t => shown[t] == found[t].ToString(System.Globalization.CultureInfo.InvariantCulture))) break;
                if (pass == MaxPasses)
                    throw new PrintFailedException("目录页码在多次打印后仍不稳定。");
                await page.EvaluateAsync("pages => { for (const e of document.querySelectorAll('[data-toc-page]')) e.textContent = String(pages[e.dataset.tocPage]); }",
                    targets.ToDictionary(t => t, t => found[t]));
                pdf = await page.PdfAsync(PdfOptions(info, withFooter: true));
                final = true;
            }
            var result = new PdfFile(pdf).WithDocumentInfo(info.Title, info.Department, info.Subject, "zh-CN", DateTimeOffset.Now);
            logger.LogInformation("Printed disclosure {DisclosureId} part {Part}: {Bytes} bytes in {Elapsed} ms",
                disclosureId, part, result.Length, watch.ElapsedMilliseconds);
            return result;
        }, ct);
    }

    private static PagePdfOptions PdfOptions(PrintedDocumentInfo info, bool withFooter) => new()
    {
        Format = "A4",
        PreferCSSPageSize = true,
        PrintBackground = true,
        // Tagged PDF and the outline (bookmarks) cost more than the whole print otherwise; /Lang is
        // written into the catalog afterwards (PdfFile.WithDocumentInfo).
        Tagged = false,
        Outline = false,
        DisplayHeaderFooter = withFooter,
        HeaderTemplate = "<span></span>",
        // Footer: its own tiny document; fonts named explicitly, size in px (Chromium's default is unreadable).
        FooterTemplate = $"""
            <div style="width:100%;margin:0 14mm;font-family:'AR PL SungtiL GB','WenQuanYi Micro Hei';font-size:9px;color:#000;display:flex;justify-content:space-between">
            <span>{WebUtility.HtmlEncode(info.Department)} {info.Year} 年部门预算公开 · 第 {info.Version} 版 · {WebUtility.HtmlEncode(info.PublishedText)}发布</span>
            <span>第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</span>
            </div>
            """,
    };

    /// <summary>This portal's own address, as Chromium reaches it (loopback for a wildcard binding).</summary>
    private Uri BaseUrl()
    {
        if (!string.IsNullOrEmpty(options.Value.BaseUrl)) return new Uri(options.Value.BaseUrl);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault()
            ?? throw new PrintFailedException("不知道门户自身的地址：请设置 Printing:BaseUrl。");
        foreach (var wildcard in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:" })
            address = address.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        return new Uri(address);
    }
}
