using BudgetPortal.Domain;
using BudgetPortal.Domain.Disclosures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class DisclosureConfiguration : IEntityTypeConfiguration<Disclosure>
{
    public void Configure(EntityTypeBuilder<Disclosure> b)
    {
        b.ToTable("disclosures");
        b.HasOne(d => d.Department).WithMany().HasForeignKey(d => d.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.DepartmentId, d.FiscalYear, d.Version }).IsUnique();
        // The versions waiting for review (few, whatever the archive): the compliance dashboard's 审核中 and the reviewers' queue.
        b.HasIndex(d => new { d.FiscalYear, d.SubmittedAt }).HasFilter("status = 'Submitted'").HasDatabaseName("ix_disclosures_submitted");
        b.Property(d => d.CorrectionReason).HasMaxLength(TextLimits.CorrectionReason);
        b.Property(d => d.SourceDocument).HasMaxLength(TextLimits.SourceDocument);
        b.Property(d => d.RowVersion).IsRowVersion().HasColumnName("xmin");
        b.Ignore(d => d.DepartmentName);
        b.Ignore(d => d.IsPublished);
        b.Ignore(d => d.IsEditable);
        b.Property(d => d.ReviewComment).HasMaxLength(TextLimits.ReviewComment);
        b.Ignore(d => d.DepartmentSheet);
        b.Ignore(d => d.ProjectSheets);

        b.OwnsOne(d => d.Overview, o =>
        {
            o.Property(x => x.Functions).HasColumnName("overview_functions");
            o.Property(x => x.StructureText).HasColumnName("overview_structure_text");
            o.Property(x => x.SubordinateUnits).HasColumnName("overview_subordinate_units");
            o.Property(x => x.UnitWord).HasColumnName("overview_unit_word").HasMaxLength(TextLimits.UnitWord);
            o.Property(x => x.InternalUnits).HasColumnName("overview_internal_units");
            o.OwnsOne(x => x.Staff, s =>
            {
                s.Property(x => x.Authorized).HasColumnName("staff_authorized");
                s.Property(x => x.Actual).HasColumnName("staff_actual");
                s.Property(x => x.Active).HasColumnName("staff_active");
                s.Property(x => x.ActiveChange).HasColumnName("staff_active_change");
                s.Property(x => x.Retired).HasColumnName("staff_retired");
                s.Property(x => x.RetiredChange).HasColumnName("staff_retired_change");
                s.Property(x => x.Honorary).HasColumnName("staff_honorary");
                s.Property(x => x.HonoraryChange).HasColumnName("staff_honorary_change");
            });
        });
        b.Navigation(d => d.Overview).IsRequired();
        b.OwnsOne(d => d.SignOff, s =>
        {
            s.Property(x => x.Name).HasColumnName("sign_off_name").HasMaxLength(TextLimits.SignOffName);
            s.Property(x => x.Date).HasColumnName("sign_off_date");
            s.Property(x => x.Text).HasColumnName("sign_off_text").HasMaxLength(TextLimits.SignOffText);
        });
        b.Navigation(d => d.SignOff).IsRequired();

        b.HasMany(d => d.Tables).WithOne().HasForeignKey(t => t.DisclosureId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(d => d.Tables).HasField("_tables").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(d => d.Notes).WithOne().HasForeignKey(n => n.DisclosureId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(d => d.Notes).HasField("_notes").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(d => d.FrozenChecks);
        b.HasMany(d => d.PublishedChecks).WithOne().HasForeignKey(c => c.DisclosureId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(d => d.PublishedChecks).HasField("_publishedChecks").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(d => d.PerformanceSheets).WithOne().HasForeignKey(s => s.DisclosureId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(d => d.PerformanceSheets).HasField("_sheets").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(d => d.IsLineBased);
        b.HasMany(d => d.Lines).WithOne().HasForeignKey(l => l.DisclosureId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(d => d.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
