using BudgetPortal.Domain.Compliance;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

/// <summary>The departments expected to publish in a year, with their 批复 dates.</summary>
public sealed class ExpectedDisclosureConfiguration : IEntityTypeConfiguration<ExpectedDisclosure>
{
    public void Configure(EntityTypeBuilder<ExpectedDisclosure> b)
    {
        b.ToTable("expected_disclosures");
        b.HasKey(e => new { e.FiscalYear, e.DepartmentId });
        b.HasIndex(e => e.DepartmentId);
        b.HasOne<Department>().WithMany().HasForeignKey(e => e.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The rules of a region's year, one row per rule.</summary>
public sealed class ComplianceRuleEntryConfiguration : IEntityTypeConfiguration<ComplianceRuleEntry>
{
    public void Configure(EntityTypeBuilder<ComplianceRuleEntry> b)
    {
        b.ToTable("compliance_rules");
        b.HasKey(r => new { r.FiscalYear, r.Region, r.Rule });
        b.Property(r => r.Region).HasMaxLength(Department.MaxRegionLength);
        b.Property(r => r.Rule).HasMaxLength(32);
        b.Property(r => r.Source).HasMaxLength(ComplianceRules.MaxSourceLength);
    }
}

/// <summary>
/// One row per published version; the dashboard reads a year's rows of its expected departments (index on
/// year and department). Immutability and the publishing check are triggers (migration ComplianceDashboard).
/// </summary>
public sealed class ComplianceFactsConfiguration : IEntityTypeConfiguration<ComplianceFacts>
{
    public void Configure(EntityTypeBuilder<ComplianceFacts> b)
    {
        b.ToTable("compliance_facts");
        b.HasKey(f => f.DisclosureId);
        b.Property(f => f.DisclosureId).ValueGeneratedNever();
        b.HasIndex(f => new { f.FiscalYear, f.DepartmentId, f.Version }).IsUnique();
        b.HasOne<Disclosure>().WithOne().HasForeignKey<ComplianceFacts>(f => f.DisclosureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(f => f.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
