using BudgetPortal.Data;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Workspace;

/// <summary>
/// Last year's published figures of one table, by row and column, shown beside the fields of this
/// year's form for reference. A row is the same row when its line, code, or code and project match.
/// </summary>
public sealed class PriorFigures
{
    private readonly Dictionary<RowId, Dictionary<string, decimal>> _rows;

    private PriorFigures(int? year, Dictionary<RowId, Dictionary<string, decimal>> rows) { Year = year; _rows = rows; }

    public static PriorFigures None { get; } = new(null, []);

    /// <summary>The year the figures are from, or null when there is no published disclosure of that year.</summary>
    public int? Year { get; }

    public decimal? Of(RowInput row, string column) =>
        _rows.TryGetValue(RowId.Of(row.Kind, row.Key, row.Code, row.Project), out var cells) && cells.TryGetValue(column, out var amount) ? amount : null;

    public static async Task<PriorFigures> LoadAsync(BudgetDbContext db, int departmentId, int year, TableKind kind, CancellationToken ct)
    {
        var disclosureId = await db.Disclosures.AsNoTracking()
            .Where(d => d.DepartmentId == departmentId && d.FiscalYear == year && d.Status == DisclosureStatus.Published)
            .OrderByDescending(d => d.Version).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
        if (disclosureId is null) return None;
        var table = await db.BudgetTables.AsNoTracking().Include(t => t.Rows).ThenInclude(r => r.Cells)
            .FirstOrDefaultAsync(t => t.DisclosureId == disclosureId && t.Kind == kind, ct);
        var rows = new Dictionary<RowId, Dictionary<string, decimal>>();
        foreach (var row in table?.Rows ?? [])
        {
            var cells = rows.TryGetValue(RowId.Across(row), out var existing) ? existing : [];
            foreach (var cell in row.Cells) cells[cell.Column] = cells.GetValueOrDefault(cell.Column) + cell.Amount;
            rows[RowId.Across(row)] = cells;
        }
        return new PriorFigures(year, rows);
    }
}
