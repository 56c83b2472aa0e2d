using System.Text.Json;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;

namespace BudgetPortal.Domain.Tests.Checks;

/// <summary>Small edits of a seed document, to build a disclosure that breaks one rule.</summary>
public static class SeedMutations
{
    public static RowDoc Row(this DisclosureDocument doc, int table, string id)
    {
        var rows = doc.Tables[table.ToString(System.Globalization.CultureInfo.InvariantCulture)].Rows;
        return id switch
        {
            "total" => rows.First(r => r.Kind == "total"),
            _ when id.StartsWith("fixed:", StringComparison.Ordinal) => rows.First(r => r.Key == id[6..]),
            _ when id.StartsWith("project:", StringComparison.Ordinal) => rows.Where(r => r.Kind == "project").ElementAt(int.Parse(id[8..]) - 1),
            _ => rows.First(r => r.Code == id && r.Kind != "project"),
        };
    }

    public static void Add(this DisclosureDocument doc, int table, string row, string column, decimal delta)
    {
        var r = doc.Row(table, row);
        r.Cells[column] = r.Cells.GetValueOrDefault(column) + delta;
    }

    public static void Set(this DisclosureDocument doc, int table, string row, string column, decimal value)
    {
        var rows = doc.Tables[table.ToString(System.Globalization.CultureInfo.InvariantCulture)].Rows;
        var r = row.StartsWith("fixed:", StringComparison.Ordinal) && rows.All(x => x.Key != row[6..])
            ? AddFixed(rows, row[6..])
            : doc.Row(table, row);
        r.Cells[column] = value;
    }

    private static RowDoc AddFixed(List<RowDoc> rows, string key)
    {
        var row = new RowDoc { Kind = "fixed", Key = key };
        rows.Insert(0, row);
        return row;
    }

    public static NoteDoc Note(this DisclosureDocument doc, string key) => doc.Notes.First(n => n.Key == key);

    public static NoteLine Line(this DisclosureDocument doc, string note, string key) =>
        doc.Note(note).Lines.First(l => l.Key == key);

    public static void Figure(this DisclosureDocument doc, string note, string key, decimal value) =>
        doc.Note(note).Figures[key] = JsonSerializer.SerializeToElement(value);

    public static decimal FigureOf(this DisclosureDocument doc, string note, string key) =>
        doc.Note(note).Figures[key].GetDecimal();
}
