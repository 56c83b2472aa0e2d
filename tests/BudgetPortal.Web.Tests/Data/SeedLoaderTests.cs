using BudgetPortal.Data;
using BudgetPortal.Data.Seeding;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Tests.Data;

public sealed class SeedLoaderTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task LoadingTheSeedsAgainChangesNothing()
    {
        await using var db = seeded.NewDbContext();
        var before = (await db.Disclosures.CountAsync(), await db.TableRows.CountAsync(), await db.ClassificationCodes.CountAsync(), await db.GlossaryEntries.CountAsync());
        await seeded.NewLoader(db).LoadAsync(Repo.Seeds);
        var after = (await db.Disclosures.CountAsync(), await db.TableRows.CountAsync(), await db.ClassificationCodes.CountAsync(), await db.GlossaryEntries.CountAsync());
        Assert.Equal(before, after);
        Assert.Equal(Repo.SeedDisclosureFiles.Count(), after.Item1);
    }

    [Fact]
    public async Task EverySeedIsPublishedAsVersionOneOnItsSignOffDate()
    {
        await using var db = seeded.NewDbContext();
        foreach (var file in Repo.SeedDisclosureFiles)
        {
            var seed = Repo.LoadSeed(Path.GetFileName(file));
            var d = await db.Disclosures.SingleAsync(x => x.Department.Code == seed.Department.Code && x.FiscalYear == seed.FiscalYear);
            Assert.Equal(DisclosureStatus.Published, d.Status);
            Assert.Equal(1, d.Version);
            Assert.Equal(seed.SignOff.Date, DateOnly.FromDateTime(d.PublishedAt!.Value.ToOffset(TimeSpan.FromHours(8)).DateTime));
        }
    }

    [Fact]
    public async Task ABrokenFileIsRefusedSayingWhereTheProblemIs()
    {
        var seed = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        seed.Department.Code = "broken-seed";
        seed.Tables["6"].Rows[3].Cells["nonsense"] = 1.00m;
        var file = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, seed.ToJson());
        try
        {
            await using var db = seeded.NewDbContext();
            var e = await Assert.ThrowsAsync<DomainException>(() => seeded.NewLoader(db).LoadDisclosureAsync(file));
            Assert.Contains("表6第 4 行", e.Message);
            Assert.Contains("nonsense", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AFailureAfterTheFirstWriteRollsBackTheWholeFile()
    {
        // The loader writes a file twice: the department and the draft with all its parts, then the
        // publication. The database refuses the second write here (a constraint added for this test on
        // the one publication date it uses), after the first has gone through in the same transaction:
        // neither the department nor the draft may remain. Without the transaction they would.
        var seed = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        seed.Department.Code = "rolled-back";
        seed.SignOff.Date = new DateOnly(2001, 2, 3);
        var file = Path.Combine(Path.GetTempPath(), $"rollback-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, seed.ToJson());
        await using var owner = new NpgsqlConnection(seeded.Database.OwnerConnectionString);
        await owner.OpenAsync();
        await using (var add = new NpgsqlCommand(
            "ALTER TABLE disclosures ADD CONSTRAINT rollback_probe CHECK (published_at IS DISTINCT FROM TIMESTAMPTZ '2001-02-03 00:00:00+08') NOT VALID", owner))
            await add.ExecuteNonQueryAsync();
        try
        {
            await using var db = seeded.NewDbContext();
            var e = await Assert.ThrowsAsync<DbUpdateException>(() => seeded.NewLoader(db).LoadDisclosureAsync(file));
            Assert.Contains("rollback_probe", e.InnerException?.Message);
            await using var check = seeded.NewDbContext();
            Assert.False(await check.Departments.AnyAsync(d => d.Code == "rolled-back"));
            Assert.False(await check.Disclosures.AnyAsync(d => d.Department.Code == "rolled-back"));
        }
        finally
        {
            File.Delete(file);
            await using var drop = new NpgsqlCommand("ALTER TABLE disclosures DROP CONSTRAINT rollback_probe", owner);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// A seeds folder of one disclosure (seed 000's document under <paramref name="code"/>, its tables those
    /// of <paramref name="lines"/>) and its lines file, whose text <paramref name="edit"/> may change.
    /// </summary>
    private async Task<string> SeedWithLinesAsync(string code, IReadOnlyList<BudgetLine> lines, Func<string, string>? edit = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"seed-lines-{Guid.NewGuid():N}")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "disclosures"));
        Directory.CreateDirectory(Path.Combine(folder, "lines"));
        var doc = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        doc.Department = new DepartmentDoc { Code = code, Name = "种子明细测试单位" };
        doc.SignOff.Name = "种子明细测试单位";
        await using var db = seeded.NewDbContext();
        var catalogs = await db.YearCatalogsAsync(doc.FiscalYear);
        var draft = new Disclosure(new Department(code, "种子明细测试单位"), doc.FiscalYear);
        doc.ApplyTo(draft, null);
        draft.SetLines(lines, catalogs);
        // The transcribed document: the tables as the lines make them, nothing of the lines themselves.
        doc.Tables = draft.ToDocument().Tables;
        var file = Path.Combine(folder, "disclosures", "900_seedlines.json");
        await File.WriteAllTextAsync(file, doc.ToJson());
        await File.WriteAllTextAsync(Path.Combine(folder, "lines", "900_seedlines.csv"), (edit ?? (t => t))(Csv.Write(LineSheet.Write(lines, catalogs))), Csv.Utf8WithBom);
        return file;
    }

    private static readonly BudgetLine[] SmallBudget =
    [
        new("2013150", "30101", LineSpending.Personnel, MoneySource.GeneralBudget, 60m),
        new("2013150", "30201", LineSpending.Public, MoneySource.GeneralBudget, 20m),
        new("2013150", "30227", LineSpending.Project, MoneySource.GeneralBudget, 20m, "招商服务经费", "王五"),
    ];

    [Fact]
    public async Task ASeedWhoseLinesGiveBackEveryFigureIsKeptAsLines()
    {
        var file = await SeedWithLinesAsync("seed-lines", SmallBudget);
        try
        {
            await using var db = seeded.NewDbContext();
            Assert.True(await seeded.NewLoader(db).LoadDisclosureAsync(file));
            await using var check = seeded.NewDbContext();
            var d = await check.Disclosures.AsNoTracking().IncludeComplete().SingleAsync(x => x.Department.Code == "seed-lines");
            Assert.Equal(DisclosureStatus.Published, d.Status);
            Assert.True(d.IsLineBased);
            static object Of(BudgetLine l) => (l.FunctionalCode, l.EconomicCode, l.Spending, l.Source, l.Amount, l.Project, l.ProjectLeader);
            Assert.Equal(SmallBudget.Select(Of), d.Lines.Select(Of));
            Assert.Equal(100m, d.Table(TableKind.Expenditure).TotalOf("total"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(file))!, true);
        }
    }

    [Fact]
    public async Task ASeedWhoseLinesDoNotGiveBackItsPublishedFiguresKeepsItsTables()
    {
        // The lines say 60.01 where the document prints 60.00: the published figure stays, the lines are not stored.
        var file = await SeedWithLinesAsync("seed-lines-off", SmallBudget, text => text.Replace(",60.00", ",60.01"));
        try
        {
            await using var db = seeded.NewDbContext();
            Assert.True(await seeded.NewLoader(db).LoadDisclosureAsync(file));
            await using var check = seeded.NewDbContext();
            var d = await check.Disclosures.AsNoTracking().IncludeComplete().SingleAsync(x => x.Department.Code == "seed-lines-off");
            Assert.False(d.IsLineBased);
            Assert.Empty(d.Lines);
            Assert.Equal(60m, d.Table(TableKind.GeneralBudgetBasic).TotalOf("personnel"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(file))!, true);
        }
    }

    [Fact]
    public async Task ASeedWhoseLinesFileCannotBeReadIsRefusedNamingRowAndColumn()
    {
        var file = await SeedWithLinesAsync("seed-lines-bad", SmallBudget, text => text.Replace(",20.00\r\n", ",二十\r\n"));
        try
        {
            await using var db = seeded.NewDbContext();
            var e = await Assert.ThrowsAsync<DomainException>(() => seeded.NewLoader(db).LoadDisclosureAsync(file));
            Assert.Contains("900_seedlines.csv", e.Message);
            Assert.Contains("第 3 行“金额（万元）”", e.Message);
            await using var check = seeded.NewDbContext();
            Assert.False(await check.Departments.AnyAsync(d => d.Code == "seed-lines-bad"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(file))!, true);
        }
    }

    [Fact]
    public async Task EverySeedWithALinesFileIsLineBasedExactlyWhenItsLinesGiveBackItsTables()
    {
        await using var db = seeded.NewDbContext();
        var withLines = 0;
        foreach (var file in Repo.SeedDisclosureFiles)
        {
            if (SeedLoader.LinesFile(file) is null) continue;
            withLines++;
            var seed = Repo.LoadSeed(Path.GetFileName(file));
            var d = await db.Disclosures.AsNoTracking().IncludeComplete().SingleAsync(x => x.Department.Code == seed.Department.Code && x.FiscalYear == seed.FiscalYear);
            var lines = LineSheet.Read(Csv.Grid(Csv.Parse(await File.ReadAllTextAsync(SeedLoader.LinesFile(file)!), 100_000, 500))).Lines;
            var exact = LineSplit.Compare(d.Tables, LineDerivation.Derive(lines, d.FiscalYear, await db.YearCatalogsAsync(d.FiscalYear), d.DepartmentName), d.FiscalYear).Count == 0;
            Assert.Equal(exact, d.IsLineBased);
            Assert.Equal(exact ? lines.Count : 0, d.Lines.Count);
        }
        Assert.True(withLines > 0, "no seed has a lines file");
    }
}
