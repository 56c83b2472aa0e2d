using System.Globalization;

namespace BudgetPortal.Domain.Tables;

/// <summary>Where an amount is written, which decides how a zero looks (domain spec §6).</summary>
public enum AmountStyle
{
    /// <summary>A cell of a budget table or a grid of them: a zero is an empty cell, never 0.00.</summary>
    Cell,
    /// <summary>A figure in running text or standing alone (the notes, the performance sheets, a summary): 0.00.</summary>
    Figure,
}

/// <summary>
/// The one way an amount in 万元 is written: two decimals, rounded half up (1.005 → 1.01), no
/// thousands separator; a zero as its <see cref="AmountStyle"/> says. A missing amount is empty.
/// </summary>
public static class Amounts
{
    /// <summary>Round half up to two decimals: 1.005 → 1.01 (never banker's rounding).</summary>
    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static string Format(decimal? amount, AmountStyle style = AmountStyle.Cell) => amount switch
    {
        null => "",
        0m when style == AmountStyle.Cell => "",
        { } value => Round(value).ToString("0.00", CultureInfo.InvariantCulture),
    };

    /// <summary>A change with its sign (+12.00, −3.50, with the minus sign U+2212); a zero change, which has no sign, as the style says (0.00 or empty).</summary>
    public static string Change(decimal? change, AmountStyle style = AmountStyle.Cell) => change switch
    {
        null => "",
        0m when style == AmountStyle.Cell => "",
        { } value when Round(value) == 0m => "0.00",
        { } value => (value >= 0 ? "+" : "−") + Format(Math.Abs(value), AmountStyle.Figure),
    };
}
