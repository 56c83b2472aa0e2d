using System.Diagnostics;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace BudgetPortal.Web.Printing;

/// <summary>
/// A printed PDF; how many times Chromium printed it to get the 目录 right (1 when js/print.js
/// paginated correctly); and the page count js/print.js foresaw (0 for a document without a 目录).
/// </summary>
public sealed record PrintedPdf(byte[] Content, int Passes, int PaginatedPages);

/// <summary>
/// What a PDF says about itself: its footer line and its document information. A draft's print
/// (<see cref="Draft"/>) says 草稿 in its title and on every page, and is never the official file.
/// </summary>
public sealed record PrintedDocumentInfo(string Department, int Year, int Version, DateTimeOffset? PublishedAt, string Title, string Subject, bool Draft = false)
{
    public string PublishedText => PublishedAt?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy 年 M 月 d 日") ?? "";

    /// <summary>The PDF's keywords: what an archive or a search finds the file by.</summary>
    public string Keywords => $"{Department}；{Year} 年；部门预算公开；第 {Version} 版" + (Draft ? "；草稿" : "");

    /// <summary>The left half of every page's footer (the right half is 第 N 页 共 M 页).</summary>
    public string FooterText => $"{Department} {Year} 年部门预算公开 · 第 {Version} 版" +
        (Draft ? " · 草稿（尚未公开，仅供审核）" : PublishedAt is null ? "" : $" · {PublishedText}发布");

    /// <summary>The title and subject of a draft's whole document, marked 草稿.</summary>
    public static PrintedDocumentInfo ForDraft(string department, int year, int version) =>
        new(department, year, version, null, $"{department}{year}年部门预算公开（草稿）", $"{year} 年部门预算公开，第 {version} 版草稿，尚未公开", Draft: true);

    /// <summary>The title and subject of a version's whole document (part 0) or of one of its tables.</summary>
    public static PrintedDocumentInfo For(string department, int year, int version, DateTimeOffset? publishedAt, int part)
    {
        var title = $"{department}{year}年部门预算公开";
        if (part != DisclosurePdf.WholeDocument) title += $" 表{part} {TableSchemas.For((TableKind)part, year).Title}";
        return new PrintedDocumentInfo(department, year, version, publishedAt, title, $"{year} 年部门预算公开，第 {version} 版");
    }
}

/// <summary>
/// Prints the print view of a published version with the shared Chromium, in one pass: before
/// printing, js/print.js works out on which page each part, table and note starts (following the
/// page-break rules of print.css over the laid-out document) and writes those numbers into the 目录.
/// The PDF's named destinations (the 目录's link targets) then tell where they really start; should
/// any number disagree, the true numbers are written in and the document is printed again, until
/// the 目录 agrees with the PDF (at most three prints, else the print fails).
/// </summary>
public sealed class DisclosurePrinter(ChromiumBrowser browser, IServer server, IOptions<PrintingOptions> options, DraftPrintTokens drafts, ILogger<DisclosurePrinter> logger)
{
    private const int MaxPasses = 3;

    /// <summary>What js/print.js worked out: the page count and the page of each 目录 target.</summary>
    private sealed class Pagination
    {
        public int Pages { get; set; }
        public Dictionary<string, int> Targets { get; set; } = [];
    }

    public Task<PrintedPdf> PrintAsync(int disclosureId, int part, PrintedDocumentInfo info, CancellationToken ct) =>
        PrintViewAsync(part == DisclosurePdf.WholeDocument ? $"/print/disclosures/{disclosureId}" : $"/print/disclosures/{disclosureId}?table={part}",
            disclosureId, part, info, ct);

    /// <summary>
    /// Prints an unpublished version for review, 草稿 on every page. Chromium is not signed in: the
    /// print view admits it with a token for this one version that expires with the print's time limit.
    /// </summary>
    public Task<PrintedPdf> PrintDraftAsync(int disclosureId, PrintedDocumentInfo info, CancellationToken ct)
    {
        if (!info.Draft) throw new ArgumentException("a draft is printed with the draft's document information", nameof(info));
        var token = Uri.EscapeDataString(drafts.Issue(disclosureId, browser.Timeout + TimeSpan.FromSeconds(10)));
        return PrintViewAsync($"/print/disclosures/{disclosureId}?draft={token}", disclosureId, DisclosurePdf.WholeDocument, info, ct);
    }

    private Task<PrintedPdf> PrintViewAsync(string path, int disclosureId, int part, PrintedDocumentInfo info, CancellationToken ct)
    {
        var url = new Uri(BaseUrl(), path);
        return browser.WithPageAsync(async page =>
        {
            var watch = Stopwatch.StartNew();
            var response = await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            if (response is null || !response.Ok)
                throw new PrintFailedException($"打印视图 {path.Split("?draft=")[0]} 返回 {(response is null ? "空响应" : response.Status.ToString())}。");
            var loaded = watch.ElapsedMilliseconds;
            var printed = await PrintLoadedViewAsync(page, $"disclosure {disclosureId}", info);
            logger.LogInformation("Printed disclosure {DisclosureId} part {Part}: {Bytes} bytes, {Passes} pass(es), {Elapsed} ms (view loaded in {Loaded} ms, paginated and printed in {Printed} ms)",
                disclosureId, part, printed.Content.Length, printed.Passes, watch.ElapsedMilliseconds, loaded, watch.ElapsedMilliseconds - loaded);
            return printed;
        }, ct);
    }

    /// <summary>
    /// Prints the print view loaded in <paramref name="page"/>: paginates it (js/print.js), prints,
    /// and prints again with the true numbers for as long as the 目录 disagrees with the PDF; then
    /// appends the document information, if given, to the file it read (opened once: ≈ 5 ms each time).
    /// </summary>
    public async Task<PrintedPdf> PrintLoadedViewAsync(IPage page, string what, PrintedDocumentInfo? info = null)
    {
        var pagination = await page.EvaluateAsync<Pagination>("() => window.budgetPrint.paginate()");
        var shown = pagination.Targets;
        var file = new PrintedPdfFile(await page.PdfAsync(PdfOptions));
        try
        {
            var passes = 1;
            while (shown.Count > 0)
            {
                var found = file.TargetPages();
                var missing = shown.Keys.Where(t => !found.ContainsKey(t)).ToList();
                if (missing.Count > 0)
                    throw new PrintFailedException($"目录目标在 PDF 中找不到：{string.Join("、", missing)}。");
                var wrong = shown.Where(t => found[t.Key] != t.Value).ToList();
                if (wrong.Count == 0) break;
                if (passes == MaxPasses)
                    throw new PrintFailedException("目录页码在多次打印后仍不稳定。");
                logger.LogWarning("Printing {What}: the 目录 was paginated wrongly ({Wrong}); printing again with the pages of the PDF",
                    what, string.Join(", ", wrong.Select(t => $"{t.Key} {t.Value}→{found[t.Key]}")));
                shown = shown.Keys.ToDictionary(t => t, t => found[t]);
                await page.EvaluateAsync("pages => window.budgetPrint.show(pages)", shown);
                file.Dispose();
                file = new PrintedPdfFile(await page.PdfAsync(PdfOptions));
                passes++;
            }
            return new PrintedPdf(info is null ? file.Content : file.WithDocumentInfo(info, DateTimeOffset.Now), passes, pagination.Pages);
        }
        finally
        {
            file.Dispose();
        }
    }

    private static readonly PagePdfOptions PdfOptions = new()
    {
        Format = "A4",
        PreferCSSPageSize = true,
        PrintBackground = true,
        // Tagged for screen readers and archives (the structure tree, /Lang from the view's lang); the
        // outline (bookmarks) is built by Chromium from that structure's headings: parts, tables, note
        // sections, nested by heading level (docs/decisions/0016-pdf-with-libraries.md).
        Tagged = true,
        Outline = true,
        // The footer is drawn by print.css in the @page margin boxes: Chromium's own header and
        // footer templates are separate documents rendered for every page, a third of the print time.
        DisplayHeaderFooter = false,
    };

    /// <summary>This portal's own address, as Chromium reaches it (loopback for a wildcard binding).</summary>
    private Uri BaseUrl() => Infrastructure.PortalAddress.Of(server, options.Value.BaseUrl)
        ?? throw new PrintFailedException("不知道门户自身的地址：请设置 Printing:BaseUrl。");
}
