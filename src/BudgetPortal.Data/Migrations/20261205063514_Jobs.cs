using System;
using Microsoft.EntityFrameworkCore.Migrations;
using BudgetPortal.Data.Jobs;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Jobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    disclosure_id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    run_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    taken_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs", x => x.id);
                    table.ForeignKey(
                        name: "fk_jobs_disclosures_disclosure_id",
                        column: x => x.disclosure_id,
                        principalTable: "disclosures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_disclosure_id_kind",
                table: "jobs",
                columns: new[] { "disclosure_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_jobs_pending",
                table: "jobs",
                columns: new[] { "run_after", "id" },
                filter: "done_at IS NULL");

            // Every node LISTENs on budget_jobs: a committed insert wakes them at once (the runners
            // also poll, for leases that ran out and for retries). A job done stays done: its result
            // is stored, and the database would refuse a second one anyway (disclosure_pdfs).
            migrationBuilder.Sql($$"""
                CREATE FUNCTION announce_jobs() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM added) THEN
                        PERFORM pg_notify('{{JobQueue.Channel}}', '');
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER jobs_announce
                    AFTER INSERT ON jobs REFERENCING NEW TABLE AS added
                    FOR EACH STATEMENT EXECUTE FUNCTION announce_jobs();

                CREATE FUNCTION keep_done_jobs() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.done_at IS NOT NULL THEN
                        RAISE EXCEPTION '已完成的任务（编号 %）不能修改或删除。', OLD.id USING ERRCODE = 'BP001';
                    END IF;
                    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                END $$;

                CREATE TRIGGER jobs_done_stay_done
                    BEFORE UPDATE OR DELETE ON jobs
                    FOR EACH ROW EXECUTE FUNCTION keep_done_jobs();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "jobs");
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS announce_jobs();
                DROP FUNCTION IF EXISTS keep_done_jobs();
                """);
        }
    }
}
