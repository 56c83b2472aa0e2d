using System.Text.RegularExpressions;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// A line of the extracted text: its number in the source (for the report), the text with the
/// extraction's residue removed (markdown `- ` and `**`, stray `*` before numbers, leading and
/// trailing spaces), and its cells when the extraction kept them tab-separated (seed 001).
/// </summary>
public sealed record SourceLine(int Number, string Text, IReadOnlyList<string>? Cells)
{
    public bool Tabbed => Cells is not null;
    public override string ToString() => $"{Number}: {Text}";
}

/// <summary>Splits extracted text into cleaned lines; blank lines and page breaks are dropped.</summary>
public static partial class SourceText
{
    public static IReadOnlyList<SourceLine> Lines(string text)
    {
        var result = new List<SourceLine>();
        var raw = text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\f', '\n').Split('\n');
        for (var i = 0; i < raw.Length; i++)
        {
            var line = raw[i];
            if (line.Contains('\t'))
            {
                var cells = line.Split('\t').Select(Clean).ToList();
                if (cells.All(c => c.Length == 0)) continue;
                result.Add(new SourceLine(i + 1, string.Join(' ', cells.Where(c => c.Length > 0)), cells));
                continue;
            }
            var clean = Clean(line);
            if (clean.Length == 0) continue;
            result.Add(new SourceLine(i + 1, clean, null));
        }
        return result;
    }

    /// <summary>Removes markdown residue and the stray `*` extraction puts before a number.</summary>
    public static string Clean(string s)
    {
        s = s.Trim();
        if (s.StartsWith("- ", StringComparison.Ordinal)) s = s[2..].TrimStart();
        s = s.Replace("**", "");
        s = StrayStar().Replace(s, "$1");
        return s.Trim();
    }

    /// <summary>A page number on a line of its own.</summary>
    public static bool IsPageNumber(string s) => PageNumber().IsMatch(s);

    [GeneratedRegex(@"(^|\s)\*(?=\d)")]
    private static partial Regex StrayStar();

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex PageNumber();
}
