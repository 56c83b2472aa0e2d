using BudgetPortal.Domain;
using BudgetPortal.Domain.Tables;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetPortal.Data.Configurations;

public sealed class BudgetTableConfiguration : IEntityTypeConfiguration<BudgetTable>
{
    public void Configure(EntityTypeBuilder<BudgetTable> b)
    {
        b.ToTable("budget_tables");
        b.HasIndex(t => new { t.DisclosureId, t.Kind }).IsUnique();
        b.Property(t => t.EmptyText).HasMaxLength(TextLimits.EmptyText);
        b.Ignore(t => t.Number);
        b.Ignore(t => t.IsEmpty);
        b.Ignore(t => t.Total);
        // Two officers editing the same table: the second save is refused (the form carries this xmin).
        b.Property<uint>("xmin").IsRowVersion();
        b.HasMany(t => t.Rows).WithOne().HasForeignKey(r => r.BudgetTableId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Rows).HasField("_rows").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class TableRowConfiguration : IEntityTypeConfiguration<TableRow>
{
    public void Configure(EntityTypeBuilder<TableRow> b)
    {
        b.ToTable("table_rows");
        b.HasIndex(r => new { r.BudgetTableId, r.Ordinal }).IsUnique();
        b.HasIndex(r => r.Code);
        b.Property(r => r.Key).HasMaxLength(TextLimits.RowKey);
        b.Property(r => r.Code).HasMaxLength(7);
        b.Property(r => r.Name).HasMaxLength(TextLimits.RowName);
        b.Property(r => r.Project).HasMaxLength(TextLimits.RowProject);
        b.Ignore(r => r.CodeTokens);
        b.OwnsMany(r => r.Cells, c =>
        {
            c.ToTable("table_cells");
            c.WithOwner().HasForeignKey("TableRowId");
            c.HasKey("TableRowId", nameof(TableCell.Column));
            c.Property(x => x.Column).HasMaxLength(TextLimits.ColumnKey);
        });
        b.Navigation(r => r.Cells).HasField("_cells").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
