using BudgetPortal.Domain;
using BudgetPortal.Domain.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class NoteSectionConfiguration : IEntityTypeConfiguration<NoteSection>
{
    public void Configure(EntityTypeBuilder<NoteSection> b)
    {
        b.ToTable("note_sections");
        b.HasIndex(n => new { n.DisclosureId, n.Key }).IsUnique();
        b.Property(n => n.Key).HasMaxLength(TextLimits.NoteKey);
        b.Property(n => n.Heading).HasMaxLength(TextLimits.NoteHeading);
        b.Ignore(n => n.IsSubSection);
        b.OwnsMany(n => n.Lines, l =>
        {
            l.ToTable("note_lines");
            l.WithOwner().HasForeignKey(x => x.NoteSectionId);
            l.HasKey(x => x.Id);
            l.Property(x => x.Key).HasMaxLength(TextLimits.NoteLineKey);
            l.Property(x => x.Label).HasMaxLength(TextLimits.NoteLineLabel);
            l.Ignore(x => x.PriorAmount);
        });
        b.Navigation(n => n.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.OwnsMany(n => n.Figures, f =>
        {
            f.ToTable("note_figures");
            f.WithOwner().HasForeignKey(x => x.NoteSectionId);
            f.HasKey(x => x.Id);
            f.Property(x => x.Key).HasMaxLength(TextLimits.NoteFigureKey);
            f.Ignore(x => x.Items);
        });
        b.Navigation(n => n.Figures).HasField("_figures").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
