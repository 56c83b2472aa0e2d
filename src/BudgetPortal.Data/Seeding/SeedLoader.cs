using System.Text.Json;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Glossary;
using BudgetPortal.Domain.Lines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BudgetPortal.Data.Seeding;

/// <summary>
/// Loads the reference data (classification catalogs, glossary) and the seed disclosures from the
/// seeds folder, each only if absent, so it is safe on every start. Each file is one transaction.
/// </summary>
public sealed class SeedLoader(BudgetDbContext db, ILogger<SeedLoader> log)
{
    public async Task LoadAsync(string seedsPath, CancellationToken ct = default)
    {
        if (!Directory.Exists(seedsPath))
            throw new DirectoryNotFoundException($"找不到种子数据目录：{seedsPath}");
        await LoadClassificationAsync(Path.Combine(seedsPath, "classification"), ct);
        await LoadGlossaryAsync(Path.Combine(seedsPath, "glossary"), ct);
        foreach (var file in Directory.GetFiles(Path.Combine(seedsPath, "disclosures"), "*.json").Order(StringComparer.Ordinal))
            await LoadDisclosureAsync(file, ct);
    }

    /// <summary>Files named {functional|economic}-{year}.tsv with a header line `code name`.</summary>
    public async Task LoadClassificationAsync(string folder, CancellationToken ct = default)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.GetFiles(folder, "*.tsv").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(file).Split('-');
            if (stem.Length != 2 || !int.TryParse(stem[1], out var year) ||
                !Enum.TryParse<ClassificationScheme>(stem[0], ignoreCase: true, out var scheme))
                throw new DomainException($"分类文件名“{Path.GetFileName(file)}”无效：应为 functional-年度.tsv 或 economic-年度.tsv。");
            if (await db.ClassificationCodes.AnyAsync(c => c.Scheme == scheme && c.Year == year, ct)) continue;

            var codes = new List<ClassificationCode>();
            var lines = await File.ReadAllLinesAsync(file, ct);
            for (var i = 1; i < lines.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i])) continue;
                var parts = lines[i].Split('\t');
                if (parts.Length != 2)
                    throw new DomainException($"{Path.GetFileName(file)} 第 {i + 1} 行：应为“编码<Tab>名称”。");
                codes.Add(new ClassificationCode(scheme, year, parts[0].Trim(), parts[1].Trim()));
            }
            db.ClassificationCodes.AddRange(codes);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Loaded {Count} {Scheme} codes for {Year}", codes.Count, scheme, year);
        }
    }

    public async Task LoadGlossaryAsync(string folder, CancellationToken ct = default)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var doc = JsonSerializer.Deserialize<GlossaryFile>(await File.ReadAllTextAsync(file, ct), DisclosureDocument.JsonOptions)
                      ?? throw new DomainException($"名词解释文件 {Path.GetFileName(file)} 为空。");
            if (await db.GlossaryEntries.AnyAsync(g => g.Year == doc.Year, ct)) continue;
            db.GlossaryEntries.AddRange(doc.Entries.Select((e, i) => new GlossaryEntry(doc.Year, i + 1, e.Number, e.Term, e.Text)));
            await db.SaveChangesAsync(ct);
            log.LogInformation("Loaded glossary {Year} ({Count} entries)", doc.Year, doc.Entries.Count);
        }
    }

    /// <summary>Loads one disclosure file as a published version 1, unless the department already has that year.</summary>
    public async Task<bool> LoadDisclosureAsync(string file, CancellationToken ct = default)
    {
        var doc = DisclosureDocument.Parse(await File.ReadAllTextAsync(file, ct));
        if (await db.Disclosures.AnyAsync(d => d.Department.Code == doc.Department.Code && d.FiscalYear == doc.FiscalYear, ct))
            return false;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Code == doc.Department.Code, ct);
        if (department is null)
        {
            department = new Department(doc.Department.Code, doc.Department.Name);
            db.Departments.Add(department);
        }
        var disclosure = new Disclosure(department, doc.FiscalYear);
        doc.ApplyTo(disclosure, (await db.YearCatalogsAsync(doc.FiscalYear, ct)).Functional);
        if (LinesFile(file) is { } lines) await KeepAsLinesAsync(disclosure, lines, ct);
        db.Disclosures.Add(disclosure);
        await db.SaveChangesAsync(ct);

        // Published on its sign-off date (China Standard Time): that is the date the document bears.
        var publishedAt = new DateTimeOffset(doc.SignOff.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        disclosure.Publish(publishedAt, ConsistencyChecks.Run(disclosure));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Loaded seed disclosure {Code} {Year} from {File}", doc.Department.Code, doc.FiscalYear, Path.GetFileName(file));
        return true;
    }

    /// <summary>
    /// The seed's budget lines, seeds/lines/NNN_*.csv beside disclosures/NNN_*.json (issue 12), or null when
    /// the seed is kept as its tables only.
    /// </summary>
    public static string? LinesFile(string disclosureFile)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(disclosureFile)))!, "lines");
        var number = Path.GetFileNameWithoutExtension(disclosureFile).Split('_')[0];
        if (!Directory.Exists(folder)) return null;
        var files = Directory.GetFiles(folder, $"{number}_*.csv");
        return files.Length switch
        {
            0 => null,
            1 => files[0],
            _ => throw new DomainException($"种子 {number} 有 {files.Length} 个预算明细文件（{string.Join("、", files.Select(Path.GetFileName))}），应只有一个。"),
        };
    }

    /// <summary>
    /// Makes the seed line-based when its lines (read as the line template is) give back every transcribed
    /// figure: the derived tables replace the transcribed ones, equal to them cell by cell. A lines file that
    /// cannot be read, or names a code outside the year's catalogs, is refused. Lines that do not give back
    /// every figure — a published document whose printed sums are not the sums of their printed parts
    /// (rounding gaps, which no lines can produce) — leave the seed as published, its tables as transcribed:
    /// a published figure is never changed to make it derivable. The cells are logged.
    /// </summary>
    private async Task KeepAsLinesAsync(Disclosure disclosure, string linesFile, CancellationToken ct)
    {
        var name = Path.GetFileName(linesFile);
        var grid = Csv.Grid(Csv.Parse(await File.ReadAllTextAsync(linesFile, ct), LineSheet.MaxLines + LineSheet.HeaderSearchRows, LineSheet.MaxCellLength));
        var read = LineSheet.Read(grid);
        if (!read.IsValid)
            throw new DomainException($"{name} 不能读取：{string.Join(" ", read.Errors.Take(20))}");
        var catalogs = await db.YearCatalogsAsync(disclosure.FiscalYear, ct);
        foreach (var line in read.Lines)
            if (catalogs.Functional.NameOf(line.FunctionalCode) is null || catalogs.Economic.NameOf(line.EconomicCode) is null)
                throw new DomainException($"{name}：明细“{line}”的科目不在 {disclosure.FiscalYear} 年的分类目录中。");
        var derived = LineDerivation.Derive(read.Lines, disclosure.FiscalYear, catalogs, disclosure.DepartmentName);
        var differences = LineSplit.Compare(disclosure.Tables, derived, disclosure.FiscalYear);
        if (differences.Count > 0)
        {
            log.LogWarning("Seed disclosure {Code} {Year} kept as its published tables: its lines in {File} do not give {Count} printed figures ({Cells})",
                disclosure.Department.Code, disclosure.FiscalYear, name, differences.Count, string.Join(" ", differences.Select(d => d.Message)));
            return;
        }
        disclosure.SetLines(read.Lines, catalogs);
        log.LogInformation("Seed disclosure {Code} {Year} kept as {Count} budget lines from {File}", disclosure.Department.Code, disclosure.FiscalYear, read.Lines.Count, name);
    }

    private sealed class GlossaryFile
    {
        public int Year { get; set; }
        public List<GlossaryFileEntry> Entries { get; set; } = [];
    }

    private sealed class GlossaryFileEntry
    {
        public string Number { get; set; } = "";
        public string Term { get; set; } = "";
        public string Text { get; set; } = "";
    }
}
