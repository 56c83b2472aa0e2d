using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("departments", t =>
        {
            // The domain enforces these too; the database keeps them for any other writer (the trigger
            // keeping the tree one level deep is in migration DepartmentDetails).
            t.HasCheckConstraint("ck_departments_not_own_parent", "parent_id IS NULL OR parent_id <> id");
            t.HasCheckConstraint("ck_departments_unit_type",
                "unit_type IS NULL OR unit_type IN ('Administrative', 'Institution', 'CivilServiceInstitution')");
        });
        b.Property(d => d.Code).HasMaxLength(Department.MaxCodeLength).IsRequired();
        b.Property(d => d.Name).HasMaxLength(Department.MaxNameLength).IsRequired();
        b.Property(d => d.ShortName).HasMaxLength(Department.MaxShortNameLength);
        b.Property(d => d.Region).HasMaxLength(Department.MaxRegionLength);
        b.Property(d => d.UnitType).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(d => d.Code).IsUnique();
        b.HasOne(d => d.Parent).WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
