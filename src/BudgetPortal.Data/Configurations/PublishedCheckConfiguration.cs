using BudgetPortal.Domain;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class PublishedCheckConfiguration : IEntityTypeConfiguration<PublishedCheck>
{
    public void Configure(EntityTypeBuilder<PublishedCheck> b)
    {
        b.ToTable("published_checks");
        b.HasIndex(c => new { c.DisclosureId, c.Ordinal }).IsUnique();
        b.Property(c => c.Rule).HasMaxLength(8);
        b.Property(c => c.Location).HasMaxLength(TextLimits.CheckLocation);
    }
}
