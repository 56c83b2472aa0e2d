using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Disclosures;

/// <summary>
/// A printed table with the 编制部门 line it is printed under; on the web page also the base of its
/// download links (/departments/{code}/{year}), none in print.
/// </summary>
public sealed record TableView(PrintedTable Table, string Department, string? DownloadBase = null);
