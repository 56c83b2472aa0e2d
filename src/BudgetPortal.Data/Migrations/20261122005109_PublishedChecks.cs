using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublishedChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "published_checks",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    disclosure_id = table.Column<int>(type: "integer", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    rule = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    outcome = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    message = table.Column<string>(type: "text", nullable: false),
                    location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_published_checks", x => x.id);
                    table.ForeignKey(
                        name: "fk_published_checks_disclosures_disclosure_id",
                        column: x => x.disclosure_id,
                        principalTable: "disclosures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_published_checks_disclosure_id_ordinal",
                table: "published_checks",
                columns: new[] { "disclosure_id", "ordinal" },
                unique: true);

            // The checks recorded at publication are part of the published record: insert-only.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_published_check_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '发布时记录的数据核验结果不能修改或删除（公开编号 %）。', OLD.disclosure_id
                        USING ERRCODE = 'BP001';
                END $$;
                CREATE TRIGGER published_checks_insert_only
                    BEFORE UPDATE OR DELETE ON published_checks
                    FOR EACH ROW EXECUTE FUNCTION refuse_published_check_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS published_checks_insert_only ON published_checks;
                DROP FUNCTION IF EXISTS refuse_published_check_change();
                """);

            migrationBuilder.DropTable(
                name: "published_checks");
        }
    }
}
