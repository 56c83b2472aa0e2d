namespace BudgetPortal.Domain.Glossary;

/// <summary>A definition of 第四部分 名词解释: standard text per fiscal year (2024 and 2025 differ in 七).</summary>
public sealed class GlossaryEntry
{
    private GlossaryEntry() { Numeral = ""; Term = ""; Text = ""; }

    public GlossaryEntry(int year, int ordinal, string numeral, string term, string text)
    {
        Year = year;
        Ordinal = ordinal;
        Numeral = numeral;
        Term = term;
        Text = text;
    }

    public int Id { get; private set; }
    public int Year { get; private set; }
    public int Ordinal { get; private set; }
    /// <summary>一, 二, … as printed.</summary>
    public string Numeral { get; private set; }
    public string Term { get; private set; }
    public string Text { get; private set; }
}
