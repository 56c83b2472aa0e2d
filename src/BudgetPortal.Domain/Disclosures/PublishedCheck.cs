namespace BudgetPortal.Domain.Disclosures;

/// <summary>
/// One comparison of the consistency checks as it stood when the version was published: frozen with
/// the figures, so the record shows what was checked then even if the rules improve later.
/// </summary>
public sealed class PublishedCheck
{
    private PublishedCheck() { Rule = ""; Message = ""; Location = ""; }

    public PublishedCheck(int ordinal, CheckResult result)
    {
        Ordinal = ordinal;
        Rule = result.Rule;
        Severity = result.Severity;
        Outcome = result.Outcome;
        Message = result.Message;
        // A location quotes a row's name (up to 300 characters) with its table: kept within its column.
        Location = result.Location.Length <= TextLimits.CheckLocation ? result.Location : result.Location[..(TextLimits.CheckLocation - 1)] + "…";
    }

    public int Id { get; private set; }
    public int DisclosureId { get; private set; }
    public int Ordinal { get; private set; }
    public string Rule { get; private set; }
    public Severity Severity { get; private set; }
    public Outcome Outcome { get; private set; }
    public string Message { get; private set; }
    public string Location { get; private set; }

    public CheckResult ToResult() => new(Rule, Severity, Outcome, Message, Location);
}
