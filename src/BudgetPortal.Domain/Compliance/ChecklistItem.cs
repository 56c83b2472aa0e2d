namespace BudgetPortal.Domain.Compliance;

/// <summary>
/// What a published disclosure must contain to count as complete (财预〔2016〕143号 and the provincial
/// rules). The items are a closed set — each is read from the disclosure by <see cref="DisclosureChecklist"/> —
/// but whether a region's year requires one, and the source it names, are data (<see cref="ComplianceRules"/>).
/// Stored by name.
/// </summary>
public enum ChecklistItem
{
    /// <summary>部门概况, the eleven tables, 情况说明 and the 部门整体绩效目标表 are all there.</summary>
    PartsPresent,
    /// <summary>Every empty table prints its sentence (…没有…为空表。).</summary>
    EmptyTablesExplained,
    /// <summary>情况说明十: 财政拨款“三公”经费.</summary>
    ThreePublicSection,
    /// <summary>情况说明十二(一): 机关（单位）运行经费.</summary>
    RunningCostsSection,
    /// <summary>情况说明十二(二): 政府采购.</summary>
    ProcurementSection,
    /// <summary>情况说明十二(三): 国有资产占用使用.</summary>
    AssetsSection,
    /// <summary>A 项目支出绩效目标表 for every project of 表7.</summary>
    ProjectTargets,
    /// <summary>A correction (version 2 and later) states its reason.</summary>
    CorrectionReasons,
}

public static class ChecklistItems
{
    public static readonly IReadOnlyList<ChecklistItem> All = Enum.GetValues<ChecklistItem>();

    /// <summary>The item as the public page names it.</summary>
    public static string Label(ChecklistItem item) => item switch
    {
        ChecklistItem.PartsPresent => "各部分齐全",
        ChecklistItem.EmptyTablesExplained => "空表有说明",
        ChecklistItem.ThreePublicSection => "“三公”经费说明",
        ChecklistItem.RunningCostsSection => "机关运行经费说明",
        ChecklistItem.ProcurementSection => "政府采购说明",
        ChecklistItem.AssetsSection => "国有资产说明",
        ChecklistItem.ProjectTargets => "项目绩效目标表",
        ChecklistItem.CorrectionReasons => "更正说明原因",
        _ => item.ToString(),
    };

    /// <summary>What the item asks, in a sentence.</summary>
    public static string Description(ChecklistItem item) => item switch
    {
        ChecklistItem.PartsPresent => "公开部门概况、十一张预算公开表、情况说明和部门整体绩效目标表",
        ChecklistItem.EmptyTablesExplained => "没有数据的表以一句话说明为空表的原因",
        ChecklistItem.ThreePublicSection => "情况说明中有财政拨款“三公”经费预算情况说明",
        ChecklistItem.RunningCostsSection => "情况说明中有机关（单位）运行经费情况",
        ChecklistItem.ProcurementSection => "情况说明中有政府采购情况",
        ChecklistItem.AssetsSection => "情况说明中有国有资产占用使用情况",
        ChecklistItem.ProjectTargets => "表7的每个项目都公开项目支出绩效目标表",
        ChecklistItem.CorrectionReasons => "更正后的版本说明更正原因",
        _ => item.ToString(),
    };

    /// <summary>The source of the default rule.</summary>
    public static string DefaultSource(ChecklistItem item) => item switch
    {
        ChecklistItem.ProjectTargets => "财预〔2016〕143号 第三条（重点项目绩效目标随部门预算公开）",
        ChecklistItem.CorrectionReasons => "本平台规则：已公开内容的更正须说明原因",
        ChecklistItem.ThreePublicSection or ChecklistItem.RunningCostsSection or ChecklistItem.ProcurementSection or ChecklistItem.AssetsSection
            => "财预〔2016〕143号 第二条（部门预算公开内容）",
        _ => "财预〔2016〕143号 第二条（部门预算公开内容）",
    };

    public static ChecklistItem? Parse(string? name) =>
        Enum.TryParse<ChecklistItem>(name, out var item) && Enum.IsDefined(item) ? item : null;
}
