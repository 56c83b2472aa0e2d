using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Glossary;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Disclosures;

/// <summary>
/// A whole disclosure as the public page shows it (Pages/Shared/_Disclosure.cshtml): the published
/// page, and the workspace's preview of a draft (<see cref="Preview"/>: no public download links,
/// the draft PDF and the workspace's checks instead). <see cref="Lines"/>: the 预算明细 of a line-based
/// disclosure, given by the public page (the print view, which the PDF is made from, has none).
/// <see cref="LatestVersion"/>: set on a version's own page (/departments/{code}/{year}/versions/{n}) to the
/// year's latest version number — the page says which version it shows and links the latest, its PDF is
/// this version's and the tables' downloads (the latest version's) are not offered.
/// </summary>
public sealed record DisclosureView(
    Disclosure Disclosure,
    IReadOnlyList<GlossaryEntry> Glossary,
    DisclosureSummary Summary,
    CheckReport Checks,
    (string Sha256, DateTimeOffset PrintedAt)? Pdf = null,
    bool Preview = false,
    ClassificationCatalog? Catalog = null,
    BudgetLinesView? Lines = null,
    int? LatestVersion = null)
{
    /// <summary>Whether this is a version's own page rather than the year's page.</summary>
    public bool IsVersionPage => LatestVersion is not null;

    /// <summary>The eleven tables as printed; <see cref="Catalog"/> (the year's 功能分类) names 表1/表4's 类.</summary>
    public IReadOnlyList<PrintedTable> Tables { get; } = TableSchemas.All
        .Select(k => PrintedTable.Build(Disclosure.Table(k), Disclosure.FiscalYear, Disclosure.DepartmentName, Catalog)).ToList();

    public string Department => Disclosure.DepartmentName;
    public int Year => Disclosure.FiscalYear;

    /// <summary>The four parts and the sign-off; the public page links each table's downloads (a version's own page that version's), the preview none.</summary>
    public DisclosureParts Parts => new(Disclosure, Tables, Glossary,
        Preview ? null
        : IsVersionPage ? VersionAddresses.Page(Disclosure.Department.Code, Year, Disclosure.Version)
        : $"/departments/{Disclosure.Department.Code}/{Year}", Lines);
}
