using System.Globalization;
using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Compliance;
using BudgetPortal.Web.Api;
using BudgetPortal.Web.Downloads;
using BudgetPortal.Web.Infrastructure;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BudgetPortal.Web.Compliance;

/// <summary>
/// The dashboard's rows as files: <c>/compliance/{year}.csv</c> (the portal's CSV, UTF-8 with BOM) and
/// <c>.xlsx</c> (written like the disclosure workbook), with the page's filter and order (its query string),
/// every row, not a page of them.
/// </summary>
public static class ComplianceFiles
{
    public static readonly string[] Header =
        ["部门代码", "部门名称", "主管部门", "批复日期", "公开期限", "状态", "首次公开日期", "批复至公开天数", "版本", "完整性", "错误数", "警告数"];

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>One line per row, as the header; counts are blank where nothing is published.</summary>
    public static IEnumerable<string[]> Lines(IEnumerable<ComplianceRow> rows) => rows.Select(r => new[]
    {
        r.Department.Code, r.Department.Name, r.Department.ParentName, Date(r.Department.ApprovedOn), Date(r.Deadline),
        ComplianceAssessment.Label(r.Status), Date(r.FirstPublishedOn), r.Days?.ToString(CultureInfo.InvariantCulture) ?? "",
        r.Version?.ToString(CultureInfo.InvariantCulture) ?? "", ComplianceReport.Completeness(r),
        r.IsPublished ? r.Errors.ToString(CultureInfo.InvariantCulture) : "", r.IsPublished ? r.Warnings.ToString(CultureInfo.InvariantCulture) : "",
    });

    public static byte[] Csv(IEnumerable<ComplianceRow> rows) =>
        Domain.Csv.Utf8WithBom.GetPreamble().Concat(Domain.Csv.Utf8WithBom.GetBytes(Domain.Csv.Write([Header, .. Lines(rows)]))).ToArray();

    public static void Xlsx(Stream output, int year, IEnumerable<ComplianceRow> rows)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = DisclosureWorkbook.Stylesheet();
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint r = 1;
        data.Append(DisclosureWorkbook.RowOf(r++, Header.Select(h => DisclosureWorkbook.Text(h, DisclosureWorkbook.Header))));
        // Days, version and counts are numbers (columns 8, 9, 11, 12); the rest text.
        int[] numeric = [7, 8, 10, 11];
        foreach (var line in Lines(rows))
            data.Append(DisclosureWorkbook.RowOf(r++, line.Select((v, i) => numeric.Contains(i) && v.Length > 0
                ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(v) }
                : DisclosureWorkbook.Text(v, DisclosureWorkbook.Plain))));
        var worksheet = new Worksheet();
        worksheet.Append(new Columns(Header.Select((h, i) => new Column
            { Min = (uint)i + 1, Max = (uint)i + 1, CustomWidth = true, Width = i is 1 or 2 ? 30 : i == 9 ? 50 : 14 })));
        worksheet.Append(data);
        part.Worksheet = worksheet;
        workbookPart.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = 1, Name = $"{year}年公开情况" });
        document.PackageProperties.Title = $"{year} 年部门预算公开情况";
        document.PackageProperties.Language = "zh-CN";
    }

    public static void MapComplianceFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/compliance/{year:int}.csv", async (HttpContext http, int year, string? parent, string? status, string? sort, string? dir,
            BudgetDbContext db, CancellationToken ct) =>
        {
            if (await ComplianceReport.LoadAsync(db, year, ComplianceReport.Today, ct) is not { } report) return Results.NotFound();
            DownloadEndpoints.Attachment(http, $"{year}年部门预算公开情况.csv", $"compliance-{year}.csv");
            return Results.File(Csv(report.Select(Query(parent, status, sort, dir))), "text/csv; charset=utf-8");
        }).CacheOutput(PublishedContent.VaryByQuery("parent", "status", "sort", "dir")).DescribedAsDownload("downloadComplianceCsv", "年度公开情况的 CSV",
            "该年度每个应公开部门的公开状态、批复至公开天数、内容完整性和数据核验的错误与警告，筛选和排序与公开情况页面相同；UTF-8 带 BOM。未登记应公开部门的年度返回 404。", "text/csv");

        app.MapGet("/compliance/{year:int}.xlsx", async (HttpContext http, int year, string? parent, string? status, string? sort, string? dir,
            BudgetDbContext db, CancellationToken ct) =>
        {
            if (await ComplianceReport.LoadAsync(db, year, ComplianceReport.Today, ct) is not { } report) return Results.NotFound();
            using var buffer = new MemoryStream();
            Xlsx(buffer, year, report.Select(Query(parent, status, sort, dir)));
            DownloadEndpoints.Attachment(http, $"{year}年部门预算公开情况.xlsx", $"compliance-{year}.xlsx");
            return Results.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }).CacheOutput(PublishedContent.VaryByQuery("parent", "status", "sort", "dir")).DescribedAsDownload("downloadComplianceWorkbook", "年度公开情况的 Excel 工作簿",
            "与 CSV 相同的各列，一个工作表；天数、版本、错误数和警告数为数值。", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    /// <summary>The page's query string as a query; an unknown status or sort is ignored (the whole year, default order).</summary>
    public static ComplianceQuery Query(string? parent, string? status, string? sort, string? dir) =>
        new(string.IsNullOrWhiteSpace(parent) ? null : parent.Trim(), ComplianceAssessment.ParseStatus(status), ComplianceQuery.NormalSort(sort), dir == "desc");
}
