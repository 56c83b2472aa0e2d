namespace BudgetPortal.Domain.Disclosures;

/// <summary>The closing lines: the department's name and the date, the date line as printed.</summary>
public sealed class SignOff
{
    public string Name { get; set; } = "";
    public DateOnly Date { get; set; }
    public string Text { get; set; } = "";

    public SignOff Copy() => new() { Name = Name, Date = Date, Text = Text };

    public static string FormatDate(DateOnly date) => $"{date.Year} 年 {date.Month} 月 {date.Day} 日";
}
