using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Checks;

// The rules that are a table's own identities: each compares what the schema states (TableSchema.Identities).
public static partial class ConsistencyChecks
{
    /// <summary>A rule made of the identities of the schemas that name it, in table order.</summary>
    private static Action<Disclosure, CheckLog> Identities(string rule) => (d, log) => Identities(d, log, rule);

    private static void Identities(Disclosure d, CheckLog log, string rule)
    {
        foreach (var kind in TableSchemas.All)
        {
            var schema = d.Schema(kind);
            if (!schema.Identities.Any(i => i.Rule == rule)) continue;
            var rows = d.Table(kind).Rows; // BudgetTable.Rows sorts anew on each read: read once, the relations index into it
            foreach (var relation in schema.Relations(rows.Select(RowShape.Of).ToList(), rule))
            {
                decimal At(CellAt cell) => cell.Row < 0 ? 0m : rows[cell.Row].Amount(cell.Column);
                var (where, says, parts) = relation.Words(schema, rows);
                if (relation.Identity is SidesEqual)
                    log.Same(where, says, At(relation.Target), parts, At(relation.Parts[0]));
                else
                    log.Sum(where, says, At(relation.Target), parts, relation.Parts.Select(At));
            }
        }
    }
}
