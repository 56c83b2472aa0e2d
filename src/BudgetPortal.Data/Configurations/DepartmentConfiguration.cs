using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("departments");
        b.Property(d => d.Code).HasMaxLength(32).IsRequired();
        b.Property(d => d.Name).HasMaxLength(200).IsRequired();
        b.HasIndex(d => d.Code).IsUnique();
    }
}
