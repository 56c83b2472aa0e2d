using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;
using UglyToad.PdfPig.Writer;

namespace BudgetPortal.Web.Printing;

/// <summary>
/// What the printer reads from a PDF Chromium printed, and the document information it adds, through
/// PdfPig (docs/decisions/0016-pdf-with-libraries.md). Chromium writes the rest itself: the tagged
/// structure, /Lang from the page's lang, the outline from the headings and the 目录's named destinations.
/// The file is opened (its cross-reference table read) once for both.
/// </summary>
public sealed class PrintedPdfFile(byte[] pdf) : IDisposable
{
    private readonly PdfDocument _document = PdfDocument.Open(pdf);

    /// <summary>The file as Chromium printed it.</summary>
    public byte[] Content => pdf;

    public void Dispose() => _document.Dispose();

    /// <summary>The named destinations (the 目录's link targets: part-1, table-3, note-5 …) → 1-based page numbers.</summary>
    public IReadOnlyDictionary<string, int> TargetPages()
    {
        var scanner = _document.Structure.TokenScanner;
        var catalog = _document.Structure.Catalog.CatalogDictionary;
        var pageNumbers = new Dictionary<IndirectReference, int>();
        void Walk(IndirectReference node, int depth)
        {
            if (depth > 64) throw new FormatException("page tree too deep");
            var dictionary = DirectObjectFinder.Get<DictionaryToken>(node, scanner) ?? throw new FormatException($"page tree node {node} is missing");
            var kids = dictionary.TryGet(NameToken.Kids, scanner, out ArrayToken? list) ? list : null;
            if (kids is null) pageNumbers[node] = pageNumbers.Count + 1;
            else foreach (var kid in kids.Data.OfType<IndirectReferenceToken>()) Walk(kid.Data, depth + 1);
        }
        if (catalog.Data.GetValueOrDefault(NameToken.Pages.Data) is IndirectReferenceToken pages) Walk(pages.Data, 0);

        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!catalog.TryGet(NameToken.Dests, scanner, out DictionaryToken? dests)) return result;
        foreach (var (name, value) in dests.Data)
        {
            var destination = Resolve(value, scanner);
            if (destination is DictionaryToken d && d.Data.TryGetValue("D", out var inner)) destination = Resolve(inner, scanner);
            if (destination is ArrayToken { Data: [IndirectReferenceToken page, ..] } && pageNumbers.TryGetValue(page.Data, out var number))
                result[name] = number;
        }
        return result;
    }

    private static IToken Resolve(IToken token, IPdfTokenScanner scanner) =>
        token is IndirectReferenceToken r ? DirectObjectFinder.Get<IToken>(r.Data, scanner) ?? NullToken.Instance : token;

    /// <summary>
    /// The file with its document information (title, author = the department, subject, keywords,
    /// creation date) and the catalog's /PageMode (the bookmarks shown on opening) set, appended as one
    /// incremental update (ISO 32000-1 §7.5.6): Chromium's bytes stay as printed. The catalog's /Lang is
    /// Chromium's, from the print view's lang (DisclosurePdfTests reads it).
    /// </summary>
    /// <remarks>
    /// The update's frame (object headers, cross-reference section, trailer) is written here, the
    /// dictionaries by PdfPig's TokenWriter. Why not a library for the frame too: PDFsharp 6.2 can only
    /// rewrite the whole file, which for a tagged 23-page disclosure (≈ 3,000 objects, most of them
    /// structure elements) costs more than the print's whole budget (docs/benchmarks.md), where this
    /// append takes under a millisecond; and PdfPig's WriteCrossReferenceTable writes a trailer for a
    /// new file (its own /Size and a new /ID), wrong for an update.
    /// </remarks>
    public byte[] WithDocumentInfo(PrintedDocumentInfo info, DateTimeOffset at)
    {
        var structure = _document.Structure;
        var trailer = structure.Trailer;
        var date = new StringToken(PdfDate(at));
        var infoDictionary = (_document.Information.DocumentInformationDictionary ?? new DictionaryToken(new Dictionary<NameToken, IToken>()))
            .With("Title", new StringToken(info.Title))
            .With("Author", new StringToken(info.Department))
            .With("Subject", new StringToken(info.Subject))
            .With("Keywords", new StringToken(info.Keywords))
            .With("CreationDate", date)
            .With("ModDate", date);
        var infoReference = trailer.Info is IndirectReferenceToken existing ? existing.Data : new IndirectReference(trailer.Size, 0);
        var objects = new SortedDictionary<long, (IndirectReference Reference, IToken Token)>
        {
            [infoReference.ObjectNumber] = (infoReference, infoDictionary),
        };
        var catalog = structure.Catalog.CatalogDictionary;
        if (catalog.ContainsKey(NameToken.Outlines))
            objects[trailer.Root.ObjectNumber] = (trailer.Root, catalog.With("PageMode", NameToken.Create("UseOutlines")));

        using var output = new MemoryStream(pdf.Length + 8192);
        output.Write(pdf);
        if (pdf[^1] != '\n') output.WriteByte((byte)'\n');
        var offsets = new List<(IndirectReference Reference, long Offset)>();
        foreach (var (reference, token) in objects.Values)
        {
            offsets.Add((reference, output.Position));
            Write(output, $"{reference.ObjectNumber} {reference.Generation} obj\n");
            TokenWriter.Instance.WriteToken(token, output);
            Write(output, "\nendobj\n");
        }
        var xref = output.Position;
        var table = new StringBuilder("xref\n");
        foreach (var (reference, offset) in offsets)
            table.Append(CultureInfo.InvariantCulture, $"{reference.ObjectNumber} 1\n{offset:D10} {reference.Generation:D5} n \n");
        table.Append("trailer\n");
        Write(output, table.ToString());
        var newTrailer = new Dictionary<NameToken, IToken>
        {
            [NameToken.Size] = new NumericToken(Math.Max(trailer.Size, objects.Keys.Max() + 1)),
            [NameToken.Root] = new IndirectReferenceToken(trailer.Root),
            [NameToken.Info] = new IndirectReferenceToken(infoReference),
            [NameToken.Prev] = new NumericToken(structure.XrefOffset),
        };
        if (trailer.Identifier is { Count: > 0 } id) newTrailer[NameToken.Id] = new ArrayToken(id.Cast<IToken>().ToList());
        TokenWriter.Instance.WriteToken(new DictionaryToken(newTrailer), output);
        Write(output, string.Create(CultureInfo.InvariantCulture, $"\nstartxref\n{xref}\n%%EOF\n"));
        return output.ToArray();
    }

    /// <summary>A PDF date (ISO 32000-1 §7.9.4): D:YYYYMMDDHHmmSS+HH'mm'.</summary>
    private static string PdfDate(DateTimeOffset at) =>
        at.ToString("'D:'yyyyMMddHHmmss", CultureInfo.InvariantCulture) +
        (at.Offset < TimeSpan.Zero ? "-" : "+") + at.Offset.ToString("hh\\'mm\\'", CultureInfo.InvariantCulture);

    private static void Write(Stream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
