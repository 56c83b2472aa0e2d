using BudgetPortal.Domain;
using BudgetPortal.Domain.Disclosures;
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
}
