using BudgetPortal.Domain.Classification;

namespace BudgetPortal.Web.Classification;

/// <summary>One comparison of catalogs as _CatalogChange shows it: an id for the page, a heading sentence, and the change (null: nothing to compare).</summary>
public sealed record CatalogChangeView(string Id, string Heading, CatalogChange? Change)
{
    /// <summary>Lists up to this long are open at first; longer ones are folded.</summary>
    public const int OpenUpTo = 20;
}
