namespace BudgetPortal.Domain.Disclosures;

public enum DisclosureStatus
{
    Draft,
    Submitted,
    Published,
}
