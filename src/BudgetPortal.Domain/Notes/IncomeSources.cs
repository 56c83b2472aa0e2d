using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Notes;

/// <summary>
/// A source of income as 说明一 and 说明二 name it, keyed as the note lines of section 2 are
/// (docs/disclosure-format.md).
/// </summary>
/// <param name="Key">The note-line key (and the 表1 income line it is read from).</param>
/// <param name="Label">The name printed in the notes: 一般公共预算, 单位资金 …</param>
/// <param name="NotArranged">The fixed sentence printed when the source has no money in either year
/// (<c>政府性基金预算未安排。</c>), or null when such a source is simply left out.</param>
/// <param name="ListedAsZeroIn2024">2024 documents print this source as a full line even when it is 0
/// in both years (<c>政府性基金预算 0.00万元，占 0.00%，比上年预算增加 0.00 万元，增长0.00%…</c>).</param>
/// <param name="AlwaysListed">Printed as a line whatever its amounts (一般公共预算).</param>
public sealed record IncomeSource(string Key, string Label, string? NotArranged, bool ListedAsZeroIn2024 = false,
    bool AlwaysListed = false)
{
    /// <summary>Whether 说明二 prints this source as an amount line (else its 未安排 sentence, if any).</summary>
    public bool IsListed(decimal current, decimal prior, int fiscalYear) =>
        AlwaysListed || current != 0m || prior != 0m || (ListedAsZeroIn2024 && TableSchemas.LayoutYear(fiscalYear) <= 2024);
}

/// <summary>The income sources in the order 说明二 prints them, and their amounts in 表1.</summary>
public static class IncomeSources
{
    public static readonly IReadOnlyList<IncomeSource> All =
    [
        new("generalBudget", "一般公共预算", null, AlwaysListed: true),
        new("generalBudgetTransfer", "上级一般公共预算安排的转移支付资金", "上级一般公共预算安排的转移支付资金未安排。"),
        new("govFund", "政府性基金预算", "政府性基金预算未安排。", ListedAsZeroIn2024: true),
        new("govFundTransfer", "上级政府性基金安排的转移支付资金", "上级政府性基金安排的转移支付资金未安排。"),
        new("stateCapital", "国有资本经营预算", "国有资本经营预算未安排。", ListedAsZeroIn2024: true),
        new("stateCapitalTransfer", "上级国有资本经营预算安排的转移支付资金", "上级国有资本经营预算安排的转移支付资金未安排。"),
        new("specialAccount", "财政专户管理资金", null),
        new("unitFunds", "单位资金", null),
        new("fiscalCarryover", "财政拨款结转", null),
        new("nonFiscalCarryover", "非财政拨款结转结余", null),
    ];

    public static IncomeSource Get(string key) =>
        All.FirstOrDefault(s => s.Key == key) ?? throw new DomainException($"收入来源“{key}”不存在。");

    /// <summary>
    /// The amount of a source in 表1. The three budgets count their own money only (一般财力 etc.):
    /// the 上级…转移支付 part of each is a source of its own.
    /// </summary>
    public static decimal AmountIn(BudgetTable table1, string key)
    {
        decimal Line(string k) => table1.FixedOf(k, ColumnKeys.Income);
        return key switch
        {
            "generalBudget" => Line("generalBudget") - Line("generalBudgetTransfer"),
            "govFund" => Line("govFund") - Line("govFundTransfer"),
            "stateCapital" => Line("stateCapital") - Line("stateCapitalTransfer"),
            _ => Line(Get(key).Key),
        };
    }
}
