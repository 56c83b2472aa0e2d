using BudgetPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Disclosures;

/// <summary>The reference lists every public search page shows: the years, the 功能分类 类 some version spends on, the last publication.</summary>
public sealed record PublicListsSnapshot(IReadOnlyList<int> Years, IReadOnlyList<CategoryOption> Categories, DateTimeOffset? LastPublished);

/// <summary>
/// <see cref="PublicListsSnapshot"/> kept in memory and read again from the summaries after every
/// publication, correction or catalog load (<see cref="Infrastructure.PublishedContent.PublishedAsync"/>
/// calls <see cref="Invalidate"/>), instead of on every uncached search page (issue 15: the category
/// list read every 表3 row). Concurrent readers after an invalidation wait for one read.
/// </summary>
public sealed class PublicLists(IServiceScopeFactory scopes)
{
    private static long generation;
    private readonly SemaphoreSlim reading = new(1, 1);
    private (long Generation, PublicListsSnapshot Lists)? current;

    /// <summary>Every portal in the process reads its lists again on the next request.</summary>
    public static void Invalidate() => Interlocked.Increment(ref generation);

    public async Task<PublicListsSnapshot> GetAsync(CancellationToken ct = default)
    {
        var wanted = Interlocked.Read(ref generation);
        if (current is { } c && c.Generation == wanted) return c.Lists;
        await reading.WaitAsync(ct);
        try
        {
            wanted = Interlocked.Read(ref generation);
            if (current is { } again && again.Generation == wanted) return again.Lists;
            await using var scope = scopes.CreateAsyncScope();
            var lists = await ReadAsync(scope.ServiceProvider.GetRequiredService<BudgetDbContext>(), ct);
            current = (wanted, lists);
            return lists;
        }
        finally { reading.Release(); }
    }

    private static async Task<PublicListsSnapshot> ReadAsync(BudgetDbContext db, CancellationToken ct)
    {
        var summaries = db.PublishedSummaries.AsNoTracking();
        var years = await summaries.Select(s => s.FiscalYear).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        var last = await summaries.MaxAsync(s => (DateTimeOffset?)s.PublishedAt, ct);
        // Each 类 with the name it is printed with (the first found: versions print the catalog's name).
        var categories = await db.Database.SqlQuery<CategoryOption>($"""
            SELECT DISTINCT ON (c.code) c.code AS "Code", c.name AS "Name"
            FROM published_summaries s, unnest(s.category_codes, s.category_names) AS c(code, name)
            ORDER BY c.code, s.fiscal_year DESC
            """).ToListAsync(ct);
        return new PublicListsSnapshot(years, categories, last);
    }
}
