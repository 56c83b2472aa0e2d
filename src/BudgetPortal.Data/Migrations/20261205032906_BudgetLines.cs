using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <summary>
    /// Budget lines (issue 12): a line-based version keeps its figures as lines and derives its eleven
    /// tables from them. The lines of a published version are published data like its cells: the same
    /// triggers refuse every change to them, moving them out or in, and TRUNCATE
    /// (docs/decisions/0010-database-roles-and-immutability.md); the portal's role gets only row rights
    /// on the new table (granted at start, as on every table).
    /// </summary>
    public partial class BudgetLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "basis",
                table: "disclosures",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                // Every version stored before lines existed keeps its tables as typed or imported.
                defaultValue: "Tables");

            migrationBuilder.CreateTable(
                name: "budget_lines",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    disclosure_id = table.Column<int>(type: "integer", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    functional_code = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    economic_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    spending = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(11,2)", precision: 11, scale: 2, nullable: false),
                    project = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    project_leader = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budget_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_budget_lines_disclosures_disclosure_id",
                        column: x => x.disclosure_id,
                        principalTable: "disclosures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_budget_lines_disclosure_id_ordinal",
                table: "budget_lines",
                columns: new[] { "disclosure_id", "ordinal" },
                unique: true);

            // A line belongs to its disclosure directly, as a table, a note section or a sheet does.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION part_disclosure(p_table text, r jsonb) RETURNS integer
                LANGUAGE sql STABLE AS $$
                    SELECT CASE p_table
                        WHEN 'budget_tables' THEN (r->>'disclosure_id')::integer
                        WHEN 'note_sections' THEN (r->>'disclosure_id')::integer
                        WHEN 'performance_sheets' THEN (r->>'disclosure_id')::integer
                        WHEN 'budget_lines' THEN (r->>'disclosure_id')::integer
                        WHEN 'table_rows' THEN (SELECT disclosure_id FROM budget_tables WHERE id = (r->>'budget_table_id')::integer)
                        WHEN 'table_cells' THEN (SELECT t.disclosure_id FROM table_rows x JOIN budget_tables t ON t.id = x.budget_table_id
                                                 WHERE x.id = (r->>'table_row_id')::integer)
                        WHEN 'note_lines' THEN (SELECT disclosure_id FROM note_sections WHERE id = (r->>'note_section_id')::integer)
                        WHEN 'note_figures' THEN (SELECT disclosure_id FROM note_sections WHERE id = (r->>'note_section_id')::integer)
                        WHEN 'indicators' THEN (SELECT disclosure_id FROM performance_sheets WHERE id = (r->>'performance_sheet_id')::integer)
                    END
                $$;

                CREATE TRIGGER budget_lines_published_immutable
                    BEFORE INSERT OR UPDATE OR DELETE ON budget_lines
                    FOR EACH ROW EXECUTE FUNCTION refuse_published_part_change();

                CREATE TRIGGER budget_lines_no_truncate
                    BEFORE TRUNCATE ON budget_lines
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // part_disclosure keeps its budget_lines branch: without the table nothing asks for it.
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS budget_lines_no_truncate ON budget_lines;
                DROP TRIGGER IF EXISTS budget_lines_published_immutable ON budget_lines;
                """);
            migrationBuilder.DropTable(
                name: "budget_lines");

            migrationBuilder.DropColumn(
                name: "basis",
                table: "disclosures");
        }
    }
}
