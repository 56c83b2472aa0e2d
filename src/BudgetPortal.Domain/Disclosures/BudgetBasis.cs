namespace BudgetPortal.Domain.Disclosures;

/// <summary>
/// What a version's figures are kept as: the eleven tables as typed or imported (archives, imports), or
/// budget lines from which the tables are derived (a budget made in the portal).
/// </summary>
public enum BudgetBasis { Tables = 0, Lines = 1 }
