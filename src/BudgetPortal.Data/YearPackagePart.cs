namespace BudgetPortal.Data;

/// <summary>
/// A published version's share of its year's zip (/downloads/{year}.zip), made once after publication
/// by a job and kept (issue 15), so that a zip request only copies stored bytes: the version's amount
/// lines for budget-lines.csv and its resources for datapackage.json, each a piece of a DEFLATE stream
/// that the year's file is laid together from (compressed on its own, ending in a sync flush, with the
/// CRC-32 and length of its own text); the folder its files go in; and the CRC-32 of its official PDF
/// when that was printed first. Its tables' and 预算明细's files are the version's published_files,
/// copied as they are; its PDF is disclosure_pdfs' whole document. Rows are never changed or deleted
/// (database trigger): a correction is a new version with its own part.
/// </summary>
public sealed class YearPackagePart
{
    public int DisclosureId { get; private set; }
    public int DepartmentId { get; private set; }
    public int FiscalYear { get; private set; }
    /// <summary>
    /// The department's folder in the year's zip: its published name, with its code added when another
    /// department of the year had that folder first (so a newcomer never renames an older folder).
    /// </summary>
    public string Folder { get; private set; } = "";
    /// <summary>budget-lines.csv's lines of this version (no header), as a DEFLATE piece.</summary>
    public byte[] Lines { get; private set; } = [];
    public long LinesLength { get; private set; }
    public long LinesCrc32 { get; private set; }
    /// <summary>datapackage.json's resources of this version's tables and 预算明细, each line starting with a comma, as a DEFLATE piece.</summary>
    public byte[] Resources { get; private set; } = [];
    public long ResourcesLength { get; private set; }
    public long ResourcesCrc32 { get; private set; }
    /// <summary>The resource of its official PDF, the same way; used once the PDF is stored.</summary>
    public byte[] PdfResource { get; private set; } = [];
    public long PdfResourceLength { get; private set; }
    public long PdfResourceCrc32 { get; private set; }
    /// <summary>Its official PDF's name in the folder (部门2025年部门预算公开.pdf, the version's published name).</summary>
    public string PdfName { get; private set; } = "";
    /// <summary>The whole-document PDF's CRC-32, if it was stored when the part was made (else computed when the zip is written).</summary>
    public long? PdfCrc32 { get; private set; }
    public DateTimeOffset MadeAt { get; private set; }

    private YearPackagePart() { }

    public YearPackagePart(int disclosureId, int departmentId, int fiscalYear, string folder, string pdfName,
        (byte[] Body, uint Crc32, long Length) lines, (byte[] Body, uint Crc32, long Length) resources,
        (byte[] Body, uint Crc32, long Length) pdfResource, uint? pdfCrc32, DateTimeOffset madeAt)
    {
        DisclosureId = disclosureId;
        DepartmentId = departmentId;
        FiscalYear = fiscalYear;
        Folder = folder;
        PdfName = pdfName;
        (Lines, LinesCrc32, LinesLength) = lines;
        (Resources, ResourcesCrc32, ResourcesLength) = resources;
        (PdfResource, PdfResourceCrc32, PdfResourceLength) = pdfResource;
        PdfCrc32 = pdfCrc32;
        MadeAt = madeAt;
    }
}
