using BudgetPortal.Domain;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Lines;

namespace BudgetPortal.Web.Downloads;

/// <summary>
/// The 预算明细 of a published line-based disclosure as CSV: the columns of the officers' line template
/// (<see cref="LineSheet"/>), in the order the lines were entered, UTF-8 with a BOM — so a downloaded file
/// can be uploaded again as lines. The download (lines.csv) and the year's package write the same bytes.
/// </summary>
public static class LinesCsv
{
    public static byte[] Bytes(IEnumerable<BudgetLine> lines, YearCatalogs catalogs) =>
        [.. Csv.Utf8WithBom.GetPreamble(), .. Csv.Utf8WithBom.GetBytes(Csv.Write(LineSheet.Write(lines, catalogs)))];

    /// <summary>The file's name as the download offers it: 部门2025年预算明细.csv.</summary>
    public static string FileName(Disclosure d) => $"{d.DepartmentName}{d.FiscalYear}年预算明细.csv";

    /// <summary>Its place in the year's package, beside the disclosure's tables (the department's folder: {folder}/表N.csv).</summary>
    public static string PackagePath(string folder) => $"{folder}/预算明细.csv";
}
