namespace BudgetPortal.Data.Jobs;

/// <summary>What a job makes for a published version (its result is stored once, keyed by the version and the kind).</summary>
public enum JobKind
{
    /// <summary>The official PDF and its eleven table PDFs (disclosure_pdfs).</summary>
    PrintPdfs,
    /// <summary>The tables' CSV, the 预算明细 CSV and the workbook (published_files); then the department's pages are warmed.</summary>
    StoreFiles,
    /// <summary>The version's share of its year's zip (year_package_parts); after the print, so that it finds the PDF's CRC-32 to keep.</summary>
    YearPackagePart,
}

/// <summary>
/// Work a published version needs done once, by whichever portal node is free (issue 15): a row
/// added in the transaction that publishes (<see cref="BudgetDbContext"/>'s SaveChanges), taken by a
/// node for a lease (<see cref="JobQueue"/>), done when its result is stored — in the same transaction
/// that stores it, so the result exists exactly once. A node that dies while working stops renewing
/// its lease; when the lease runs out another node takes the job again.
/// </summary>
public sealed class Job
{
    /// <summary>The longest error message kept.</summary>
    public const int MaxErrorLength = 2000;
    public const int MaxNodeLength = 200;

    public long Id { get; private set; }
    public JobKind Kind { get; private set; }
    /// <summary>The published version (a version is one disclosure row).</summary>
    public int DisclosureId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Not taken by a runner before this (a failed job waits before its next attempt).</summary>
    public DateTimeOffset RunAfter { get; private set; }
    /// <summary>How many times a node took it.</summary>
    public int Attempts { get; private set; }
    /// <summary>The node working on it, while its lease runs.</summary>
    public string? TakenBy { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public string? LastError { get; private set; }

    private Job() { }

    public static Job For(JobKind kind, int disclosureId)
    {
        var now = DateTimeOffset.UtcNow;
        return new Job { Kind = kind, DisclosureId = disclosureId, CreatedAt = now, RunAfter = now };
    }

    /// <summary>
    /// The kinds every published version gets, in the order a runner takes them (the files take a
    /// fraction of a second, the prints seconds: the downloads and the warmed pages come first; the
    /// year zip's part last, so that it finds the PDF's CRC-32 to keep).
    /// </summary>
    public static readonly JobKind[] AtPublication = [JobKind.StoreFiles, JobKind.PrintPdfs, JobKind.YearPackagePart];

    /// <summary>The table a kind's result is stored in, by disclosure_id: a version with a row there needs no job of that kind.</summary>
    public static string ResultTable(JobKind kind) => kind switch
    {
        JobKind.PrintPdfs => "disclosure_pdfs",
        JobKind.StoreFiles => "published_files",
        JobKind.YearPackagePart => "year_package_parts",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a job kind without a result table"),
    };
}
