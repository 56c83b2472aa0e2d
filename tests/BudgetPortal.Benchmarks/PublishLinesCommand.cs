using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Lines;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Benchmarks;

/// <summary>
/// `publish-lines CODE SEEDS`: publishes a line-based disclosure of a new department CODE in the database
/// of ConnectionStrings__Budget (migrated, seeds loaded): seed 000's document with the lines of
/// seeds/lines/000_….csv (the tables derived from them), so the 预算明细 download has something to measure.
/// </summary>
internal static class PublishLinesCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Budget");
        if (args.Length != 2 || string.IsNullOrEmpty(connection))
        {
            Console.Error.WriteLine("用法：publish-lines CODE SEEDS（种子文件夹；数据库：ConnectionStrings__Budget）");
            return 2;
        }
        var (code, seeds) = (args[0], args[1]);
        var doc = DisclosureDocument.Parse(await File.ReadAllTextAsync(Path.Combine(seeds, "disclosures", "000_b9ea59971ad8d31b.json")));
        var sheet = LineSheet.Read(Csv.Grid(Csv.Parse(await File.ReadAllTextAsync(Path.Combine(seeds, "lines", "000_b9ea59971ad8d31b.csv")), 100_000, 1_000)));
        if (!sheet.IsValid) { Console.Error.WriteLine(string.Join("\n", sheet.Errors)); return 1; }
        await using var db = new BudgetDbContext(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(connection).Options);
        var name = $"明细基准测试单位{code}";
        var department = new Department(code, name);
        db.Departments.Add(department);
        var draft = new Disclosure(department, doc.FiscalYear);
        doc.ApplyTo(draft, null);
        db.Disclosures.Add(draft);
        await db.SaveChangesAsync();
        var catalogs = await db.YearCatalogsAsync(doc.FiscalYear);
        draft.SetLines(sheet.Lines, catalogs);
        await db.SaveChangesAsync();
        draft.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(draft, catalogs));
        await db.SaveChangesAsync();
        Console.WriteLine($"published {code} {doc.FiscalYear} with {sheet.Lines.Count} lines (disclosure {draft.Id})");
        return 0;
    }
}
