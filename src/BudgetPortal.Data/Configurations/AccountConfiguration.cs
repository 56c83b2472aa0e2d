using BudgetPortal.Domain;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(TextLimits.DisplayName);
        b.HasMany(u => u.Departments).WithOne().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class UserDepartmentConfiguration : IEntityTypeConfiguration<UserDepartment>
{
    public void Configure(EntityTypeBuilder<UserDepartment> b)
    {
        b.ToTable("user_departments");
        b.HasKey(d => new { d.UserId, d.DepartmentId });
        b.HasOne(d => d.Department).WithMany().HasForeignKey(d => d.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.Property(a => a.UserName).HasMaxLength(TextLimits.UserName);
        b.Property(a => a.Action).HasConversion<string>().HasMaxLength(24);
        b.Property(a => a.Detail).HasMaxLength(TextLimits.AuditDetail);
        b.HasIndex(a => a.At);
        b.HasIndex(a => a.DisclosureId);
    }
}
