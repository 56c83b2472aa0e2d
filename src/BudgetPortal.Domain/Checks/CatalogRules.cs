using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Checks;

/// <summary>
/// M1, M2: the codes of the tables against the year's classification catalogs. A well-formed code
/// outside the catalog is accepted with the name as typed (reference data is extended, never a gate),
/// so these are warnings: they ask the officer to check the code, they never block publishing.
/// </summary>
public static partial class ConsistencyChecks
{
    /// <summary>The plain evaluator of a catalog rule: without the catalogs there is nothing to compare.</summary>
    private static void NeedsCatalogs(Disclosure d, CheckLog log) { }

    /// <summary>Every coded row (类, 款, 项, 表7 projects) of a table that has code columns, with its scheme.</summary>
    private static IEnumerable<(BudgetTable Table, TableRow Row, ClassificationScheme Scheme)> CodedRows(Disclosure d) =>
        from table in d.Tables
        let schema = d.Schema(table.Kind)
        where schema.CodeColumnCount > 0
        from row in table.Rows
        where row.Code is not null
        select (table, row, schema.CodeScheme);

    private static string CodeLocation(BudgetTable table, TableRow row) => $"表{(int)table.Kind} {ClassificationCode.Printed(row.Code)}";

    private static string CodeAndName(TableRow row) =>
        string.IsNullOrWhiteSpace(row.Name) ? $"{ClassificationCode.Printed(row.Code)} " : $"{ClassificationCode.Printed(row.Code)}（{row.Name}）";

    private static void M1(Disclosure d, YearCatalogs catalogs, CheckLog log)
    {
        foreach (var (table, row, scheme) in CodedRows(d))
        {
            var catalog = catalogs.For(scheme);
            if (catalog.CurrentCatalogYear is not { } year) continue;
            var entry = catalog.Entry(row.Code!);
            log.Expect(CodeLocation(table, row), entry.Status != CatalogStatus.NotInCatalog, entry.Status switch
            {
                CatalogStatus.NotInCatalog => $"科目编码 {CodeAndName(row)}不在 {year} 年的{scheme.Label()}目录中，请核对编码",
                CatalogStatus.PreviousYear => $"科目编码 {CodeAndName(row)}在 {catalog.PreviousCatalogYear} 年的{scheme.Label()}目录中（见 M2）",
                _ => $"科目编码 {CodeAndName(row)}在 {year} 年的{scheme.Label()}目录中",
            });
        }
    }

    private static void M2(Disclosure d, YearCatalogs catalogs, CheckLog log)
    {
        foreach (var (table, row, scheme) in CodedRows(d))
        {
            var catalog = catalogs.For(scheme);
            if (catalog.Entry(row.Code!).Status != CatalogStatus.PreviousYear) continue;
            var zero = row.Cells.All(c => c.Amount == 0m);
            log.Expect(CodeLocation(table, row), zero, zero
                ? $"科目编码 {CodeAndName(row)}只在 {catalog.PreviousCatalogYear} 年的{scheme.Label()}目录中，本年金额为 0"
                : $"科目编码 {CodeAndName(row)}只在上一年度（{catalog.PreviousCatalogYear} 年）的{scheme.Label()}目录中，{catalog.CurrentCatalogYear} 年目录已没有这个科目，本年却有金额，请核对编码");
        }
    }
}
