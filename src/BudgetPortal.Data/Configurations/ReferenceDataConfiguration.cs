using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Glossary;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class ClassificationCodeConfiguration : IEntityTypeConfiguration<ClassificationCode>
{
    public void Configure(EntityTypeBuilder<ClassificationCode> b)
    {
        b.ToTable("classification_codes");
        b.HasIndex(c => new { c.Scheme, c.Year, c.Code }).IsUnique();
        b.Property(c => c.Code).HasMaxLength(7);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Ignore(c => c.Level);
        b.Ignore(c => c.ParentCode);
    }
}

public sealed class GlossaryEntryConfiguration : IEntityTypeConfiguration<GlossaryEntry>
{
    public void Configure(EntityTypeBuilder<GlossaryEntry> b)
    {
        b.ToTable("glossary_entries");
        b.HasIndex(g => new { g.Year, g.Ordinal }).IsUnique();
        b.Property(g => g.Numeral).HasMaxLength(8);
        b.Property(g => g.Term).HasMaxLength(100);
    }
}
