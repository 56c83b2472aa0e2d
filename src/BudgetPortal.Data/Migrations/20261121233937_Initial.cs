using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "classification_codes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    scheme = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_classification_codes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "glossary_entries",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    year = table.Column<int>(type: "integer", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    numeral = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    term = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_glossary_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "disclosures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    correction_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    source_document = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    has_cover = table.Column<bool>(type: "boolean", nullable: false),
                    overview_functions = table.Column<List<string>>(type: "text[]", nullable: false),
                    overview_structure_text = table.Column<List<string>>(type: "text[]", nullable: false),
                    overview_subordinate_units = table.Column<int>(type: "integer", nullable: false),
                    overview_unit_word = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    overview_internal_units = table.Column<List<string>>(type: "text[]", nullable: false),
                    staff_authorized = table.Column<int>(type: "integer", nullable: false),
                    staff_actual = table.Column<int>(type: "integer", nullable: false),
                    staff_active = table.Column<int>(type: "integer", nullable: false),
                    staff_active_change = table.Column<int>(type: "integer", nullable: false),
                    staff_retired = table.Column<int>(type: "integer", nullable: false),
                    staff_retired_change = table.Column<int>(type: "integer", nullable: false),
                    staff_honorary = table.Column<int>(type: "integer", nullable: false),
                    staff_honorary_change = table.Column<int>(type: "integer", nullable: false),
                    sign_off_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sign_off_date = table.Column<DateOnly>(type: "date", nullable: false),
                    sign_off_text = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disclosures", x => x.id);
                    table.ForeignKey(
                        name: "fk_disclosures_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "budget_tables",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    disclosure_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    empty_text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budget_tables", x => x.id);
                    table.ForeignKey(
                        name: "fk_budget_tables_disclosures_disclosure_id",
                        column: x => x.disclosure_id,
                        principalTable: "disclosures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "note_sections",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    disclosure_id = table.Column<int>(type: "integer", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    key = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    heading = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    paragraphs = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_note_sections", x => x.id);
                    table.ForeignKey(
                        name: "fk_note_sections_disclosures_disclosure_id",
                        column: x => x.disclosure_id,
                        principalTable: "disclosures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "performance_sheets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    disclosure_id = table.Column<int>(type: "integer", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    unit = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    contact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    goal = table.Column<string>(type: "text", nullable: true),
                    funds_superior = table.Column<decimal>(type: "numeric", nullable: true),
                    funds_local = table.Column<decimal>(type: "numeric", nullable: true),
                    funds_total = table.Column<decimal>(type: "numeric", nullable: true),
                    funds_fiscal = table.Column<decimal>(type: "numeric", nullable: true),
                    funds_other = table.Column<decimal>(type: "numeric", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_performance_sheets", x => x.id);
                    table.ForeignKey(
                        name: "fk_performance_sheets_disclosures_disclosure_id",
                        column: x => x.disclosure_id,
                        principalTable: "disclosures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "table_rows",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    budget_table_id = table.Column<int>(type: "integer", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    code = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    project = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_table_rows", x => x.id);
                    table.ForeignKey(
                        name: "fk_table_rows_budget_tables_budget_table_id",
                        column: x => x.budget_table_id,
                        principalTable: "budget_tables",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "note_figures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    note_section_id = table.Column<int>(type: "integer", nullable: false),
                    key = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    number = table.Column<decimal>(type: "numeric", nullable: true),
                    text = table.Column<string>(type: "text", nullable: true),
                    is_list = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_note_figures", x => x.id);
                    table.ForeignKey(
                        name: "fk_note_figures_note_sections_note_section_id",
                        column: x => x.note_section_id,
                        principalTable: "note_sections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "note_lines",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    note_section_id = table.Column<int>(type: "integer", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    amount = table.Column<decimal>(type: "numeric", nullable: true),
                    share = table.Column<decimal>(type: "numeric", nullable: true),
                    change = table.Column<decimal>(type: "numeric", nullable: true),
                    change_percent = table.Column<decimal>(type: "numeric", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    purpose = table.Column<string>(type: "text", nullable: true),
                    policy_basis = table.Column<string>(type: "text", nullable: true),
                    unit = table.Column<string>(type: "text", nullable: true),
                    allocation = table.Column<string>(type: "text", nullable: true),
                    period = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_note_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_note_lines_note_sections_note_section_id",
                        column: x => x.note_section_id,
                        principalTable: "note_sections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "indicators",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    performance_sheet_id = table.Column<int>(type: "integer", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    level1 = table.Column<string>(type: "text", nullable: false),
                    level2 = table.Column<string>(type: "text", nullable: false),
                    level3 = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    basis = table.Column<string>(type: "text", nullable: true),
                    last_year = table.Column<string>(type: "text", nullable: true),
                    weight = table.Column<decimal>(type: "numeric", nullable: true),
                    scoring = table.Column<string>(type: "text", nullable: true),
                    evidence = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicators", x => x.id);
                    table.ForeignKey(
                        name: "fk_indicators_performance_sheets_performance_sheet_id",
                        column: x => x.performance_sheet_id,
                        principalTable: "performance_sheets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "table_cells",
                columns: table => new
                {
                    column = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    table_row_id = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_table_cells", x => new { x.table_row_id, x.column });
                    table.ForeignKey(
                        name: "fk_table_cells_table_rows_table_row_id",
                        column: x => x.table_row_id,
                        principalTable: "table_rows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_budget_tables_disclosure_id_kind",
                table: "budget_tables",
                columns: new[] { "disclosure_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_classification_codes_scheme_year_code",
                table: "classification_codes",
                columns: new[] { "scheme", "year", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_departments_code",
                table: "departments",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_disclosures_department_id_fiscal_year_version",
                table: "disclosures",
                columns: new[] { "department_id", "fiscal_year", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_glossary_entries_year_ordinal",
                table: "glossary_entries",
                columns: new[] { "year", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_indicators_performance_sheet_id",
                table: "indicators",
                column: "performance_sheet_id");

            migrationBuilder.CreateIndex(
                name: "ix_note_figures_note_section_id",
                table: "note_figures",
                column: "note_section_id");

            migrationBuilder.CreateIndex(
                name: "ix_note_lines_note_section_id",
                table: "note_lines",
                column: "note_section_id");

            migrationBuilder.CreateIndex(
                name: "ix_note_sections_disclosure_id_key",
                table: "note_sections",
                columns: new[] { "disclosure_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_performance_sheets_disclosure_id_ordinal",
                table: "performance_sheets",
                columns: new[] { "disclosure_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_table_rows_budget_table_id_ordinal",
                table: "table_rows",
                columns: new[] { "budget_table_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_table_rows_code",
                table: "table_rows",
                column: "code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "classification_codes");

            migrationBuilder.DropTable(
                name: "glossary_entries");

            migrationBuilder.DropTable(
                name: "indicators");

            migrationBuilder.DropTable(
                name: "note_figures");

            migrationBuilder.DropTable(
                name: "note_lines");

            migrationBuilder.DropTable(
                name: "table_cells");

            migrationBuilder.DropTable(
                name: "performance_sheets");

            migrationBuilder.DropTable(
                name: "note_sections");

            migrationBuilder.DropTable(
                name: "table_rows");

            migrationBuilder.DropTable(
                name: "budget_tables");

            migrationBuilder.DropTable(
                name: "disclosures");

            migrationBuilder.DropTable(
                name: "departments");
        }
    }
}
