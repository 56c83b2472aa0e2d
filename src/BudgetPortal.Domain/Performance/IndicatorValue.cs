using System.Globalization;
using System.Text.RegularExpressions;

namespace BudgetPortal.Domain.Performance;

public enum Comparison
{
    None,
    AtLeast,
    AtMost,
    Equal,
    Greater,
    Less,
}

/// <summary>
/// 指标值 parsed: an operator, a number and a unit (＞=130 批次 → ≥ 130 批次), or a qualitative value
/// (保障, 提高, ＜=2024年6月30日). Printed variants ＞= >= ≥ normalise to ≥, ＜= <= &lt; = to ≤.
/// </summary>
public sealed partial record IndicatorValue(Comparison Operator, decimal? Number, string Unit, string Text)
{
    public bool IsQuantitative => Number is not null;

    public string Symbol => Operator switch
    {
        Comparison.AtLeast => "≥",
        Comparison.AtMost => "≤",
        Comparison.Equal => "=",
        Comparison.Greater => ">",
        Comparison.Less => "<",
        _ => "",
    };

    public static IndicatorValue Parse(string printed)
    {
        var text = (printed ?? "").Trim();
        var s = text.Replace('＞', '>').Replace('＜', '<').Replace('＝', '=').Replace(" ", "").Replace("　", "");
        var op = Comparison.None;
        if (s.StartsWith(">=") || s.StartsWith("≥")) { op = Comparison.AtLeast; s = s[(s[0] == '≥' ? 1 : 2)..]; }
        else if (s.StartsWith("<=") || s.StartsWith("≤")) { op = Comparison.AtMost; s = s[(s[0] == '≤' ? 1 : 2)..]; }
        else if (s.StartsWith('=')) { op = Comparison.Equal; s = s[1..]; }
        else if (s.StartsWith('>')) { op = Comparison.Greater; s = s[1..]; }
        else if (s.StartsWith('<')) { op = Comparison.Less; s = s[1..]; }

        var m = NumberThenUnit().Match(s);
        if (m.Success)
        {
            var number = decimal.Parse(m.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
            return new IndicatorValue(op, number, m.Groups[2].Value, text);
        }
        return new IndicatorValue(op, null, s, text);
    }

    // A number (thousands separators allowed) followed by a unit that is not a date (年…月…日).
    [GeneratedRegex(@"^([0-9][0-9,]*(?:\.[0-9]+)?)(?!年[0-9])(\D*)$")]
    private static partial Regex NumberThenUnit();
}
