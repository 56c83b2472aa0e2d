using System.Globalization;

namespace BudgetPortal.Domain.Tables;

/// <summary>
/// What an amount (万元) may be, on every path: at most two decimals (the tables print two, so a third
/// would be shown differently by the page and the API), never negative, and below an explicit ceiling
/// (so no sum of a table can overflow). The forms and the workbook reader ask <see cref="Refusal"/> to
/// name the field; the aggregate asks <see cref="Check"/> where figures enter it (Disclosure.SetTables,
/// SetPerformanceSheets), so no path bypasses it. Figures of 情况说明 quote the printed text (seed 001
/// prints 308.101 万元) and are held to the range only (<see cref="CheckQuoted"/>). Amounts far above any
/// department's budget are accepted but warned.
/// </summary>
public static class AmountLimits
{
    /// <summary>Decimals an entered amount may have: 万元 to the 百元, as printed.</summary>
    public const int EntryDecimals = 2;

    /// <summary>The largest amount accepted, in 万元 (just under 10 万亿元, more than any budget).</summary>
    public const decimal Maximum = 999_999_999.99m;

    /// <summary>Above this (100 亿元) a single figure is accepted but warned: usually 元 typed as 万元.</summary>
    public const decimal Implausible = 1_000_000m;

    /// <summary>The longest text read as an amount (digits, separators, sign, point).</summary>
    public const int MaxLength = 24;

    public static string Describe(decimal amount) => $"{amount:#,0.00} 万元（约 {amount / 10000m:#,0.##} 亿元）";

    /// <summary>
    /// Accepts 1,234.56 and 1234.56 (and full-width digits); blank is zero; never negative, at most two
    /// decimals and below <see cref="Maximum"/> (in 元: two decimals, converted to 万元).
    /// </summary>
    public static bool TryParse(string? text, bool inYuan, out decimal? amount, out string message)
    {
        amount = null;
        message = "";
        if (string.IsNullOrWhiteSpace(text)) return true;
        var typed = text.Trim();
        if (typed.Length > MaxLength)
        {
            message = $"“{typed[..MaxLength]}…”太长，不是有效的金额（最多 {MaxLength} 个字符）。";
            return false;
        }
        var normalized = typed.Normalize(System.Text.NormalizationForm.FormKC);
        var digits = normalized.Replace(",", "").Replace(" ", "");
        if (!decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || (normalized.Contains(',') && !GroupedCorrectly(normalized)))
        {
            message = $"“{typed}”不是有效的金额，请填写数字，如 1,234.56 或 1234.56。";
            return false;
        }
        if (inYuan)
        {
            if (value.Scale > 2 && value != Math.Round(value, 2))
            {
                message = $"以元填写的金额最多两位小数（精确到分），填写的是 {typed}。";
                return false;
            }
            value = Math.Round(value / 10000m, EntryDecimals, MidpointRounding.AwayFromZero);
        }
        if (Refusal(value, typed) is { } refusal)
        {
            message = refusal;
            return false;
        }
        amount = value;
        return true;
    }

    /// <summary>Thousands separators only every three digits of the whole part: 1,234.56 yes, 12,34 no.</summary>
    private static bool GroupedCorrectly(string text)
    {
        var whole = text.TrimStart('-').Split('.')[0];
        var groups = whole.Split(',');
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }

    /// <summary>Why an entered amount is refused (in Chinese), or null when it is acceptable.</summary>
    public static string? Refusal(decimal amount, string typed)
    {
        if (amount < 0) return $"金额不能为负数（填写的是 {typed}）。";
        if (amount > Maximum) return $"金额 {typed} 超出上限 {Maximum:#,0.00} 万元，请核对金额单位（万元）。";
        if (amount.Scale > EntryDecimals && amount != Math.Round(amount, EntryDecimals))
            return $"金额最多两位小数（万元精确到百元），填写的是 {typed}。";
        return null;
    }

    /// <summary>A refused amount as a <see cref="DomainException"/> naming where it is (表7“…”行“财政拨款”列).</summary>
    public static void Check(decimal amount, string where)
    {
        if (Refusal(amount, amount.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } refusal)
            throw new DomainException($"{where}：{refusal}");
    }

    /// <summary>A figure quoted from the text (情况说明: amounts, signed changes, percentages): range only.</summary>
    public static void CheckQuoted(decimal? amount, string where)
    {
        if (amount is { } a && Math.Abs(a) > Maximum)
            throw new DomainException($"{where}：数值 {a.ToString(System.Globalization.CultureInfo.InvariantCulture)} 超出上限 {Maximum:#,0.00}。");
    }

    /// <summary>A stored amount the aggregate would refuse today (a draft saved before the limit): shown, never summed.</summary>
    public static bool IsOutOfRange(decimal amount) => Refusal(amount, "") is not null;

    /// <summary>A warning for a figure accepted but probably in the wrong unit, or null.</summary>
    public static string? Warning(decimal amount) =>
        amount > Implausible ? $"金额 {Describe(amount)} 异常大，请核对单位是否为万元。" : null;
}
