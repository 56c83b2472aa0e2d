using System.Text.Json;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Glossary;
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
        doc.ApplyTo(disclosure);
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
