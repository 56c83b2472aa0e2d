using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Tests.Data;

/// <summary>Published data never changes, whether through the domain or straight through SQL.</summary>
public sealed class PublishedDisclosureImmutabilityTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    private async Task<int> PublishedIdAsync(string code)
    {
        await using var db = seeded.NewDbContext();
        return await db.Disclosures.Where(d => d.Department.Code == code).Select(d => d.Id).SingleAsync();
    }

    [Theory]
    [InlineData("UPDATE table_cells SET amount = amount + 1 WHERE table_row_id IN (SELECT r.id FROM table_rows r JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = {0})")]
    [InlineData("DELETE FROM table_rows WHERE budget_table_id IN (SELECT id FROM budget_tables WHERE disclosure_id = {0})")]
    [InlineData("UPDATE note_sections SET heading = 'x' WHERE disclosure_id = {0}")]
    [InlineData("UPDATE note_lines SET amount = 1 WHERE note_section_id IN (SELECT id FROM note_sections WHERE disclosure_id = {0})")]
    [InlineData("INSERT INTO note_figures (note_section_id, key, number, is_list) SELECT id, 'extra', 1, false FROM note_sections WHERE disclosure_id = {0} LIMIT 1")]
    [InlineData("UPDATE indicators SET weight = 1 WHERE performance_sheet_id IN (SELECT id FROM performance_sheets WHERE disclosure_id = {0})")]
    [InlineData("UPDATE disclosures SET sign_off_text = 'x' WHERE id = {0}")]
    [InlineData("DELETE FROM disclosures WHERE id = {0}")]
    public async Task SqlThatChangesAPublishedDisclosureIsRefused(string sql)
    {
        var id = await PublishedIdAsync("jjxz");
        await using var conn = new NpgsqlConnection(seeded.Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, id), conn);
        var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
        Assert.Equal("BP001", e.SqlState);
        Assert.Contains("已发布", e.MessageText);
    }

    [Fact]
    public async Task TheDomainRefusesToEditAPublishedDisclosure()
    {
        var id = await PublishedIdAsync("dkyj");
        await using var db = seeded.NewDbContext();
        var disclosure = await db.Disclosures.Include(d => d.Department).Include(d => d.Tables).SingleAsync(d => d.Id == id);
        var e = Assert.Throws<DomainException>(() => disclosure.SetTable(new BudgetTable(TableKind.GovernmentFund, []), null));
        Assert.Contains("已发布", e.Message);
    }

    [Fact]
    public async Task AFigureIsStoredWithThePrecisionItWasPrintedWith()
    {
        // 001 prints 308.101 in 十二(四) (an error of the published document, kept as published).
        await using var db = seeded.NewDbContext();
        var amount = await db.NoteSections.Where(n => n.Key == "12.4")
            .SelectMany(n => n.Figures).Where(f => f.Key == "overallAmount").Select(f => f.Number)
            .ToListAsync();
        Assert.Contains(308.101m, amount);
        Assert.Contains("308.101", amount.Select(a => a!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("179.66", amount.Select(a => a!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

/// <summary>Publishing freezes the check results with the figures.</summary>
public sealed class PublishedChecksTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task EveryPublishedVersionKeepsTheChecksAsTheyStoodAtPublication()
    {
        await using var db = seeded.NewDbContext();
        // Read as the portal reads a disclosure (its one include list), so a part it forgets to load shows here.
        var published = await db.Disclosures.IncludeComplete().ToListAsync();
        Assert.Equal(Repo.SeedDisclosureFiles.Count(), published.Count);
        foreach (var d in published)
        {
            var live = BudgetPortal.Domain.Checks.ConsistencyChecks.Run(d);
            var frozen = d.FrozenChecks;
            Assert.NotNull(frozen);
            Assert.Equal(live.Results, frozen.Results);
        }
    }

    [Theory]
    [InlineData("UPDATE published_checks SET message = 'x'")]
    [InlineData("DELETE FROM published_checks")]
    public async Task TheFrozenChecksCannotBeChanged(string sql)
    {
        // The portal's role is not even granted UPDATE or DELETE on them; the owner, which is, meets the trigger.
        foreach (var (connection, refusal) in new[] { (seeded.Database.ConnectionString, "42501"), (seeded.Database.OwnerConnectionString, "BP001") })
        {
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal(refusal, e.SqlState);
        }
    }
}
