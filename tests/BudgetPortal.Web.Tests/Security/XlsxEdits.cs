using System.IO.Compression;
using System.Text.RegularExpressions;

namespace BudgetPortal.Web.Tests.Security;

/// <summary>A downloaded disclosure workbook changed the way an attacker or a broken tool would change it.</summary>
public static partial class XlsxEdits
{
    /// <summary>The part of a named sheet (workbook.xml names it, its relationship gives the file).</summary>
    public static string SheetPath(byte[] xlsx, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var workbook = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open()).ReadToEnd();
        var id = Regex.Match(workbook, $"name=\"{name}\"[^>]*r:id=\"([^\"]+)\"|r:id=\"([^\"]+)\"[^>]*name=\"{name}\"");
        var rid = id.Groups[1].Success ? id.Groups[1].Value : id.Groups[2].Value;
        var rels = new StreamReader(zip.GetEntry("xl/_rels/workbook.xml.rels")!.Open()).ReadToEnd();
        var target = Regex.Match(rels, $"Target=\"([^\"]+)\"[^>]*Id=\"{rid}\"|Id=\"{rid}\"[^>]*Target=\"([^\"]+)\"");
        var path = (target.Groups[1].Success ? target.Groups[1].Value : target.Groups[2].Value).TrimStart('/');
        return path.StartsWith("xl/", StringComparison.Ordinal) ? path : "xl/" + path;
    }

    /// <summary>The workbook with one sheet's XML rewritten.</summary>
    public static byte[] EditSheet(byte[] xlsx, string sheetName, Func<string, string> edit)
    {
        var sheet = SheetPath(xlsx, sheetName);
        var copy = new MemoryStream();
        copy.Write(xlsx);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(sheet)!;
            string xml;
            using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
            var changed = edit(xml);
            Assert.NotEqual(xml, changed);
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(sheet).Open());
            writer.Write(changed);
        }
        return copy.ToArray();
    }

    /// <summary>The first amount cell of the sheet (a number, style 3) holds <paramref name="value"/>; its reference.</summary>
    public static (byte[] Bytes, int Row, string Column) WithAmount(byte[] xlsx, string sheetName, string value)
    {
        int row = 0; var column = "";
        var bytes = EditSheet(xlsx, sheetName, xml =>
        {
            var cell = AmountCell().Match(xml);
            Assert.True(cell.Success, "no amount cell in " + sheetName);
            column = cell.Groups["col"].Value;
            row = int.Parse(cell.Groups["row"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var v = cell.Groups["value"];
            return xml[..v.Index] + value + xml[(v.Index + v.Length)..];
        });
        return (bytes, row, column);
    }

    /// <summary>The first cell of the sheet given another reference (B, 6B, B99999999999).</summary>
    public static byte[] WithReference(byte[] xlsx, string sheetName, string reference) =>
        EditSheet(xlsx, sheetName, xml => FirstReference().Replace(xml, $"<${{p}}c r=\"{reference}\"", 1));

    /// <summary>The workbook with an extra part of <paramref name="bytes"/> zeros: a few hundred KB that unpack to that much.</summary>
    public static byte[] WithUnpackedBulk(byte[] xlsx, long bytes)
    {
        var copy = new MemoryStream();
        copy.Write(xlsx);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/media/bulk.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written < bytes; written += zeros.Length) entry.Write(zeros);
        }
        return copy.ToArray();
    }

    [GeneratedRegex("<(?:x:)?c r=\"(?<col>[A-Z]+)(?<row>[0-9]+)\" s=\"3\"(?: t=\"n\")?><(?:x:)?v>(?<value>[^<]*)<")]
    private static partial Regex AmountCell();

    [GeneratedRegex("<(?<p>x:)?c r=\"[A-Z]+[0-9]+\"")]
    private static partial Regex FirstReference();
}
