namespace BudgetPortal.Domain.Compliance;

/// <summary>
/// One stored rule of a region's year (<c>compliance_rules</c>): the deadline (<see cref="DeadlineKey"/>, with its
/// days) or a checklist item (by its name, required or not), each with its source. A region's year with no
/// rows follows the region's default (<see cref="AllRegions"/>), then <see cref="ComplianceRules.Default"/>.
/// </summary>
public sealed class ComplianceRuleEntry
{
    public const string DeadlineKey = "Deadline";
    /// <summary>The region of the rules that hold wherever no region has its own.</summary>
    public const string AllRegions = "";

    private ComplianceRuleEntry() { Region = ""; Rule = ""; Source = ""; }

    private ComplianceRuleEntry(int year, string region, string rule, bool required, int? days, string source)
    {
        FiscalYear = year; Region = region; Rule = rule; Required = required; Days = days; Source = source;
    }

    public int FiscalYear { get; private set; }
    public string Region { get; private set; }
    public string Rule { get; private set; }
    public bool Required { get; private set; }
    public int? Days { get; private set; }
    public string Source { get; private set; }

    /// <summary>The rows that store <paramref name="rules"/> for a region's year.</summary>
    public static IReadOnlyList<ComplianceRuleEntry> Of(int year, string region, ComplianceRules rules) =>
        [new(year, region, DeadlineKey, true, rules.DeadlineDays, rules.DeadlineSource),
         .. rules.Items.Select(i => new ComplianceRuleEntry(year, region, i.Item.ToString(), i.Required, null, i.Source))];

    /// <summary>The rules stored in <paramref name="rows"/> (one region's year); the default when there are none.</summary>
    public static ComplianceRules ToRules(IReadOnlyCollection<ComplianceRuleEntry> rows)
    {
        if (rows.Count == 0) return ComplianceRules.Default;
        var deadline = rows.FirstOrDefault(r => r.Rule == DeadlineKey);
        return new ComplianceRules(deadline?.Days ?? ComplianceRules.DefaultDeadlineDays, deadline?.Source ?? ComplianceRules.DefaultDeadlineSource,
            rows.Where(r => ChecklistItems.Parse(r.Rule) is not null).Select(r => new ChecklistRule(ChecklistItems.Parse(r.Rule)!.Value, r.Required, r.Source)));
    }
}
