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
                var target = relation.Target;
                var row = target.Row < 0 ? null : rows[target.Row];
                string Text(string template) => template
                    .Replace("{n}", schema.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{row}", row is null ? schema.RowLabel(relation.Row) : schema.RowLabel(row), StringComparison.Ordinal)
                    .Replace("{column}", schema.Column(target.Column).Header, StringComparison.Ordinal)
                    .Replace("{children}", row?.Kind == RowKind.Class ? "项" : "款", StringComparison.Ordinal);
                var identity = relation.Identity;
                if (identity is SidesEqual)
                    log.Same(Text(identity.Where), Text(identity.Says), At(target), Text(identity.Parts), At(relation.Parts[0]));
                else
                    log.Sum(Text(identity.Where), Text(identity.Says), At(target), Text(identity.Parts), relation.Parts.Select(At));
            }
        }
    }
}
