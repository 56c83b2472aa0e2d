using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class DisclosurePdfConfiguration : IEntityTypeConfiguration<DisclosurePdf>
{
    public void Configure(EntityTypeBuilder<DisclosurePdf> b)
    {
        b.ToTable("disclosure_pdfs");
        b.HasKey(p => new { p.DisclosureId, p.Part });
        b.HasOne<Disclosure>().WithMany().HasForeignKey(p => p.DisclosureId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Content).IsRequired();
        b.Property(p => p.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
    }
}
