using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class YearPackageGenerations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The year zip's entity tag in one row (issue 15): its bytes follow from the year's latest versions and
            // whether each one's PDF is stored, so the generation moves whenever either does, in the transaction that
            // changes it. A 304 then reads one row instead of pinning every version of the year.
            migrationBuilder.Sql("""
                CREATE TABLE year_package_generations (
                    fiscal_year integer PRIMARY KEY,
                    generation bigint NOT NULL CHECK (generation > 0));

                CREATE FUNCTION bump_year_package(year integer) RETURNS void
                LANGUAGE sql AS $$
                    INSERT INTO year_package_generations AS g (fiscal_year, generation) VALUES (year, 1)
                    ON CONFLICT (fiscal_year) DO UPDATE SET generation = g.generation + 1;
                $$;

                CREATE FUNCTION year_package_changed_by_summary() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM bump_year_package(NEW.fiscal_year); END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') AND (TG_OP = 'DELETE' OR OLD.fiscal_year <> NEW.fiscal_year) THEN
                        PERFORM bump_year_package(OLD.fiscal_year);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER published_summaries_year_package
                    AFTER INSERT OR UPDATE OR DELETE ON published_summaries
                    FOR EACH ROW EXECUTE FUNCTION year_package_changed_by_summary();

                CREATE FUNCTION year_package_changed_by_pdf() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM bump_year_package(d.fiscal_year) FROM disclosures d WHERE d.id = NEW.disclosure_id;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER disclosure_pdfs_year_package
                    AFTER INSERT ON disclosure_pdfs
                    FOR EACH ROW WHEN (NEW.part = 0) EXECUTE FUNCTION year_package_changed_by_pdf();

                INSERT INTO year_package_generations (fiscal_year, generation)
                SELECT DISTINCT fiscal_year, 1 FROM published_summaries;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER disclosure_pdfs_year_package ON disclosure_pdfs;
                DROP FUNCTION year_package_changed_by_pdf();
                DROP TRIGGER published_summaries_year_package ON published_summaries;
                DROP FUNCTION year_package_changed_by_summary();
                DROP FUNCTION bump_year_package(integer);
                DROP TABLE year_package_generations;
                """);
        }
    }
}
