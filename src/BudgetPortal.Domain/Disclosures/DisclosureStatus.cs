namespace BudgetPortal.Domain.Disclosures;

public enum DisclosureStatus
{
    Draft,
    /// <summary>Sent to the finance bureau for review; the officer can no longer edit it.</summary>
    Submitted,
    /// <summary>Sent back by a reviewer with comments; editable again.</summary>
    Returned,
    Published,
}
