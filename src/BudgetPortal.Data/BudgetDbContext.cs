using System.Text;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Data.Jobs;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Compliance;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Glossary;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Data;

/// <summary>The disclosures, the reference data, and the accounts (ASP.NET Core Identity) in one
/// database and one context, so a change and its audit line commit together (docs/decisions/0005).
/// The keys that protect sign-in cookies and form tokens are here too, so every web node reads the same (issue 15).</summary>
public class BudgetDbContext(DbContextOptions<BudgetDbContext> options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Disclosure> Disclosures => Set<Disclosure>();
    public DbSet<BudgetTable> BudgetTables => Set<BudgetTable>();
    public DbSet<TableRow> TableRows => Set<TableRow>();
    public DbSet<NoteSection> NoteSections => Set<NoteSection>();
    public DbSet<PerformanceSheet> PerformanceSheets => Set<PerformanceSheet>();
    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();
    public DbSet<GlossaryEntry> GlossaryEntries => Set<GlossaryEntry>();
    public DbSet<ClassificationCode> ClassificationCodes => Set<ClassificationCode>();
    public DbSet<DisclosurePdf> DisclosurePdfs => Set<DisclosurePdf>();
    /// <summary>The files of published versions (CSV, xlsx) made once by a job after publication, served and zipped as stored.</summary>
    public DbSet<PublishedFile> PublishedFiles => Set<PublishedFile>();
    public DbSet<UserDepartment> UserDepartments => Set<UserDepartment>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<PublishedSummary> PublishedSummaries => Set<PublishedSummary>();
    public DbSet<ExpectedDisclosure> ExpectedDisclosures => Set<ExpectedDisclosure>();
    public DbSet<ComplianceRuleEntry> ComplianceRules => Set<ComplianceRuleEntry>();
    public DbSet<ComplianceFacts> ComplianceFacts => Set<ComplianceFacts>();
    public DbSet<Job> Jobs => Set<Job>();
    /// <summary>Each published version's share of its year's zip, made once by a job (YearPackagePart).</summary>
    public DbSet<YearPackagePart> YearPackageParts => Set<YearPackagePart>();
    /// <summary>The data-protection key ring (XML, as ASP.NET Core writes it): one row per key, never a secret outside the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Saves; a version published in this save gets its public summary and its compliance facts (read from
    /// its parts as stored: publishing changes only the version's row) and its jobs (the PDFs to print) in the same transaction.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var published in JustPublished())
        {
            var stored = await Data.ComplianceFacts.Stored(this).SingleAsync(d => d.Id == published.Id, cancellationToken);
            var summary = PublishedSummary.Of(published, published.Tables.Count > 0 ? null : stored);
            Summarise(summary, await PublishedSummaries.FindAsync([summary.DepartmentId, summary.FiscalYear], cancellationToken));
            ComplianceFacts.Add(Data.ComplianceFacts.Of(published, stored));
            AddJobs(published);
        }
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        foreach (var published in JustPublished())
        {
            var stored = Data.ComplianceFacts.Stored(this).Single(d => d.Id == published.Id);
            var summary = PublishedSummary.Of(published, published.Tables.Count > 0 ? null : stored);
            Summarise(summary, PublishedSummaries.Find(summary.DepartmentId, summary.FiscalYear));
            ComplianceFacts.Add(Data.ComplianceFacts.Of(published, stored));
            AddJobs(published);
        }
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>A first publication adds its department's year; a correction takes the place of the version it corrects.</summary>
    internal void Summarise(PublishedSummary summary, PublishedSummary? current)
    {
        if (current is null) PublishedSummaries.Add(summary);
        else if (current.Version < summary.Version) current.TakeFrom(summary);
    }

    /// <summary>What a publication leaves to be done once, by whichever node is free (<see cref="JobQueue"/>).</summary>
    private void AddJobs(Disclosure published)
    {
        foreach (var kind in Job.AtPublication) Jobs.Add(Job.For(kind, published.Id));
    }

    /// <summary>The versions whose status this save changes to published (a version is never inserted published).</summary>
    private List<Disclosure> JustPublished() =>
        ChangeTracker.Entries<Disclosure>()
            .Where(e => e.State == EntityState.Modified && e.Entity.Status == DisclosureStatus.Published
                        && e.Property(d => d.Status).IsModified && e.Property(d => d.Status).OriginalValue != DisclosureStatus.Published)
            .Select(e => e.Entity).ToList();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Closed sets are stored as their names, so the database reads without the code.
        builder.Properties<DisclosureStatus>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<TableKind>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<RowKind>().HaveConversion<string>().HaveMaxLength(24);
        builder.Properties<SheetKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<ClassificationScheme>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Severity>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Outcome>().HaveConversion<string>().HaveMaxLength(8);
        builder.Properties<BudgetBasis>().HaveConversion<string>().HaveMaxLength(8);
        builder.Properties<LineSpending>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<MoneySource>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BudgetDbContext).Assembly);

        // snake_case names for every table and column.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (!entity.IsOwned() && entity.GetTableName() is { } table)
                entity.SetTableName(SnakeCase(table));
            // An owned type stored in its owner's table (Overview, SignOff) shares the owner's key column.
            var splitsOwnerTable = entity.IsOwned() && entity.GetTableName() == entity.FindOwnership()!.PrincipalEntityType.GetTableName();
            foreach (var property in entity.GetProperties())
            {
                if (splitsOwnerTable && property.IsPrimaryKey()) continue;
                var column = property.GetColumnName();
                if (column.Any(char.IsUpper)) property.SetColumnName(SnakeCase(column));
            }
            foreach (var key in entity.GetKeys())
                if (!splitsOwnerTable) key.SetName(SnakeCase(key.GetName()!));
            foreach (var fk in entity.GetForeignKeys())
                if (!splitsOwnerTable) fk.SetConstraintName(SnakeCase(fk.GetConstraintName()!));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
        }
    }

    internal static string SnakeCase(string name)
    {
        if (name == "xmin") return name;
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                    (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
