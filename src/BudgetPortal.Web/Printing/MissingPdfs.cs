using BudgetPortal.Data;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Disclosures;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Printing;

/// <summary>
/// Prints the official PDF of every latest published version that has none stored yet: the seeds
/// loaded at start, and any publication whose print failed. One at a time, so that readers' prints
/// are not crowded out; the store never prints the same file twice at once (a download that asks
/// for it meanwhile waits for the same print).
/// </summary>
public sealed class MissingPdfs(IServiceScopeFactory scopes, DisclosurePdfStore store, ILogger<MissingPdfs> logger)
{
    /// <summary>Prints what is missing; returns how many were printed and stored.</summary>
    public async Task<int> PrintAsync(CancellationToken ct)
    {
        List<int> missing;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
            missing = await db.LatestPublished()
                .Where(d => !db.DisclosurePdfs.Any(p => p.DisclosureId == d.Id && p.Part == DisclosurePdf.WholeDocument))
                .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
        }
        if (missing.Count == 0) return 0;
        logger.LogInformation("Printing the official PDF of {Count} published disclosure(s) that have none stored", missing.Count);
        var printed = 0;
        foreach (var id in missing)
        {
            try
            {
                PrintedDocumentInfo info;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    // A download or a publication may have printed it meanwhile.
                    if (await scope.ServiceProvider.GetRequiredService<BudgetDbContext>().DisclosurePdfs
                            .AnyAsync(p => p.DisclosureId == id && p.Part == DisclosurePdf.WholeDocument, ct)) continue;
                    var published = await scope.ServiceProvider.GetRequiredService<DisclosureReader>().LoadAsync(id, ct);
                    if (published is not { IsPublished: true }) continue;
                    info = PrintedDocumentInfo.For(published.DepartmentName, published.FiscalYear, published.Version,
                        published.PublishedAt, DisclosurePdf.WholeDocument);
                }
                await store.PrintAndStoreAsync(id, DisclosurePdf.WholeDocument, info, ct);
                printed++;
            }
            // Whatever went wrong with one file, the others are still printed, and the portal keeps serving
            // (an exception escaping a hosted service would stop it).
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The first download prints it instead.
                logger.LogError(e, "Printing the PDF of disclosure {DisclosureId} in the background failed; it will print on first download", id);
            }
        }
        logger.LogInformation("Printed {Printed} of {Count} missing official PDF(s)", printed, missing.Count);
        return printed;
    }
}

/// <summary>
/// Once at start-up, after the portal serves (Chromium reaches the print view through it):
/// <see cref="MissingPdfs"/>. On unless Printing:PrintMissingAtStart is false (the tests turn it off).
/// </summary>
public sealed class PrintMissingPdfsAtStart(MissingPdfs missing, IHostApplicationLifetime lifetime, ILogger<PrintMissingPdfsAtStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            await missing.PrintAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Stopped printing missing PDFs: the portal is stopping");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never stop the portal over this: the files print on first download.
            logger.LogError(e, "Printing the published disclosures without a stored PDF failed; they print on first download");
        }
    }
}
