using UglyToad.PdfPig;
using UglyToad.PdfPig.Actions;
using UglyToad.PdfPig.Annotations;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace BudgetPortal.Web.Tests.Infrastructure;

/// <summary>A bookmark of the PDF's outline: its title (white space as plain spaces), page and children.</summary>
public sealed record Bookmark(string Title, int Page, IReadOnlyList<Bookmark> Children);

/// <summary>A line of text on a page: its letters left to right, its baseline and where its text starts and ends (points from the bottom left).</summary>
public sealed record TextLine(string Text, double Baseline, double Left, double Right);

/// <summary>An entry of the 目录: the name of the destination its link leads to, and its lines top to bottom.</summary>
public sealed record ContentsEntry(string Target, IReadOnlyList<TextLine> Lines);

/// <summary>A font a page uses, as an archive checks it: its PDF type, embedded, a subset, mapped to Unicode.</summary>
public sealed record PdfFont(string Name, string Type, bool Embedded, bool Subset, bool ToUnicode);

/// <summary>
/// A PDF read back with PdfPig, as a viewer, a screen reader or an archive would — independently of
/// the printer, which reads only its named destinations (Printing/PrintedPdfFile): here the 目录's
/// targets are the pages its links lead to, as PdfPig resolves them.
/// </summary>
public static class PdfPigReader
{
    public static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>The document information dictionary (Title, Author, Subject, Keywords, CreationDate …).</summary>
    public static DocumentInformation Information(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.Information;
    }

    /// <summary>Each page's text as PdfPig extracts it (letters in content order).</summary>
    public static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => p.Text).ToList();
    }

    /// <summary>Each page's width × height in points.</summary>
    public static IReadOnlyList<(double Width, double Height)> PageSizes(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => (p.Width, p.Height)).ToList();
    }

    /// <summary>
    /// Where the links of the 目录 lead: the name of each link's destination (part-1, table-3 …) and
    /// the 1-based page PdfPig resolves it to. The 目录 is the page with the most named links.
    /// </summary>
    public static IReadOnlyDictionary<string, int> ContentsTargets(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var links = document.GetPages()
            .Select(p => p.GetAnnotations()
                .Where(a => a.Type == AnnotationType.Link && a.AnnotationDictionary.Data.GetValueOrDefault("Dest") is NameToken or StringToken)
                .ToList())
            .MaxBy(l => l.Count) ?? [];
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            var name = link.AnnotationDictionary.Data["Dest"] switch { NameToken n => n.Data, StringToken s => s.Data, var t => t.ToString()! };
            Assert.True(link.Action is AbstractGoToAction { Destination: not null }, $"the 目录's link to {name} leads nowhere");
            targets[name] = ((AbstractGoToAction)link.Action!).Destination.PageNumber;
        }
        return targets;
    }

    /// <summary>
    /// The 目录's entries as laid out: for each link of the 目录 page (the page with the most named links),
    /// the letters inside its rectangles grouped into lines by baseline, top to bottom. The dot leaders
    /// are drawn, not written, so a line holds the title's text and, on its last line, the page number.
    /// </summary>
    public static IReadOnlyList<ContentsEntry> ContentsEntries(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var page = document.GetPages()
            .MaxBy(p => p.GetAnnotations().Count(a => a.Type == AnnotationType.Link && a.AnnotationDictionary.Data.ContainsKey("Dest")))!;
        var links = page.GetAnnotations()
            .Where(a => a.Type == AnnotationType.Link && a.AnnotationDictionary.Data.GetValueOrDefault("Dest") is NameToken or StringToken)
            .GroupBy(a => a.AnnotationDictionary.Data["Dest"] switch { NameToken n => n.Data, StringToken s => s.Data, var t => t.ToString()! });
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var entries = new List<ContentsEntry>();
        foreach (var link in links)
        {
            // A letter belongs to the link whose rectangle holds its centre.
            var inside = letters.Where(l => link.Any(a =>
            {
                var (x, y) = ((l.BoundingBox.Left + l.BoundingBox.Right) / 2, (l.BoundingBox.Bottom + l.BoundingBox.Top) / 2);
                return a.Rectangle.Left <= x && x <= a.Rectangle.Right && a.Rectangle.Bottom <= y && y <= a.Rectangle.Top;
            })).ToList();
            var lines = new List<List<Letter>>();
            foreach (var letter in inside.OrderByDescending(l => l.StartBaseLine.Y))
            {
                if (lines.Count > 0 && Math.Abs(lines[^1][0].StartBaseLine.Y - letter.StartBaseLine.Y) < 2) lines[^1].Add(letter);
                else lines.Add([letter]);
            }
            entries.Add(new ContentsEntry(link.Key, lines.Select(l => l.OrderBy(c => c.BoundingBox.Left).ToList())
                // The edges of the letters' advances, as text is aligned (a glyph's own box differs from digit to digit).
                .Select(l => new TextLine(string.Concat(l.Select(c => c.Value)), l[0].StartBaseLine.Y, l[0].StartBaseLine.X, l.Max(c => c.EndBaseLine.X)))
                .ToList()));
        }
        return entries;
    }

    /// <summary>The outline (bookmarks), or an empty list when the PDF has none.</summary>
    public static IReadOnlyList<Bookmark> Outline(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        if (!document.TryGetBookmarks(out var bookmarks)) return [];
        static Bookmark Convert(BookmarkNode node) => new(
            string.Join(' ', node.Title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
            node is DocumentBookmarkNode d ? d.PageNumber : 0,
            node.Children.Select(Convert).ToList());
        return bookmarks.Roots.Select(Convert).ToList();
    }

    /// <summary>Whether the catalog marks the file as tagged (/MarkInfo /Marked true), has a structure tree, and its /Lang.</summary>
    public static (bool Marked, bool StructureTree, string? Language, string? PageMode) Tagging(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var scanner = document.Structure.TokenScanner;
        var catalog = document.Structure.Catalog.CatalogDictionary;
        var marked = catalog.TryGet(NameToken.Create("MarkInfo"), scanner, out DictionaryToken? markInfo)
            && markInfo.TryGet(NameToken.Create("Marked"), scanner, out BooleanToken? flag) && flag.Data;
        var tree = catalog.TryGet(NameToken.Create("StructTreeRoot"), scanner, out DictionaryToken? root)
            && root.ContainsKey(NameToken.Create("K"));
        var language = catalog.TryGet(NameToken.Create("Lang"), scanner, out StringToken? lang) ? lang.Data : null;
        var mode = catalog.TryGet(NameToken.Create("PageMode"), scanner, out NameToken? pageMode) ? pageMode.Data : null;
        return (marked, tree, language, mode);
    }

    /// <summary>The fonts of every page's resources (a composite font described by its descendant).</summary>
    public static IReadOnlyList<PdfFont> Fonts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var scanner = document.Structure.TokenScanner;
        var fonts = new Dictionary<string, PdfFont>();
        foreach (var page in document.GetPages())
        {
            if (!page.Dictionary.TryGet(NameToken.Resources, scanner, out DictionaryToken? resources)
                || !resources.TryGet(NameToken.Font, scanner, out DictionaryToken? pageFonts)) continue;
            foreach (var value in pageFonts.Data.Values)
            {
                var font = Resolve<DictionaryToken>(value, scanner);
                var name = font.TryGet(NameToken.BaseFont, scanner, out NameToken? baseFont) ? baseFont.Data : "";
                var type = font.TryGet(NameToken.Subtype, scanner, out NameToken? subtype) ? subtype.Data : "";
                var described = font;
                if (type == "Type0" && font.TryGet(NameToken.DescendantFonts, scanner, out ArrayToken? descendants))
                {
                    described = Resolve<DictionaryToken>(descendants.Data[0], scanner);
                    type += "/" + (described.TryGet(NameToken.Subtype, scanner, out NameToken? cid) ? cid.Data : "");
                }
                var embedded = described.TryGet(NameToken.FontDescriptor, scanner, out DictionaryToken? descriptor)
                    && (descriptor.ContainsKey(NameToken.FontFile) || descriptor.ContainsKey(NameToken.FontFile2) || descriptor.ContainsKey(NameToken.FontFile3));
                fonts[name + type] = new PdfFont(name, type, embedded,
                    name.Length > 7 && name[6] == '+' && name[..6].All(char.IsAsciiLetterUpper), font.ContainsKey(NameToken.ToUnicode));
            }
        }
        return fonts.Values.ToList();
    }

    private static T Resolve<T>(IToken token, IPdfTokenScanner scanner) where T : class, IToken =>
        DirectObjectFinder.Get<T>(token, scanner) ?? throw new InvalidOperationException($"{token} is not a {typeof(T).Name}");
}
