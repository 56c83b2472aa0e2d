using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <summary>
    /// Published data stays as published also against TRUNCATE, re-parenting (an UPDATE that moves a
    /// row, cell, indicator… out of or into a published disclosure), inserts into a published
    /// disclosure, a version inserted as already published, checks added after publication, PDFs
    /// added after a disclosure's files were stored, and a changed department code (issue 14;
    /// docs/decisions/0010-database-roles-and-immutability.md). The portal's own database role cannot
    /// disable any of these triggers (it owns no table and is no superuser).
    /// </summary>
    public partial class ImmutabilityHolds : Migration
    {
        private static readonly string[] PartTables =
        [
            "budget_tables", "table_rows", "table_cells", "note_sections", "note_lines", "note_figures",
            "performance_sheets", "indicators",
        ];

        /// <summary>Every table whose rows a published disclosure is made of or shown with.</summary>
        private static readonly string[] PublishedDataTables =
        [
            "disclosures", .. PartTables, "published_checks", "disclosure_pdfs", "departments",
            "glossary_entries", "classification_codes",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- The disclosure a part belongs to, for any part table: the same path as before, now
                -- asked of the old row as well as the new one.
                CREATE FUNCTION part_disclosure(p_table text, r jsonb) RETURNS integer
                LANGUAGE sql STABLE AS $$
                    SELECT CASE p_table
                        WHEN 'budget_tables' THEN (r->>'disclosure_id')::integer
                        WHEN 'note_sections' THEN (r->>'disclosure_id')::integer
                        WHEN 'performance_sheets' THEN (r->>'disclosure_id')::integer
                        WHEN 'table_rows' THEN (SELECT disclosure_id FROM budget_tables WHERE id = (r->>'budget_table_id')::integer)
                        WHEN 'table_cells' THEN (SELECT t.disclosure_id FROM table_rows x JOIN budget_tables t ON t.id = x.budget_table_id
                                                 WHERE x.id = (r->>'table_row_id')::integer)
                        WHEN 'note_lines' THEN (SELECT disclosure_id FROM note_sections WHERE id = (r->>'note_section_id')::integer)
                        WHEN 'note_figures' THEN (SELECT disclosure_id FROM note_sections WHERE id = (r->>'note_section_id')::integer)
                        WHEN 'indicators' THEN (SELECT disclosure_id FROM performance_sheets WHERE id = (r->>'performance_sheet_id')::integer)
                    END
                $$;

                -- Before: an UPDATE was checked against the new parent only (and the old disclosure_id), so
                -- a published row, cell or indicator could be moved into a draft by changing its parent id.
                CREATE OR REPLACE FUNCTION refuse_published_part_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                    old_d integer;
                    new_d integer;
                BEGIN
                    IF TG_OP <> 'INSERT' THEN old_d := part_disclosure(TG_TABLE_NAME, to_jsonb(OLD)); END IF;
                    IF TG_OP <> 'DELETE' THEN new_d := part_disclosure(TG_TABLE_NAME, to_jsonb(NEW)); END IF;
                    IF disclosure_is_published(old_d) THEN
                        RAISE EXCEPTION '已发布的预算公开（编号 %）的内容不能修改、删除或移走（%）；更正请新建版本。', old_d, TG_TABLE_NAME
                            USING ERRCODE = 'BP001';
                    END IF;
                    IF disclosure_is_published(new_d) THEN
                        RAISE EXCEPTION '已发布的预算公开（编号 %）不能添加或移入内容（%）；更正请新建版本。', new_d, TG_TABLE_NAME
                            USING ERRCODE = 'BP001';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;

                -- A version is published by publishing its draft (the row's status changes), never inserted
                -- as published: that would put an empty or unchecked version in front of the public.
                CREATE OR REPLACE FUNCTION refuse_published_disclosure_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.status = 'Published' THEN
                            RAISE EXCEPTION '预算公开不能以已发布状态直接写入（%，第 % 版）：先保存为草稿，再发布。', NEW.fiscal_year, NEW.version
                                USING ERRCODE = 'BP001';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF OLD.status = 'Published' THEN
                        RAISE EXCEPTION '已发布的预算公开（编号 %，第 % 版）不能修改或删除；更正请新建版本。', OLD.id, OLD.version
                            USING ERRCODE = 'BP001';
                    END IF;
                    RETURN coalesce(NEW, OLD);
                END $$;
                CREATE TRIGGER disclosures_not_inserted_published
                    BEFORE INSERT ON disclosures
                    FOR EACH ROW EXECUTE FUNCTION refuse_published_disclosure_change();

                -- Whether a row version (its xmin) was written by the current transaction or one of its
                -- subtransactions (EF Core's savepoints): another transaction's uncommitted row is never
                -- visible, so a visible row whose writer is still in progress is ours. The 32-bit xmin is
                -- widened to 64 bits around the current transaction's id (live ids lie within 2^31 of
                -- it; a subtransaction's id is above its parent's).
                CREATE FUNCTION written_by_current_transaction(x xid) RETURNS boolean
                LANGUAGE sql VOLATILE AS $$
                    WITH cur AS (SELECT pg_current_xact_id()::text::bigint AS id),
                         d AS (SELECT cur.id, (((x::text::bigint - (cur.id & 4294967295)) % 4294967296) + 4294967296) % 4294967296 AS diff FROM cur)
                    SELECT CASE WHEN x::text::bigint < 3 THEN false ELSE coalesce(pg_xact_status(
                        (d.id + CASE WHEN d.diff >= 2147483648 THEN d.diff - 4294967296 ELSE d.diff END)::text::xid8) = 'in progress', false) END
                    FROM d
                $$;

                -- The checks frozen at publication are written by the transaction that publishes: the
                -- disclosure is published at commit and its row was written by this transaction (a
                -- published row is never updated again, so no later transaction qualifies). Deferred to
                -- the commit, so the order of the UPDATE and the INSERTs within it does not matter.
                CREATE FUNCTION refuse_published_check_outside_publication() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM disclosures d WHERE d.id = NEW.disclosure_id AND d.status = 'Published'
                                   AND written_by_current_transaction(d.xmin)) THEN
                        RAISE EXCEPTION '数据核验结果只能在发布时随发布一并记录（公开编号 %），不能事后添加。', NEW.disclosure_id
                            USING ERRCODE = 'BP001';
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER published_checks_at_publication_only
                    AFTER INSERT ON published_checks DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION refuse_published_check_outside_publication();

                -- A published version's PDFs (the whole document and its eleven tables) are stored
                -- together, in one transaction; once stored, none can be added. Before, any table not yet
                -- printed could receive a PDF of anyone's making, hash and all.
                CREATE OR REPLACE FUNCTION refuse_disclosure_pdf_change() RETURNS trigger
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
                        IF EXISTS (SELECT 1 FROM disclosure_pdfs p WHERE p.disclosure_id = NEW.disclosure_id
                                   AND NOT written_by_current_transaction(p.xmin)) THEN
                            RAISE EXCEPTION '已发布的预算公开（编号 %）的 PDF 已经存档，不能再添加（部分 %）。', NEW.disclosure_id, NEW.part
                                USING ERRCODE = 'BP001';
                        END IF;
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION '已存档的 PDF（编号 %，部分 %）不能修改或删除。', OLD.disclosure_id, OLD.part
                        USING ERRCODE = 'BP001';
                END $$;

                -- A department's code is the public address of its published disclosures (and their file
                -- names): frozen once one is published. Its name may change (a real renaming), because a
                -- published document carries its own name (the sign-off's 落款单位) — except a version
                -- published without one, which shows the department's name: then the name is frozen too.
                CREATE FUNCTION refuse_published_department_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.code IS DISTINCT FROM OLD.code
                       AND EXISTS (SELECT 1 FROM disclosures WHERE department_id = OLD.id AND status = 'Published') THEN
                        RAISE EXCEPTION '部门“%”已有发布的预算公开，公开网址使用代码“%”，代码不能再修改。', OLD.name, OLD.code
                            USING ERRCODE = 'BP001';
                    END IF;
                    IF NEW.name IS DISTINCT FROM OLD.name
                       AND EXISTS (SELECT 1 FROM disclosures WHERE department_id = OLD.id AND status = 'Published' AND sign_off_name = '') THEN
                        RAISE EXCEPTION '部门“%”有已发布的预算公开以部门名称落款（未单独填写落款单位），名称不能再修改。', OLD.name
                            USING ERRCODE = 'BP001';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER departments_published_identity
                    BEFORE UPDATE OF code, name ON departments
                    FOR EACH ROW EXECUTE FUNCTION refuse_published_department_change();

                -- TRUNCATE fires no row triggers: it is refused outright on every table published data
                -- lives in, whoever asks (the owner too, unless it disables this trigger on purpose).
                CREATE FUNCTION refuse_truncate() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '表 % 保存已发布的数据，不能清空（TRUNCATE）。', TG_TABLE_NAME USING ERRCODE = 'BP001';
                END $$;
                """);
            foreach (var table in PublishedDataTables)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_no_truncate
                        BEFORE TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in PublishedDataTables)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};");
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS refuse_truncate();
                DROP TRIGGER IF EXISTS departments_published_identity ON departments;
                DROP FUNCTION IF EXISTS refuse_published_department_change();
                DROP TRIGGER IF EXISTS published_checks_at_publication_only ON published_checks;
                DROP TRIGGER IF EXISTS disclosures_not_inserted_published ON disclosures;
                DROP FUNCTION IF EXISTS refuse_published_check_outside_publication();

                CREATE OR REPLACE FUNCTION refuse_disclosure_pdf_change() RETURNS trigger
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
                DROP FUNCTION IF EXISTS written_by_current_transaction(xid);

                CREATE OR REPLACE FUNCTION refuse_published_disclosure_change() RETURNS trigger
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

                CREATE OR REPLACE FUNCTION refuse_published_part_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                    r jsonb;
                    d integer;
                    old_d integer;
                BEGIN
                    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
                    d := part_disclosure(TG_TABLE_NAME, r);
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
            // part_disclosure stays: the restored function above asks it for the path.
        }
    }
}
