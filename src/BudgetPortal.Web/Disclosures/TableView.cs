using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Disclosures;

/// <summary>A printed table with the 编制部门 line it is printed under.</summary>
public sealed record TableView(PrintedTable Table, string Department);
