using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Notes;

/// <summary>
/// What the notes read of the disclosure they belong to: its year, the department's code and printed
/// name, its tables and its notes as stored. <c>Disclosure</c> provides it, so the notes are drafted,
/// structured and compared without knowing the aggregate that owns them (decision 0014).
/// </summary>
public interface INoteSource
{
    int FiscalYear { get; }

    string DepartmentCode { get; }

    /// <summary>The department name printed as 编制部门.</summary>
    string DepartmentName { get; }

    /// <summary>A table; an empty one when the disclosure has none of that kind.</summary>
    BudgetTable Table(TableKind kind);

    NoteSection? Note(string key);
}
