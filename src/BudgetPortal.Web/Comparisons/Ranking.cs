using System.Globalization;
using BudgetPortal.Data;
using BudgetPortal.Web.Disclosures;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Comparisons;

/// <summary>A department's figures for the ranking of one year, each from the table that states it.</summary>
public sealed record RankingRow(string Code, string Name, DateTimeOffset? PublishedAt, int Version, decimal Total, decimal ThreePublic, decimal Overseas, decimal VehiclePurchase,
    decimal VehicleOperation, decimal Reception, decimal RunningCosts, int Staff, int DisclosureId)
{
    public decimal? PerPerson => Staff > 0 ? Math.Round(Total / Staff, 2, MidpointRounding.AwayFromZero) : null;
    public decimal? ThreePublicPerPerson => Staff > 0 ? Math.Round(ThreePublic / Staff, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>A department's figures for the ranking, from its summary (figures of the latest published version).</summary>
    public static RankingRow Of(PublishedSummary s) =>
        new(s.DepartmentCode, s.DepartmentName, s.PublishedAt, s.Version, s.Total, s.ThreePublic, s.Overseas, s.VehiclePurchase,
            s.VehicleOperation, s.Reception, s.RunningCosts, s.Staff, s.DisclosureId);

    public const int PageSize = 50;

    /// <summary>
    /// One page of the year's ranking by a column (<see cref="Columns"/>' key), after a position
    /// (<see cref="RankingCursor"/>): read in SQL from the year's summaries in the column's order, then the
    /// name, then the version id, so a page costs the same however many departments there are.
    /// Returns one row more than a page when a next page exists.
    /// </summary>
    public static async Task<List<RankingRow>> PageAsync(BudgetDbContext db, int year, string sort, bool ascending, RankingCursor? after,
        CancellationToken ct)
    {
        // The column's SQL (a missing per-person figure sorts as the smallest) — from a fixed list, never from the request.
        var value = $"coalesce({ColumnSql[sort]}, -1e18)";
        var key = ascending ? value : $"-{value}";
        var sql = $"SELECT * FROM published_summaries WHERE fiscal_year = {{0}}" +
                  (after is null ? "" : $" AND ({key}, department_name, disclosure_id) > ({{1}}, {{2}}, {{3}})") +
                  $" ORDER BY {key}, department_name, disclosure_id LIMIT {PageSize + 1}";
        object[] parameters = after is null ? [year] : [year, ascending ? after.Value : -after.Value, after.Name, after.Id];
        var rows = await db.PublishedSummaries.FromSqlRaw(sql, parameters).AsNoTracking().ToListAsync(ct);
        return rows.Select(Of).ToList();
    }

    /// <summary>The sort value of a row as <see cref="PageAsync"/> orders it.</summary>
    public static decimal SortValue(RankingRow row, string sort) => Columns.First(c => c.Key == sort).Value(row) ?? -1e18m;

    private static readonly Dictionary<string, string> ColumnSql = new()
    {
        ["total"] = "total", ["threePublic"] = "three_public", ["overseas"] = "overseas", ["vehiclePurchase"] = "vehicle_purchase",
        ["vehicleOperation"] = "vehicle_operation", ["reception"] = "reception", ["runningCosts"] = "running_costs", ["staff"] = "staff",
        ["perPerson"] = "CASE WHEN staff > 0 THEN round(total / staff, 2) END",
        ["threePublicPerPerson"] = "CASE WHEN staff > 0 THEN round(three_public / staff, 2) END",
    };

    /// <summary>The sortable columns: key → (heading, value).</summary>
    public static readonly IReadOnlyList<(string Key, string Heading, Func<RankingRow, decimal?> Value)> Columns =
    [
        ("total", "支出总计", r => r.Total),
        ("threePublic", "“三公”经费", r => r.ThreePublic),
        ("overseas", "因公出国（境）费", r => r.Overseas),
        ("vehiclePurchase", "公务用车购置费", r => r.VehiclePurchase),
        ("vehicleOperation", "公务用车运行费", r => r.VehicleOperation),
        ("reception", "公务接待费", r => r.Reception),
        ("runningCosts", "机关运行经费（公用经费）", r => r.RunningCosts),
        ("staff", "实有人数", r => r.Staff),
        ("perPerson", "人均支出", r => r.PerPerson),
        ("threePublicPerPerson", "人均“三公”经费", r => r.ThreePublicPerPerson),
    ];
}

/// <summary>A position in a ranking: the sort value, the department name and the version id of the last row of a page.</summary>
public sealed record RankingCursor(decimal Value, string Name, int Id)
{
    public string Encode() => CursorText.Encode(Value.ToString(CultureInfo.InvariantCulture), Id, Name);

    public static RankingCursor? Decode(string? text) =>
        CursorText.Decode(text) is { } c && decimal.TryParse(c.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? new RankingCursor(value, c.Name, c.Id) : null;
}
