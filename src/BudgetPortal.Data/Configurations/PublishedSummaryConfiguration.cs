using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

/// <summary>
/// The public lists' projection. Its indexes for the lists' orders (the search's newest year first,
/// then name; the ranking's year; the department's years), the trigram index for partial names and
/// the category index are created in migration PublishedSummaries (expressions and operator classes).
/// </summary>
public sealed class PublishedSummaryConfiguration : IEntityTypeConfiguration<PublishedSummary>
{
    public void Configure(EntityTypeBuilder<PublishedSummary> b)
    {
        b.ToTable("published_summaries");
        b.HasKey(s => new { s.DepartmentId, s.FiscalYear });
        b.HasIndex(s => s.DisclosureId).IsUnique();
        b.HasIndex(s => new { s.DepartmentCode, s.FiscalYear }).IsUnique();
        b.HasOne<Disclosure>().WithMany().HasForeignKey(s => s.DisclosureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.DepartmentCode).HasMaxLength(Department.MaxCodeLength);
        b.Property(s => s.DepartmentName).HasMaxLength(Department.MaxNameLength);
    }
}
