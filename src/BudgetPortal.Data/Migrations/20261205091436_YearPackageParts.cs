using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <summary>
    /// Each published version's share of its year's zip, made once by a job after publication (issue 15;
    /// YearPackagePart): kept like the version's other stored files — inserted only for a published
    /// version whose department and year it names, once; never updated, deleted or truncated; the portal's
    /// role is not even granted UPDATE or DELETE (DatabaseSetup).
    /// </summary>
    public partial class YearPackageParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "year_package_parts",
                columns: table => new
                {
                    disclosure_id = table.Column<int>(type: "integer", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    folder = table.Column<string>(type: "text", nullable: false),
                    lines = table.Column<byte[]>(type: "bytea", nullable: false),
                    lines_length = table.Column<long>(type: "bigint", nullable: false),
                    lines_crc32 = table.Column<long>(type: "bigint", nullable: false),
                    resources = table.Column<byte[]>(type: "bytea", nullable: false),
                    resources_length = table.Column<long>(type: "bigint", nullable: false),
                    resources_crc32 = table.Column<long>(type: "bigint", nullable: false),
                    pdf_resource = table.Column<byte[]>(type: "bytea", nullable: false),
                    pdf_resource_length = table.Column<long>(type: "bigint", nullable: false),
                    pdf_resource_crc32 = table.Column<long>(type: "bigint", nullable: false),
                    pdf_name = table.Column<string>(type: "text", nullable: false),
                    pdf_crc32 = table.Column<long>(type: "bigint", nullable: true),
                    made_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_year_package_parts", x => x.disclosure_id);
                    table.CheckConstraint("ck_year_package_parts_crc32", "lines_crc32 BETWEEN 0 AND 4294967295 AND resources_crc32 BETWEEN 0 AND 4294967295 AND pdf_resource_crc32 BETWEEN 0 AND 4294967295 AND (pdf_crc32 IS NULL OR pdf_crc32 BETWEEN 0 AND 4294967295)");
                    table.CheckConstraint("ck_year_package_parts_folder", "folder <> '' AND strpos(folder, '/') = 0 AND pdf_name <> '' AND strpos(pdf_name, '/') = 0");
                    table.CheckConstraint("ck_year_package_parts_lengths", "lines_length >= 0 AND resources_length >= 0 AND pdf_resource_length >= 0");
                    table.ForeignKey(
                        name: "fk_year_package_parts_disclosures_disclosure_id",
                        column: x => x.disclosure_id,
                        principalTable: "disclosures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_year_package_parts_fiscal_year_department_id",
                table: "year_package_parts",
                columns: new[] { "fiscal_year", "department_id" });

            migrationBuilder.CreateIndex(
                name: "ix_year_package_parts_fiscal_year_folder",
                table: "year_package_parts",
                columns: new[] { "fiscal_year", "folder" });

            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_year_package_part_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF NOT EXISTS (SELECT 1 FROM disclosures d WHERE d.id = NEW.disclosure_id AND d.status = 'Published'
                                       AND d.department_id = NEW.department_id AND d.fiscal_year = NEW.fiscal_year) THEN
                            RAISE EXCEPTION '只有已发布的预算公开（编号 %）才能存入年度数据包，且部门和年度须与之相同。', NEW.disclosure_id
                                USING ERRCODE = 'BP001';
                        END IF;
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION '年度数据包中已存的部分（编号 %）不能修改或删除。', OLD.disclosure_id
                        USING ERRCODE = 'BP001';
                END $$;

                CREATE TRIGGER year_package_parts_insert_only
                    BEFORE INSERT OR UPDATE OR DELETE ON year_package_parts
                    FOR EACH ROW EXECUTE FUNCTION refuse_year_package_part_change();

                CREATE TRIGGER year_package_parts_no_truncate
                    BEFORE TRUNCATE ON year_package_parts
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS year_package_parts_no_truncate ON year_package_parts;
                DROP TRIGGER IF EXISTS year_package_parts_insert_only ON year_package_parts;
                DROP FUNCTION IF EXISTS refuse_year_package_part_change();
                """);
            migrationBuilder.DropTable(
                name: "year_package_parts");
        }
    }
}
