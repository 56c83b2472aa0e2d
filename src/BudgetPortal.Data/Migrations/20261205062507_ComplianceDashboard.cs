using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <summary>
    /// The compliance dashboard (issue 17): the departments expected to publish each year with their 批复
    /// dates, the rules of a region's year (deadline and checklist, each with its source), and the facts of
    /// every published version (published_at, frozen checks' errors and warnings, failed checklist items),
    /// written in the publishing transaction (BudgetDbContext.SaveChanges) and, for versions published
    /// before, at start (ComplianceFacts.AddMissingAsync). The facts are published data: a row is accepted
    /// only for a published version as published (checked at commit), and never updated, deleted or
    /// truncated (docs/decisions/0010, 0020).
    /// </summary>
    public partial class ComplianceDashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "compliance_facts",
                columns: table => new
                {
                    disclosure_id = table.Column<int>(type: "integer", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    errors = table.Column<int>(type: "integer", nullable: false),
                    warnings = table.Column<int>(type: "integer", nullable: false),
                    failed_items = table.Column<string[]>(type: "text[]", nullable: false),
                    failure_details = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_compliance_facts", x => x.disclosure_id);
                    table.ForeignKey(
                        name: "fk_compliance_facts_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_compliance_facts_disclosures_disclosure_id",
                        column: x => x.disclosure_id,
                        principalTable: "disclosures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "compliance_rules",
                columns: table => new
                {
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    region = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    rule = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    required = table.Column<bool>(type: "boolean", nullable: false),
                    days = table.Column<int>(type: "integer", nullable: true),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_compliance_rules", x => new { x.fiscal_year, x.region, x.rule });
                });

            migrationBuilder.CreateTable(
                name: "expected_disclosures",
                columns: table => new
                {
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    approved_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expected_disclosures", x => new { x.fiscal_year, x.department_id });
                    table.ForeignKey(
                        name: "fk_expected_disclosures_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_compliance_facts_department_id",
                table: "compliance_facts",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_compliance_facts_fiscal_year_department_id_version",
                table: "compliance_facts",
                columns: new[] { "fiscal_year", "department_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_expected_disclosures_department_id",
                table: "expected_disclosures",
                column: "department_id");

            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_compliance_facts_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '已发布版本（编号 %）的公开情况数据不能修改或删除。', OLD.disclosure_id USING ERRCODE = 'BP001';
                END $$;
                CREATE TRIGGER compliance_facts_immutable
                    BEFORE UPDATE OR DELETE ON compliance_facts
                    FOR EACH ROW EXECUTE FUNCTION refuse_compliance_facts_change();
                CREATE TRIGGER compliance_facts_no_truncate
                    BEFORE TRUNCATE ON compliance_facts
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

                -- At commit (the publishing transaction writes the facts and the version's status in either order):
                -- the row describes a published version as it was published.
                CREATE FUNCTION check_compliance_facts() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM disclosures d WHERE d.id = NEW.disclosure_id AND d.status = 'Published'
                                     AND d.department_id = NEW.department_id AND d.fiscal_year = NEW.fiscal_year
                                     AND d.version = NEW.version AND d.published_at = NEW.published_at) THEN
                        RAISE EXCEPTION '公开情况数据只能记录已发布的版本，且与其发布时一致（公开编号 %）。', NEW.disclosure_id
                            USING ERRCODE = 'BP001';
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER compliance_facts_published_only
                    AFTER INSERT ON compliance_facts DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION check_compliance_facts();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS compliance_facts_published_only ON compliance_facts;
                DROP TRIGGER IF EXISTS compliance_facts_immutable ON compliance_facts;
                DROP TRIGGER IF EXISTS compliance_facts_no_truncate ON compliance_facts;
                DROP FUNCTION IF EXISTS check_compliance_facts();
                DROP FUNCTION IF EXISTS refuse_compliance_facts_change();
                """);
            migrationBuilder.DropTable(
                name: "compliance_facts");

            migrationBuilder.DropTable(
                name: "compliance_rules");

            migrationBuilder.DropTable(
                name: "expected_disclosures");
        }
    }
}
