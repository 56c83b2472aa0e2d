using BudgetPortal.Domain;
using BudgetPortal.Domain.Lines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

/// <summary>
/// A line-based version's budget lines (issue 12): owned by the disclosure and deleted with it, in the
/// officer's order; the amount in 万元 with two decimals, as <see cref="Domain.Tables.AmountLimits"/> allows.
/// </summary>
public sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    /// <summary>Digits of an amount: <see cref="Domain.Tables.AmountLimits.Maximum"/> (999,999,999.99) has eleven.</summary>
    private const int AmountPrecision = 11;

    public void Configure(EntityTypeBuilder<BudgetLine> b)
    {
        b.ToTable("budget_lines");
        b.HasIndex(l => new { l.DisclosureId, l.Ordinal }).IsUnique();
        b.Property(l => l.FunctionalCode).HasMaxLength(7).IsRequired();
        b.Property(l => l.EconomicCode).HasMaxLength(5).IsRequired();
        b.Property(l => l.Amount).HasPrecision(AmountPrecision, 2);
        b.Property(l => l.Project).HasMaxLength(TextLimits.RowProject);
        b.Property(l => l.ProjectLeader).HasMaxLength(TextLimits.ProjectLeader);
        b.Ignore(l => l.IsBasic);
        b.Ignore(l => l.SourceInfo);
    }
}
