namespace BudgetPortal.Web.Disclosures;

/// <summary>
/// Where a published version is read at its own address — the page, the official PDF as printed for it,
/// and the API — besides the year's addresses, which always give the latest version. A published version
/// never changes, so these addresses never change what they answer.
/// </summary>
public static class VersionAddresses
{
    public static string History(string code, int year) => $"/departments/{code}/{year}/versions";
    public static string Page(string code, int year, int version) => $"/departments/{code}/{year}/versions/{version}";
    public static string Pdf(string code, int year, int version) => $"/departments/{code}/{year}/versions/{version}.pdf";
    /// <summary>The version's files as published (stored at publication): each table's CSV and PDF, the workbook, the 预算明细.</summary>
    public static string TableCsv(string code, int year, int version, int table) => $"{Page(code, year, version)}/tables/{table}.csv";
    public static string Workbook(string code, int year, int version) => $"{Page(code, year, version)}.xlsx";
    public static string LinesCsv(string code, int year, int version) => $"{Page(code, year, version)}/lines.csv";
    public static string Api(string code, int year, int version) => $"/api/v1/disclosures/{code}/{year}/versions/{version}";
}
