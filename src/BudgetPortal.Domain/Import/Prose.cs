using System.Globalization;
using System.Text.RegularExpressions;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// Rejoins wrapped lines into paragraphs as docs/disclosure-format.md asks: the halves of a wrapped
/// line are joined with nothing between them; a paragraph ends with 。 or ： at a line end, or
/// before a line that opens a list item （一） 1、 1. or a labelled line of 说明七.
/// </summary>
public static partial class Prose
{
    /// <summary>
    /// Lines into paragraphs. When the text kept indentation (a paragraph's first line indented, as
    /// print sets it), a paragraph starts at an indented line and only there, wherever the lines were
    /// broken — after a 。 or a ： too, and not at a wrapped line that happens to start like a list item
    /// (`3、临时购买…` inside 说明七's 资金分配情况); else by the line ends (<see cref="Paragraphs(IEnumerable{string})"/>).
    /// </summary>
    public static List<string> Paragraphs(IEnumerable<SourceLine> lines)
    {
        var list = lines.ToList();
        if (!list.Any(l => l.Indented)) return Paragraphs(list.Select(l => l.Text));
        var result = new List<string>();
        var current = "";
        foreach (var l in list)
        {
            var line = l.Text.Trim();
            if (line.Length == 0) continue;
            if (current.Length > 0 && l.Indented)
            {
                result.Add(current);
                current = "";
            }
            current += line;
        }
        if (current.Length > 0) result.Add(current);
        return result;
    }

    /// <summary>
    /// Text as the sentence patterns read it, character for character (the same length, so positions
    /// carry over): the punctuation Chinese text prints either way in the width the patterns use
    /// (`,` `:` `;` `(` `)` full-width, `％` half-width).
    /// </summary>
    public static string Normalise(string s) => string.Create(s.Length, s, (span, text) =>
    {
        for (var i = 0; i < text.Length; i++)
            span[i] = text[i] is '％' or '%' ? '%'
                // A thousands separator stays: 3,287.52.
                : text[i] == ',' && i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]) ? ','
                : DocumentComparison.FullWidth(text[i]);
    });

    /// <summary>Spaces that extraction put inside a number (`3570 .91`, `7. 95`) taken out.</summary>
    public static string JoinNumbers(string s) => SpacedNumber().Replace(s, "");

    public static List<string> Paragraphs(IEnumerable<string> lines)
    {
        var result = new List<string>();
        var current = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (current.Length > 0 && StartsParagraph(line))
            {
                result.Add(current);
                current = "";
            }
            current += line;
            if (EndsParagraph(line))
            {
                result.Add(current);
                current = "";
            }
        }
        if (current.Length > 0) result.Add(current);
        return result;
    }

    /// <summary>A line ending in 。 ends its paragraph, and one ending in ： (a list follows), except the
    /// “…（项）：” of 说明五(三) whose sentence runs on.</summary>
    public static bool EndsParagraph(string line) => line.EndsWith('。') || (line.EndsWith('：') && !line.EndsWith("（项）：", StringComparison.Ordinal));

    public static bool StartsParagraph(string line) => ParagraphStart().IsMatch(line);

    /// <summary>A printed amount: 179.66, 308.101, 3,287.52; null if the text is not one.</summary>
    public static decimal? Amount(string s)
    {
        s = s.Replace(",", "").Replace(" ", "");
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    public static bool IsAmount(string s) => AmountToken().IsMatch(s);

    [GeneratedRegex(@"^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[、．.](?!\d)|设立的政策依据：|预算安排规模：|项目承担单位：|资金分配情况：|资金执行时间：)")]
    private static partial Regex ParagraphStart();

    [GeneratedRegex(@"(?<=\d)\s+(?=\.\d)|(?<=\d\.)\s+(?=\d)")]
    private static partial Regex SpacedNumber();

    [GeneratedRegex(@"^-?\d[\d,]*\.\d+$")]
    private static partial Regex AmountToken();
}
