namespace BudgetPortal.Domain.Import;

/// <summary>`pdftotext -layout` output: text placed in columns by spaces, pages separated by form feeds.</summary>
public static class LayoutText
{
    public static bool IsLayout(string text) => false;

    public static IReadOnlyList<SourceLine> Lines(string text) => SourceText.Lines(text);
}
