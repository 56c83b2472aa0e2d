using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class PublishedFileConfiguration : IEntityTypeConfiguration<PublishedFile>
{
    public void Configure(EntityTypeBuilder<PublishedFile> b)
    {
        b.ToTable("published_files", t =>
        {
            t.HasCheckConstraint("ck_published_files_length", "length >= 0");
            t.HasCheckConstraint("ck_published_files_crc32", "crc32 BETWEEN 0 AND 4294967295");
            // A file kept as it is is its own length; a deflated one is a stream of at least its final block.
            t.HasCheckConstraint("ck_published_files_body", "CASE WHEN deflated THEN octet_length(body) > 0 ELSE octet_length(body) = length END");
        });
        b.HasKey(f => new { f.DisclosureId, f.Name });
        b.HasOne<Disclosure>().WithMany().HasForeignKey(f => f.DisclosureId).OnDelete(DeleteBehavior.Restrict);
        b.Property(f => f.Name).HasColumnType("text").IsRequired();
        b.Property(f => f.MediaType).HasColumnType("text").IsRequired();
        b.Property(f => f.Body).IsRequired();
        b.Property(f => f.ETag).HasColumnName("etag").HasColumnType("text").IsRequired();
    }
}
