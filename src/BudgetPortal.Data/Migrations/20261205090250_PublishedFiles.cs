using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <summary>
    /// The files of a published version made once by a job after publication (issue 15): each table's
    /// CSV, the 预算明细 CSV, the workbook — served by the downloads and copied into the year's zip as
    /// stored. Kept like the stored PDFs (disclosure_pdfs): inserted only for a published version and only
    /// together, in one transaction (the set is closed after the first); never updated, deleted or
    /// truncated, whoever asks (the owner too, unless it disables the trigger on purpose); the portal's
    /// role is not even granted UPDATE or DELETE (DatabaseSetup).
    /// </summary>
    public partial class PublishedFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "published_files",
                columns: table => new
                {
                    disclosure_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    media_type = table.Column<string>(type: "text", nullable: false),
                    deflated = table.Column<bool>(type: "boolean", nullable: false),
                    body = table.Column<byte[]>(type: "bytea", nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    crc32 = table.Column<long>(type: "bigint", nullable: false),
                    etag = table.Column<string>(type: "text", nullable: false),
                    stored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_published_files", x => new { x.disclosure_id, x.name });
                    table.CheckConstraint("ck_published_files_body", "CASE WHEN deflated THEN octet_length(body) > 0 ELSE octet_length(body) = length END");
                    table.CheckConstraint("ck_published_files_crc32", "crc32 BETWEEN 0 AND 4294967295");
                    table.CheckConstraint("ck_published_files_length", "length >= 0");
                    table.ForeignKey(
                        name: "fk_published_files_disclosures_disclosure_id",
                        column: x => x.disclosure_id,
                        principalTable: "disclosures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_published_file_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF NOT disclosure_is_published(NEW.disclosure_id) THEN
                            RAISE EXCEPTION '只有已发布的预算公开（编号 %）才能存档文件（%）。', NEW.disclosure_id, NEW.name
                                USING ERRCODE = 'BP001';
                        END IF;
                        -- A file kept as it is must carry its own entity tag (the deflated ones the database cannot read).
                        IF NOT NEW.deflated AND NEW.etag <> '"' || rtrim(translate(encode(substring(sha256(NEW.body) FROM 1 FOR 16), 'base64'), '+/', '-_'), '=') || '"' THEN
                            RAISE EXCEPTION '文件“%”的 ETag 与内容不符（编号 %）。', NEW.name, NEW.disclosure_id
                                USING ERRCODE = 'BP001';
                        END IF;
                        IF EXISTS (SELECT 1 FROM published_files f WHERE f.disclosure_id = NEW.disclosure_id
                                   AND NOT written_by_current_transaction(f.xmin)) THEN
                            RAISE EXCEPTION '已发布的预算公开（编号 %）的文件已经存档，不能再添加（%）。', NEW.disclosure_id, NEW.name
                                USING ERRCODE = 'BP001';
                        END IF;
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION '已存档的文件（编号 %，%）不能修改或删除。', OLD.disclosure_id, OLD.name
                        USING ERRCODE = 'BP001';
                END $$;

                CREATE TRIGGER published_files_insert_only
                    BEFORE INSERT OR UPDATE OR DELETE ON published_files
                    FOR EACH ROW EXECUTE FUNCTION refuse_published_file_change();

                CREATE TRIGGER published_files_no_truncate
                    BEFORE TRUNCATE ON published_files
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS published_files_no_truncate ON published_files;
                DROP TRIGGER IF EXISTS published_files_insert_only ON published_files;
                DROP FUNCTION IF EXISTS refuse_published_file_change();
                """);
            migrationBuilder.DropTable(
                name: "published_files");
        }
    }
}
