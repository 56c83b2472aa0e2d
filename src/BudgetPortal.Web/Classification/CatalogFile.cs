using BudgetPortal.Domain.Classification;
using BudgetPortal.Web.Uploads;

namespace BudgetPortal.Web.Classification;

/// <summary>
/// A catalog file as the finance ministry publishes it (a CSV or the first worksheet of an .xlsx, read
/// by <see cref="TabularFile"/>), as rows where row n is line n of the file, so problems name the line
/// the administrator sees. <see cref="CatalogSheet"/> then reads and checks the codes.
/// </summary>
public static class CatalogFile
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>Rows read at most: twice the line limit, so <see cref="CatalogSheet"/> can say the file is too long.</summary>
    private static readonly TabularLimits Limits = new(MaxBytes, CatalogSheet.MaxLines * 2 + 1, MaxCellLength: 1000);

    public static CatalogSheet Read(ClassificationScheme scheme, string fileName, byte[] content)
    {
        IReadOnlyList<TabularRow> rows;
        try
        {
            rows = TabularFile.Read(fileName, content, Limits);
        }
        catch (TabularFileException e)
        {
            return CatalogSheet.Failed(scheme, e.Message);
        }
        var byLine = rows.ToDictionary(r => r.Line, r => r.Cells);
        var last = rows.Count == 0 ? 0 : rows.Max(r => r.Line);
        return CatalogSheet.Read(scheme, Enumerable.Range(1, last).Select(line => byLine.GetValueOrDefault(line) ?? []).ToList());
    }
}
