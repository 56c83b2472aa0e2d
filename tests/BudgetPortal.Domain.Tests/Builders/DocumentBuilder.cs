using BudgetPortal.Domain.Documents;

namespace BudgetPortal.Domain.Tests.Builders;

/// <summary>A minimal `budgetportal-disclosure/1` document, with the tables a test gives it.</summary>
public sealed class DocumentBuilder
{
    private readonly Dictionary<string, TableDoc> _tables = [];
    private int _fiscalYear = 2025;

    public DocumentBuilder ForYear(int fiscalYear)
    {
        _fiscalYear = fiscalYear;
        return this;
    }

    public DocumentBuilder WithTable(string number, params RowDoc[] rows)
    {
        _tables[number] = new TableDoc { Rows = [.. rows] };
        return this;
    }

    public DisclosureDocument Build() => new()
    {
        Source = "test.txt",
        Department = new DepartmentDoc { Code = "test", Name = DisclosureBuilder.DepartmentName },
        FiscalYear = _fiscalYear,
        Tables = new Dictionary<string, TableDoc>(_tables),
    };

    /// <summary>A row as the file writes it: kind left out unless given, only the cells given.</summary>
    public static RowDoc Row(string? code = null, string? name = null, string? kind = null, string? key = null,
        params (string Column, decimal Amount)[] cells) => new()
    {
        Kind = kind, Key = key, Code = code, Name = name,
        Cells = cells.ToDictionary(c => c.Column, c => c.Amount),
    };

    public static RowDoc TotalRow(params (string Column, decimal Amount)[] cells) => Row(kind: "total", cells: cells);
}
