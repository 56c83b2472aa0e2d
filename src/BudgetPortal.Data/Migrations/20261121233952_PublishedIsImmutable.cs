using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublishedIsImmutable : Migration
    {
        /// <inheritdoc />
        private static readonly string[] PartTables =
        [
            "budget_tables", "table_rows", "table_cells", "note_sections", "note_lines", "note_figures",
            "performance_sheets", "indicators",
        ];

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Published data never changes, whatever writes to the database: the application, a
            // script or a person with psql. A correction is a new version (a new disclosures row).
            migrationBuilder.Sql("""
                CREATE FUNCTION disclosure_is_published(p_id integer) RETURNS boolean
                LANGUAGE sql STABLE AS $$
                    SELECT coalesce((SELECT status = 'Published' FROM disclosures WHERE id = p_id), false)
                $$;

                CREATE FUNCTION refuse_published_disclosure_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        RETURN NEW;
                    END IF;
                    IF OLD.status = 'Published' THEN
                        RAISE EXCEPTION '已发布的预算公开（编号 %，第 % 版）不能修改或删除；更正请新建版本。', OLD.id, OLD.version
                            USING ERRCODE = 'BP001';
                    END IF;
                    RETURN coalesce(NEW, OLD);
                END $$;

                CREATE TRIGGER disclosures_published_immutable
                    BEFORE UPDATE OR DELETE ON disclosures
                    FOR EACH ROW EXECUTE FUNCTION refuse_published_disclosure_change();

                -- For every table below a disclosure: the path from a row to its disclosure.
                CREATE FUNCTION refuse_published_part_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                    r jsonb;
                    d integer;
                    old_d integer;
                BEGIN
                    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
                    d := CASE TG_TABLE_NAME
                        WHEN 'budget_tables' THEN (r->>'disclosure_id')::integer
                        WHEN 'note_sections' THEN (r->>'disclosure_id')::integer
                        WHEN 'performance_sheets' THEN (r->>'disclosure_id')::integer
                        WHEN 'table_rows' THEN (SELECT disclosure_id FROM budget_tables WHERE id = (r->>'budget_table_id')::integer)
                        WHEN 'table_cells' THEN (SELECT t.disclosure_id FROM table_rows x JOIN budget_tables t ON t.id = x.budget_table_id
                                                 WHERE x.id = (r->>'table_row_id')::integer)
                        WHEN 'note_lines' THEN (SELECT disclosure_id FROM note_sections WHERE id = (r->>'note_section_id')::integer)
                        WHEN 'note_figures' THEN (SELECT disclosure_id FROM note_sections WHERE id = (r->>'note_section_id')::integer)
                        WHEN 'indicators' THEN (SELECT disclosure_id FROM performance_sheets WHERE id = (r->>'performance_sheet_id')::integer)
                    END;
                    -- Moving a part away from a published disclosure is a change to that disclosure too.
                    IF TG_OP = 'UPDATE' AND to_jsonb(OLD) ? 'disclosure_id' THEN
                        old_d := (to_jsonb(OLD)->>'disclosure_id')::integer;
                    END IF;
                    IF disclosure_is_published(d) OR disclosure_is_published(old_d) THEN
                        RAISE EXCEPTION '已发布的预算公开（编号 %）的内容不能修改（%）；更正请新建版本。', coalesce(d, old_d), TG_TABLE_NAME
                            USING ERRCODE = 'BP001';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                """);
            foreach (var table in PartTables)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_published_immutable
                        BEFORE INSERT OR UPDATE OR DELETE ON {table}
                        FOR EACH ROW EXECUTE FUNCTION refuse_published_part_change();
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in PartTables)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_published_immutable ON {table};");
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS disclosures_published_immutable ON disclosures;
                DROP FUNCTION IF EXISTS refuse_published_part_change();
                DROP FUNCTION IF EXISTS refuse_published_disclosure_change();
                DROP FUNCTION IF EXISTS disclosure_is_published(integer);
                """);
        }
    }
}
