namespace BudgetPortal.Domain.Compliance;

/// <summary>Whether a region's year requires an item, and the source that says so.</summary>
public sealed record ChecklistRule(ChecklistItem Item, bool Required, string Source);

/// <summary>
/// The rules a region's departments are held to in a fiscal year: the days from 批复 within which the
/// budget must be public, and the checklist. Provinces differ, so these are data the finance bureau
/// edits (<c>compliance_rules</c>); <see cref="Default"/> is what holds where nothing was entered.
/// </summary>
public sealed class ComplianceRules
{
    public const int MaxDeadlineDays = 366;
    public const int MaxSourceLength = 200;
    public const string DefaultDeadlineSource = "《中华人民共和国预算法》第十四条（批复后二十日内向社会公开）";
    public const int DefaultDeadlineDays = 20;

    public ComplianceRules(int deadlineDays, string deadlineSource, IEnumerable<ChecklistRule> items)
    {
        if (deadlineDays is < 1 or > MaxDeadlineDays)
            throw new DomainException($"公开期限应为 1–{MaxDeadlineDays} 天（现为 {deadlineDays} 天）。");
        DeadlineDays = deadlineDays;
        DeadlineSource = CheckedSource(deadlineSource, "公开期限");
        var list = items.ToList();
        var byItem = new Dictionary<ChecklistItem, ChecklistRule>();
        foreach (var rule in list)
        {
            if (!byItem.TryAdd(rule.Item, rule with { Source = CheckedSource(rule.Source, ChecklistItems.Label(rule.Item)) }))
                throw new DomainException($"检查项“{ChecklistItems.Label(rule.Item)}”重复。");
        }
        // An item not named keeps its default (a rule set saved before an item existed).
        Items = ChecklistItems.All.Select(i => byItem.GetValueOrDefault(i) ?? new ChecklistRule(i, true, ChecklistItems.DefaultSource(i))).ToList();
    }

    public int DeadlineDays { get; }
    public string DeadlineSource { get; }
    public IReadOnlyList<ChecklistRule> Items { get; }

    public IEnumerable<ChecklistItem> Required => Items.Where(i => i.Required).Select(i => i.Item);

    public bool Requires(ChecklistItem item) => Items.Any(i => i.Item == item && i.Required);

    /// <summary>预算法 第十四条's twenty days and every item of the checklist, each with its source.</summary>
    public static ComplianceRules Default { get; } = new(DefaultDeadlineDays, DefaultDeadlineSource,
        ChecklistItems.All.Select(i => new ChecklistRule(i, true, ChecklistItems.DefaultSource(i))));

    /// <summary>The last day a department approved on <paramref name="approvedOn"/> may publish.</summary>
    public DateOnly DeadlineFor(DateOnly approvedOn) => approvedOn.AddDays(DeadlineDays);

    private static string CheckedSource(string? source, string what)
    {
        if (string.IsNullOrWhiteSpace(source))
            throw new DomainException($"请写明“{what}”规则的依据（文件名称和条款）。");
        source = source.Trim();
        TextLimits.CheckNul(source, $"“{what}”规则的依据");
        if (source.Length > MaxSourceLength)
            throw new DomainException($"“{what}”规则的依据最多 {MaxSourceLength} 个字（现有 {source.Length} 个）。");
        return source;
    }
}
