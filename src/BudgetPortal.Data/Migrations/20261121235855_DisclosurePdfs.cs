using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class DisclosurePdfs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "disclosure_pdfs",
                columns: table => new
                {
                    disclosure_id = table.Column<int>(type: "integer", nullable: false),
                    part = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    printed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disclosure_pdfs", x => new { x.disclosure_id, x.part });
                    table.ForeignKey(
                        name: "fk_disclosure_pdfs_disclosures_disclosure_id",
                        column: x => x.disclosure_id,
                        principalTable: "disclosures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            // A stored PDF is the file auditors verify by its SHA-256: it is only ever inserted, and
            // only for a published version, whoever writes to the database.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_disclosure_pdf_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF NOT disclosure_is_published(NEW.disclosure_id) THEN
                            RAISE EXCEPTION '只有已发布的预算公开（编号 %）才能存档 PDF。', NEW.disclosure_id
                                USING ERRCODE = 'BP001';
                        END IF;
                        IF NEW.sha256 <> encode(sha256(NEW.content), 'hex') THEN
                            RAISE EXCEPTION 'PDF 的 SHA-256 与内容不符（编号 %）。', NEW.disclosure_id
                                USING ERRCODE = 'BP001';
                        END IF;
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION '已存档的 PDF（编号 %，部分 %）不能修改或删除。', OLD.disclosure_id, OLD.part
                        USING ERRCODE = 'BP001';
                END $$;

                CREATE TRIGGER disclosure_pdfs_insert_only
                    BEFORE INSERT OR UPDATE OR DELETE ON disclosure_pdfs
                    FOR EACH ROW EXECUTE FUNCTION refuse_disclosure_pdf_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS disclosure_pdfs_insert_only ON disclosure_pdfs;
                DROP FUNCTION IF EXISTS refuse_disclosure_pdf_change();
                """);
            migrationBuilder.DropTable(
                name: "disclosure_pdfs");
        }
    }
}
