using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Glossary;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Disclosures;

/// <summary>
/// The four parts of a disclosure and its sign-off (Pages/Shared/_DisclosureParts.cshtml), the same on
/// the public page, the workspace's preview and the print view the PDF is made from. What differs is a
/// parameter: <see cref="DownloadBase"/>, where each table's downloads are (null in print and preview), and
/// <see cref="Lines"/>, the 预算明细 of a line-based disclosure, shown after 第二部分 on the public page only.
/// </summary>
public sealed record DisclosureParts(
    Disclosure Disclosure,
    IReadOnlyList<PrintedTable> Tables,
    IReadOnlyList<GlossaryEntry> Glossary,
    string? DownloadBase = null,
    BudgetLinesView? Lines = null)
{
    public string Department => Disclosure.DepartmentName;
    public int Year => Disclosure.FiscalYear;

    /// <summary>The 目录 lines of 第三部分: each section (not the sub-sections) with its anchor and its numbered title.</summary>
    public IEnumerable<(string Anchor, string Text)> NoteEntries => Disclosure.Notes.Where(n => !n.IsSubSection)
        .Select(n => (NoteAnchor(n.Key), $"{NoteKeys.Numeral(int.Parse(n.Key))}、 {NoteKeys.Title(n.Key, Department, Year)}"));

    public static string NoteAnchor(string key) => "note-" + key.Replace('.', '-');
}
