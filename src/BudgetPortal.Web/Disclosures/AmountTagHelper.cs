using BudgetPortal.Domain.Tables;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;
using System.Text.Encodings.Web;

namespace BudgetPortal.Web.Disclosures;

/// <summary>
/// An amount cell, <c>&lt;td amount="x"&gt;</c>: right-aligned (class num), the amount written by
/// <see cref="Amounts"/> — two decimals, blank for zero (amount-style="Figure": 0.00). amount-change
/// writes it with its sign (+1.00, −1.00); amount-missing is what a missing amount shows instead of
/// nothing (— for a year without a disclosure); amount-data="value" also puts the written amount in
/// data-value, for the charts' scripts.
/// </summary>
[HtmlTargetElement("td", Attributes = "amount")]
public sealed class AmountTagHelper : TagHelper
{
    [HtmlAttributeName("amount")] public decimal? Amount { get; set; }
    [HtmlAttributeName("amount-style")] public AmountStyle Style { get; set; } = AmountStyle.Cell;
    [HtmlAttributeName("amount-change")] public bool Change { get; set; }
    [HtmlAttributeName("amount-missing")] public string? Missing { get; set; }
    [HtmlAttributeName("amount-data")] public string? DataName { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var text = Change ? Amounts.Change(Amount, Style) : Amounts.Format(Amount, Style);
        output.AddClass("num", HtmlEncoder.Default);
        if (DataName is not null) output.Attributes.SetAttribute("data-" + DataName, text);
        output.Content.SetContent(Amount is null && Missing is not null ? Missing : text);
    }
}
