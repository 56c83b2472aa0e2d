namespace BudgetPortal.Domain.Tables;

/// <summary>
/// The printed header rows of a table placed on a grid (spans resolved), so a flat file can name
/// each column by the headers above it: 表2 栏 3 is “财政拨款（补助）/一般公共预算”.
/// </summary>
public sealed class HeaderGrid
{
    /// <summary>A header cell at its row and first column, with its spans.</summary>
    public sealed record Placed(HeaderCell Cell, int Row, int Column);

    private HeaderGrid(IReadOnlyList<Placed> cells, int width, int height)
    {
        Cells = cells;
        Width = width;
        Height = height;
    }

    public IReadOnlyList<Placed> Cells { get; }
    public int Width { get; }
    public int Height { get; }

    public static HeaderGrid Of(TableSchema schema)
    {
        var width = schema.LabelColumnCount + schema.Columns.Count;
        var height = schema.HeaderRows.Count;
        var taken = new bool[height, width];
        var placed = new List<Placed>();
        for (var r = 0; r < height; r++)
        {
            var c = 0;
            foreach (var cell in schema.HeaderRows[r])
            {
                while (c < width && taken[r, c]) c++;
                if (c >= width) throw new DomainException($"表{schema.Number}的表头第 {r + 1} 行超出 {width} 列。");
                placed.Add(new Placed(cell, r, c));
                for (var dr = 0; dr < cell.RowSpan && r + dr < height; dr++)
                for (var dc = 0; dc < cell.ColSpan && c + dc < width; dc++)
                    taken[r + dr, c + dc] = true;
                c += cell.ColSpan;
            }
        }
        return new HeaderGrid(placed, width, height);
    }

    /// <summary>
    /// One name per grid column, in printed order: the header texts above it from top to bottom, joined
    /// with “/”, leaving out a group that spans the whole label area or the whole amount area (科目, 支出预算)
    /// — it names every column alike. A two-sided table's groups are its sides (收入 | 支出, 财政拨款收入 |
    /// 财政拨款支出) and are kept: “收入/预算数” and “支出/预算数” are two columns (its label columns are
    /// not the first ones either, so the label-area rule does not apply to it).
    /// </summary>
    public IReadOnlyList<string> ColumnNames(TableSchema schema)
    {
        var labels = schema.LabelColumnCount;
        var sided = schema.Layout == TableLayout.TwoSided;
        var names = new List<string>(Width);
        for (var column = 0; column < Width; column++)
        {
            var chain = Cells
                .Where(p => p.Column <= column && column < p.Column + p.Cell.ColSpan)
                .Where(p => sided || !(p.Cell.ColSpan > 1 && ((p.Column == 0 && p.Cell.ColSpan == labels && labels > 1 && column < labels && Cells.Any(o => o.Row > p.Row && o.Column == 0))
                                                              || (p.Column == labels && p.Cell.ColSpan == schema.Columns.Count && schema.Columns.Count > 1))))
                .OrderBy(p => p.Row)
                .Select(p => p.Cell.Text)
                .Distinct()
                .ToList();
            names.Add(chain.Count == 0 ? "" : string.Join("/", chain));
        }
        return names;
    }
}
