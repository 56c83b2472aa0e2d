namespace BudgetPortal.Domain;

/// <summary>A broken domain rule. The message is Chinese and says what to fix.</summary>
public sealed class DomainException(string message) : Exception(message);
