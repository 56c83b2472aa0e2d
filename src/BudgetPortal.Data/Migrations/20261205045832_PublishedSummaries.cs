using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <summary>
    /// The public lists' projection (issue 15): the latest published version of each department's
    /// year with the figures the lists show, so the home page, the search, the ranking and the API's
    /// department list read one indexed table, whatever the number of versions. The portal writes it in
    /// the publishing transaction (BudgetDbContext.SaveChanges) and fills it for versions published before
    /// (PublishedSummaries.AddMissingAsync at start). The database keeps it honest: a row points only to
    /// the latest published version of its department's year, moves only to a later version, takes the
    /// department's code and name from departments (and follows a renaming), is never deleted or
    /// truncated, and its figures never change for the same version. Indexes: the search's order (newest
    /// year first, then name), partial names (pg_trgm, a trusted extension the database owner may create),
    /// the 功能分类 类 (GIN over the array), the ranking's year.
    /// </summary>
    public partial class PublishedSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "published_summaries",
                columns: table => new
                {
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    disclosure_id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    department_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    department_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    total = table.Column<decimal>(type: "numeric", nullable: false),
                    three_public = table.Column<decimal>(type: "numeric", nullable: false),
                    overseas = table.Column<decimal>(type: "numeric", nullable: false),
                    vehicle_purchase = table.Column<decimal>(type: "numeric", nullable: false),
                    vehicle_operation = table.Column<decimal>(type: "numeric", nullable: false),
                    reception = table.Column<decimal>(type: "numeric", nullable: false),
                    running_costs = table.Column<decimal>(type: "numeric", nullable: false),
                    staff = table.Column<int>(type: "integer", nullable: false),
                    category_codes = table.Column<string[]>(type: "text[]", nullable: false),
                    category_names = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_published_summaries", x => new { x.department_id, x.fiscal_year });
                    table.ForeignKey(
                        name: "fk_published_summaries_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_published_summaries_disclosures_disclosure_id",
                        column: x => x.disclosure_id,
                        principalTable: "disclosures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_published_summaries_department_code_fiscal_year",
                table: "published_summaries",
                columns: new[] { "department_code", "fiscal_year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_published_summaries_disclosure_id",
                table: "published_summaries",
                column: "disclosure_id",
                unique: true);

            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX ix_published_summaries_listing ON published_summaries ((-fiscal_year), department_name, disclosure_id);
                CREATE INDEX ix_published_summaries_fiscal_year ON published_summaries (fiscal_year);
                CREATE INDEX ix_published_summaries_name_trgm ON published_summaries USING gin (department_name gin_trgm_ops);
                CREATE INDEX ix_published_summaries_category_codes ON published_summaries USING gin (category_codes);

                -- The department's code and name come from departments; a row is never deleted; for the same
                -- version only the name changes (a renaming), and a row moves only to a later version.
                CREATE FUNCTION fill_published_summary() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION '已发布预算公开的摘要不能删除（部门编号 %，% 年）。', OLD.department_id, OLD.fiscal_year
                            USING ERRCODE = 'BP001';
                    END IF;
                    SELECT code, name INTO NEW.department_code, NEW.department_name FROM departments WHERE id = NEW.department_id;
                    IF TG_OP = 'UPDATE' AND NEW.disclosure_id = OLD.disclosure_id
                       AND to_jsonb(NEW) - 'department_name' <> to_jsonb(OLD) - 'department_name' THEN
                        RAISE EXCEPTION '已发布预算公开（编号 %）的摘要不能修改；更正请发布新版本。', OLD.disclosure_id
                            USING ERRCODE = 'BP001';
                    END IF;
                    IF TG_OP = 'UPDATE' AND (NEW.department_id, NEW.fiscal_year) <> (OLD.department_id, OLD.fiscal_year)
                       OR TG_OP = 'UPDATE' AND NEW.disclosure_id <> OLD.disclosure_id AND NEW.version <= OLD.version THEN
                        RAISE EXCEPTION '摘要只能由同一部门同一年度的更新版本取代（公开编号 %）。', NEW.disclosure_id
                            USING ERRCODE = 'BP001';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER published_summaries_fill
                    BEFORE INSERT OR UPDATE OR DELETE ON published_summaries
                    FOR EACH ROW EXECUTE FUNCTION fill_published_summary();

                -- At commit (the publishing transaction writes the summary and the version's status in either
                -- order): the row is the latest published version of its department's year, as published.
                CREATE FUNCTION check_published_summary() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM published_summaries s JOIN disclosures d ON d.id = s.disclosure_id
                                   WHERE s.department_id = NEW.department_id AND s.fiscal_year = NEW.fiscal_year
                                     AND d.status = 'Published' AND d.department_id = s.department_id AND d.fiscal_year = s.fiscal_year
                                     AND d.version = s.version AND d.published_at = s.published_at)
                       OR EXISTS (SELECT 1 FROM published_summaries s JOIN disclosures o
                                  ON o.department_id = s.department_id AND o.fiscal_year = s.fiscal_year
                                  WHERE s.department_id = NEW.department_id AND s.fiscal_year = NEW.fiscal_year
                                    AND o.status = 'Published' AND o.version > s.version) THEN
                        RAISE EXCEPTION '摘要只能指向该部门该年度最新发布的版本（公开编号 %）。', NEW.disclosure_id
                            USING ERRCODE = 'BP001';
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER published_summaries_latest_only
                    AFTER INSERT OR UPDATE ON published_summaries DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION check_published_summary();

                CREATE TRIGGER published_summaries_no_truncate
                    BEFORE TRUNCATE ON published_summaries
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

                -- A renamed department's summaries show its new name (as the search did when it joined departments).
                CREATE FUNCTION follow_department_name() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE published_summaries SET department_name = NEW.name WHERE department_id = NEW.id;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER departments_name_in_summaries
                    AFTER UPDATE OF name ON departments
                    FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name) EXECUTE FUNCTION follow_department_name();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS departments_name_in_summaries ON departments;
                DROP FUNCTION IF EXISTS follow_department_name();
                """);
            migrationBuilder.DropTable(
                name: "published_summaries");
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS check_published_summary();
                DROP FUNCTION IF EXISTS fill_published_summary();
                """);
        }
    }
}
