using BudgetPortal.Data.Jobs;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

/// <summary>
/// The job queue. One job per version and kind; the runners' index holds only the jobs not done, so
/// taking the next one costs the same however many were done before. The wake-up notification and
/// the rule that a done job stays done are in migration Jobs.
/// </summary>
public sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> b)
    {
        b.ToTable("jobs");
        b.HasKey(j => j.Id);
        b.Property(j => j.Id).UseIdentityAlwaysColumn();
        b.Property(j => j.Kind).HasConversion<string>().HasMaxLength(32);
        b.HasOne<Disclosure>().WithMany().HasForeignKey(j => j.DisclosureId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(j => new { j.DisclosureId, j.Kind }).IsUnique();
        b.HasIndex(j => new { j.RunAfter, j.Id }).HasFilter("done_at IS NULL").HasDatabaseName("ix_jobs_pending");
        b.Property(j => j.TakenBy).HasMaxLength(Job.MaxNodeLength);
        b.Property(j => j.LastError).HasMaxLength(Job.MaxErrorLength);
    }
}
