using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Notes;

/// <summary>
/// What the notes read of the disclosure they belong to: its year, the department's code and printed
/// name, its tables, its notes as stored and the year's 功能分类 catalog. <c>Disclosure</c> provides it, so the notes are drafted,
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

    /// <summary>
    /// The year's 功能分类 catalog when the caller has given it: it names a 类 that a table gives without
    /// its name (as the tables print it, TableSchema.CategoryName); null: the layout's names.
    /// </summary>
    ClassificationCatalog? FunctionalCatalog { get; }
}
