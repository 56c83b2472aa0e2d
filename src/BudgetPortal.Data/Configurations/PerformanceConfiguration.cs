using BudgetPortal.Domain;
using BudgetPortal.Domain.Performance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class PerformanceSheetConfiguration : IEntityTypeConfiguration<PerformanceSheet>
{
    public void Configure(EntityTypeBuilder<PerformanceSheet> b)
    {
        b.ToTable("performance_sheets");
        b.HasIndex(s => new { s.DisclosureId, s.Ordinal }).IsUnique();
        b.Property(s => s.Name).HasMaxLength(TextLimits.SheetName);
        b.Property(s => s.Unit).HasMaxLength(TextLimits.SheetUnit);
        b.Property(s => s.Contact).HasMaxLength(TextLimits.SheetContact);
        b.Property(s => s.Phone).HasMaxLength(TextLimits.SheetPhone);
        b.Ignore(s => s.WeightSum);
        b.Ignore(s => s.Title);
        b.OwnsMany(s => s.Indicators, i =>
        {
            i.ToTable("indicators");
            i.WithOwner().HasForeignKey(x => x.PerformanceSheetId);
            i.HasKey(x => x.Id);
            i.Ignore(x => x.ParsedValue);
        });
        b.Navigation(s => s.Indicators).HasField("_indicators").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
