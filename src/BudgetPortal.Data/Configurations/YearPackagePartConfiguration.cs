using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class YearPackagePartConfiguration : IEntityTypeConfiguration<YearPackagePart>
{
    public void Configure(EntityTypeBuilder<YearPackagePart> b)
    {
        b.ToTable("year_package_parts", t =>
        {
            t.HasCheckConstraint("ck_year_package_parts_lengths", "lines_length >= 0 AND resources_length >= 0 AND pdf_resource_length >= 0");
            t.HasCheckConstraint("ck_year_package_parts_crc32",
                "lines_crc32 BETWEEN 0 AND 4294967295 AND resources_crc32 BETWEEN 0 AND 4294967295 AND pdf_resource_crc32 BETWEEN 0 AND 4294967295 AND (pdf_crc32 IS NULL OR pdf_crc32 BETWEEN 0 AND 4294967295)");
            t.HasCheckConstraint("ck_year_package_parts_folder", "folder <> '' AND strpos(folder, '/') = 0 AND pdf_name <> '' AND strpos(pdf_name, '/') = 0");
        });
        b.HasKey(p => p.DisclosureId);
        b.HasOne<Disclosure>().WithMany().HasForeignKey(p => p.DisclosureId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Folder).HasColumnType("text").IsRequired();
        b.Property(p => p.PdfName).HasColumnType("text").IsRequired();
        b.Property(p => p.Lines).IsRequired();
        b.Property(p => p.Resources).IsRequired();
        b.Property(p => p.PdfResource).IsRequired();
        // A year's parts in the order of its departments; a folder looked up among the year's.
        b.HasIndex(p => new { p.FiscalYear, p.Folder });
        b.HasIndex(p => new { p.FiscalYear, p.DepartmentId });
    }
}
