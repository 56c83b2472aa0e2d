using BudgetPortal.Web.Classification;
using BudgetPortal.Web.Departments;

namespace BudgetPortal.Web.Uploads;

/// <summary>What an upload endpoint receives; each has its own request size limit (<see cref="UploadLimits"/>).</summary>
public enum UploadKind
{
    /// <summary>工作台 → 上传 Excel: a disclosure's eleven tables.</summary>
    Workbook,
    /// <summary>工作台 → 导入已公开的文件: a PDF or its text.</summary>
    Import,
    /// <summary>部门管理: a list of departments.</summary>
    DepartmentList,
    /// <summary>分类科目目录: a year's catalog.</summary>
    Catalog,
}

/// <summary>Marks a page as an upload endpoint of a kind: its request may be as large as that kind allows.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadEndpointAttribute(UploadKind kind) : Attribute
{
    public UploadKind Kind { get; } = kind;
}

/// <summary>
/// Every limit on what a request or an uploaded file may cost, in one place (configuration section
/// <c>Uploads</c>, e.g. <c>Uploads__ImportBytes</c>; docs/security.md lists them). A request is limited
/// by Kestrel to <see cref="RequestBytes"/>; an upload endpoint (<see cref="UploadEndpointAttribute"/>)
/// raises that to its file's limit plus <see cref="FormOverheadBytes"/>, and a request announcing more
/// is answered 413 before its body is read. What a file unpacks to or makes an external program do is
/// limited too: an .xlsx's unpacked size, a PDF's page count, pdftotext's time and output.
/// </summary>
public sealed class UploadLimits
{
    public const string Section = "Uploads";

    /// <summary>Any request that is not an upload (a table form of 1,000 rows is well under 1 MB).</summary>
    public long RequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// A request over its limit by at most this much is read into nothing before the 413 is sent, so
    /// a browser (which sends the whole body first) shows the page; a larger one has its connection closed.
    /// </summary>
    public long DrainBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>The form fields and multipart framing sent beside the file.</summary>
    public long FormOverheadBytes { get; set; } = 64 * 1024;

    public long WorkbookBytes { get; set; } = 5 * 1024 * 1024;
    public long ImportBytes { get; set; } = 20 * 1024 * 1024;
    public long DepartmentListBytes { get; set; } = DepartmentListFile.MaxBytes;
    /// <summary>A catalog's preview posts the file's rows back on 确认导入, so its form is larger than the file.</summary>
    public long CatalogBytes { get; set; } = CatalogFile.MaxBytes + 2 * 1024 * 1024;

    /// <summary>What an .xlsx may unpack to (all its zip entries, declared and as actually read).</summary>
    public long UnpackedBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Pages of a PDF to import (a disclosure has 20–60; pdfinfo says before pdftotext runs).</summary>
    public int PdfPages { get; set; } = 300;

    /// <summary>pdftotext (and pdfinfo) is stopped after this long.</summary>
    public int PdfSeconds { get; set; } = 20;

    /// <summary>Characters of text a PDF may yield (a 60-page disclosure is about 150,000).</summary>
    public int PdfTextChars { get; set; } = 5_000_000;

    /// <summary>The request size allowed for an upload endpoint of this kind.</summary>
    public long RequestBytesFor(UploadKind kind) => FormOverheadBytes + kind switch
    {
        UploadKind.Workbook => WorkbookBytes,
        UploadKind.Import => ImportBytes,
        UploadKind.DepartmentList => DepartmentListBytes,
        UploadKind.Catalog => CatalogBytes,
        _ => 0,
    };

    /// <summary>The largest request of any kind: Kestrel's own ceiling.</summary>
    public long LargestRequestBytes =>
        Math.Max(RequestBytes, Enum.GetValues<UploadKind>().Max(RequestBytesFor));

    public static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";
}
